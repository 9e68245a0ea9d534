"""Fuzzing the content reader: articles with random metadata (field names,
Pelican's own attribute names, values of every kind) are either built or
refused with the project's error (file, line, field, fix), never a
traceback, and never dropped quietly (thai_news: failed_sources).

Hypothesis reads a few hundred files in process, through Pelican's readers
and Article as the build does; then one real build of a batch drawn with a
new seed each run (PIPELINE_FUZZ_SEED=<seed> replays it, as in
tests/test_pipeline_fuzz.py) shows what editors get.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pelican.contents import Article
from pelican.readers import Readers
from pelican.settings import read_settings

from pipeline_cases import (
    CONNECTORS,
    EMOJI,
    INVISIBLE,
    draw,
    fuzz_seed,
    marks_and_invisibles,
    thai_latin_digits,
    thai_words,
)
from sitebuild import ROOT, build_site, write_content
from thai_core.problems import FileProblem
from thai_core.rules.fields import KNOWN_FIELDS
from thai_core.rules.pelican_fields import reserved_fields
from thai_news.reader import ValidatingMarkdownReader

SPECIAL_VALUES = [
    "", " ", "draft", "Draft", "hidden", "skip", "published", "bogus", "article", "page", "base",
    "nonexistent", "!simple/article", "../../outside.html", "/etc/passwd", "a/../../x.html",
    "news/x/index.html", "{static}/images/nope.jpg", "{filename}/news/x.md", "http://evil.example/",
    "javascript:alert(1)", "<script>alert(1)</script>", "ด้านเศรษฐกิจ", "economy", "x, y", ";", ",",
    "true", "None", "0", "-1", "ข่าว" * 100, "a" * 400, "2024-02-30", "2567-01-15",
    "2024-01-01T00:00:00+99:00", "0001-01-01 00:00 +0100", "9999-12-31 23:59 -1200",
    "1900-01-01", "2024-01-15 25:61", "2024-01-15T09:30:00Z",
]
DATES = st.builds(
    lambda when, offset, form: (when.strftime(form) + (f" {offset:+03d}00" if offset else "")),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
    st.one_of(st.just(0), st.integers(-30, 30)),
    st.sampled_from(["%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y", "%Y"]))
FIELD_NAMES = sorted(KNOWN_FIELDS) + ["lead", "x-custom", "_x", "catgory", "sumary", "dates"]


def one_line(value: str) -> str:
    """A field value: a line break would begin the next field (or the body)."""
    return value.replace("\n", " ").replace("\r", " ")


def header_lines(fields: list[tuple[str, str]]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in fields)


@st.composite
def article_fields(draw_, words: list[str]) -> tuple[list[tuple[str, str]], str]:
    """(header fields as written, more body text) with random metadata:
    Title, Date and Category usually valid, then random fields."""
    known = st.sampled_from(FIELD_NAMES)
    names = st.one_of(known, known, known, st.sampled_from(sorted(reserved_fields())),
                      st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True))
    text = st.one_of(thai_latin_digits(words, 8), thai_latin_digits(words, 8),
                     marks_and_invisibles(words, 6)).map(one_line)
    values = st.one_of(st.sampled_from(SPECIAL_VALUES), DATES, text,
                       st.sampled_from(EMOJI + INVISIBLE + CONNECTORS))
    casing = st.sampled_from([str.capitalize, str.lower, str.upper])
    fields = []
    for name, good in (("title", "ข่าวทดสอบ"), ("date", "2024-03-15 10:00"),
                       ("category", "ด้านเศรษฐกิจ")):
        fields.append((name, good if draw_(st.integers(0, 9)) else draw_(values)))
    fields += draw_(st.lists(st.tuples(names, values), max_size=4))
    return [(draw_(casing)(name), value) for name, value in fields], draw_(text)


def article_source(number: int, fields: list[tuple[str, str]], more: str) -> str:
    """The Markdown file: the fields with a unique Slug after the first
    three, and a body with a unique marker word."""
    header = fields[:3] + [("Slug", f"fuzz-{number}")] + fields[3:]
    return f"{header_lines(header)}\nเนื้อหาข่าว fuzzmarker{number}\n\n{more}\n"


def status_of(fields: list[tuple[str, str]]) -> str:
    """The Status Pelican keeps: the first one given, lowercased."""
    return next((v.strip().lower() for k, v in fields if k.lower() == "status"), "")


@pytest.fixture(scope="module")
def pelican_reading(tmp_path_factory):
    """read(source): Pelican's readers with the site's reader, and its Article, as a build."""
    content = tmp_path_factory.mktemp("reader-fuzz") / "content"
    (content / "news").mkdir(parents=True)
    conf = read_settings(str(ROOT / "pelicanconf.py"),
                         override={"PATH": str(content), "OUTPUT_PATH": str(content.parent / "o")})
    readers = Readers(conf)
    for ext in ValidatingMarkdownReader.file_extensions:
        readers.readers[ext] = ValidatingMarkdownReader(conf)  # as thai_news's readers_init does
    context = {"generated_content": {}, "static_content": {}, "static_links": set(),
               "localsiteurl": ""}

    def read(source: str):
        path = content / "news" / "fuzz.md"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        article = readers.read_file(base_path=str(content), path="news/fuzz.md",
                                    content_class=Article, context=copy.copy(context))
        return article, article.is_valid() and (article.url, article.save_as, article.content)

    logging.disable(logging.ERROR)  # Pelican's own complaints; the outcome is asserted
    yield read
    logging.disable(logging.NOTSET)


WORDS = thai_words()


@settings(max_examples=300, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(article_fields(WORDS))
# Found by this test (2026-12-08): a Lang that puts a translation's file
# name outside the output folder ([lang-invalid]).
@example(([("Title", "ข่าวทดสอบ"), ("Date", "2024-03-15 10:00"), ("Category", "ด้านเศรษฐกิจ"),
           ("Lang", "a/../../x.html")], ""))
def test_read_gives_an_article_or_the_projects_error(pelican_reading, drawn):
    text = article_source(0, *drawn)
    try:
        article, valid = pelican_reading(text)
    except FileProblem as error:
        problem = error.problem
        lines = text.count("\n") + 1
        assert problem.path == "content/news/fuzz.md" and 1 <= problem.line <= lines
        assert problem.field and problem.hint
        assert str(problem).startswith(f"content/news/fuzz.md:{problem.line}: {problem.field}: ")
        return
    # Pelican would drop an article that is not valid: a rule must have refused it.
    assert valid, f"Pelican would drop this file, and no rule named why:\n{text}"


PROBLEM = re.compile(r"(content/news/fuzz/f\d+\.md):(\d+): ([^:\n]+): ")


def test_a_build_of_random_metadata_builds_or_names_each_bad_file(tmp_path):
    seed = fuzz_seed()
    # Hypothesis begins with its simplest examples: take 24 of the later ones.
    drawn = draw(article_fields(WORDS), 120, seed)[-24:]
    sources = [article_source(i, *d) for i, d in enumerate(drawn)]
    # A lone surrogate is written as its (invalid UTF-8) bytes: the encoding rule names it.
    files = {f"news/fuzz/f{i}.md": text.encode("utf-8", "surrogatepass")
             for i, text in enumerate(sources)}
    replay = f"PIPELINE_FUZZ_SEED={seed} .venv/bin/python -m pytest {Path(__file__).name}"
    write_content(tmp_path / "content", files)
    build = build_site(tmp_path / "content", tmp_path / "output", timeout=300)
    assert build.returncode in (0, 1) and "Traceback" not in build.log, f"{replay}\n{build.log}"
    named = {m[1] for m in PROBLEM.finditer(build.log)}
    assert (build.returncode == 1) == bool(named), f"{replay}\n{build.log}"
    for shown in named:  # the rest must build once the named files are out
        (tmp_path / shown).unlink()
    if named:
        build = build_site(tmp_path / "content", tmp_path / "output", timeout=300)
        assert build.returncode == 0 and "Traceback" not in build.log, f"{replay}\n{build.log}"
    pages = "".join(p.read_text("utf-8") for p in (tmp_path / "output").rglob("*.html"))
    for i, (fields, _) in enumerate(drawn):
        if f"content/news/fuzz/f{i}.md" in named or status_of(fields) in ("draft", "skip"):
            continue
        assert f"fuzzmarker{i}" in pages, f"{replay}: f{i}.md is neither built nor named\n" \
            f"{sources[i]}\n{build.log}"
