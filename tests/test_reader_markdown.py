"""The site's reader keeps one Markdown a build (thai_news/reader.py):
every file must read exactly as Pelican's own MarkdownReader, which makes a
Markdown for each file, reads it; nothing of one file may reach the next."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from sitebuild import article, write_content
from thai_core.problems import FileProblem
from thai_news.reader import ValidatingMarkdownReader
from thai_news.timelimit import TimeLimitExceeded

ROOT = Path(__file__).resolve().parents[1]

# In this order: state a file leaves (footnotes, abbreviations, link
# references, a formatted summary, which takes the meta preprocessor out)
# must not change the files after it.
FILES = {
    "news/a-footnotes.md": article(slug="a", summary="สรุป **ตัวหนา**", body="""
        ข่าวมีเชิงอรรถ[^1] และอีก[^note]

        [^1]: หมายเหตุหนึ่ง
        [^note]: หมายเหตุสอง
        """),
    "news/b-abbr.md": article(slug="b", body="""
        ครม. ประชุมวันนี้ ตาม [ประกาศ][ref]

        *[ครม.]: คณะรัฐมนตรี
        [ref]: https://www.thaigov.go.th/
        """),
    "news/c-after.md": article(slug="c", summary="สรุป _เอียง_", body="""
        ครม. อีกครั้ง ตาม [ประกาศ][ref] และเชิงอรรถ[^1]

        [^1]: ของข่าวนี้

        ศัพท์
        :   ความหมาย

        | ก | ข |
        |---|---|
        | 1 | 2 |

        ```
        โค้ด
        ```

        <div markdown="1">**ใน HTML**</div>
        """),
    "news/d-plain.md": article(slug="d", body="ข่าวธรรมดา **ไม่มีอะไรพิเศษ**"),
    # Block states a parse cut short would leave (lists, indents, quotes).
    "news/e-blocks.md": article(slug="e", body="""
        ย่อหน้าแรก

        ย่อหน้าที่สอง

        * ข้อหนึ่ง

            ย่อหน้าต่อของข้อหนึ่ง

        * ข้อสอง[^1] อ้างอีก[^1]

        > คำพูด
        > ต่อ

        1. ลำดับ
        2. ลำดับสอง

        [^1]: อ้างซ้ำ
        """),
}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reader-markdown") / "content"
    return write_content(root, FILES)


def settings_for(content: Path) -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"),
                         override={"PATH": str(content), "OUTPUT_PATH": str(content.parent / "o")})


def pelicans_own(content: Path, name: str):
    """What Pelican's MarkdownReader, with a fresh Markdown, reads."""
    return MarkdownReader(settings_for(content)).read(str(content / name))


def test_one_markdown_reads_every_file_as_a_fresh_one_would(content):
    reader = ValidatingMarkdownReader(settings_for(content))
    for _ in range(2):  # and again, with the same Markdown
        for name in FILES:
            assert reader.read(str(content / name)) == pelicans_own(content, name), name
    kept = reader._kept_markdown
    assert reader._md is kept  # one Markdown for them all
    # Pelican's _parse_metadata takes the meta preprocessor out after each
    # file; it is back, in its place among the preprocessors, for the next.
    in_order = lambda md: [type(p).__name__ for p in md.preprocessors]  # noqa: E731
    pelican = MarkdownReader(settings_for(content))
    fresh = Markdown(**pelican.settings["MARKDOWN"])
    assert "meta" not in kept.preprocessors
    assert reader._markdown() is kept
    assert in_order(kept) == in_order(fresh) and "MetaPreprocessor" in in_order(fresh)


def test_a_refused_file_leaves_nothing_for_the_next(content):
    reader = ValidatingMarkdownReader(settings_for(content))
    bad = content / "news" / "refused.md"
    bad.write_text("Title: ไม่มีวันที่\n\nเนื้อหา\n", encoding="utf-8")
    try:
        reader.read(str(content / "news/b-abbr.md"))
        with pytest.raises(FileProblem):
            reader.read(str(bad))
    finally:
        bad.unlink()
    for name in FILES:
        assert reader.read(str(content / name)) == pelicans_own(content, name), name


def test_a_file_cut_short_leaves_nothing_for_the_next(content, monkeypatch):
    """A parse that stops inside a list (its time ran out: the reader's
    SIGALRM) leaves the block parser in the list's state, which reset() does
    not clear: the next file would lose its paragraphs. The reader drops
    that Markdown."""
    reader = ValidatingMarkdownReader(settings_for(content))
    reader.read(str(content / "news/a-footnotes.md"))
    kept = reader._kept_markdown
    paragraph = kept.parser.blockprocessors["paragraph"]

    def cut_short(*args):
        if kept.parser.state.isstate("list"):
            raise TimeLimitExceeded(60)
        return type(paragraph).run(paragraph, *args)

    monkeypatch.setattr(paragraph, "run", cut_short)
    with pytest.raises(FileProblem) as refused:
        reader.read(str(content / "news/e-blocks.md"))
    assert refused.value.problem.code == "render-timeout"
    assert kept.parser.state  # what the cut left
    for name in FILES:
        assert reader.read(str(content / name)) == pelicans_own(content, name), name
    assert reader._kept_markdown is not kept

