"""Run every content rule over content/ and collect all problems at once.

Per file (in parallel on large sites): the shared header and Thai text
rules from thai_core.rules, and the file's links and images. Then the
rules over the whole site: duplicate slugs, links and images against
what the site will contain, and URLs changed since the git base.
"""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pelican.utils import slugify

from thai_core.problems import WARNING, Problem, relative, sort_key
from thai_core.rules import decode_source, header_problems, parse_header, text_problems
from thai_core.rules.dates import BE_THRESHOLD, parse_date
from thai_core.rules.pelican_fields import theme_templates
from thai_core.rules.urls import Entry, content_url, duplicate_slug_problems, url_change_problem
from thai_core.slugs import article_slug, is_valid_slug

from . import git_base
from .links import Targets, image_problems, link_problems
from .refs import Ref, find_refs
from .site_map import Published, SiteMap
from .sources import inventory, source_kind

PARALLEL_FROM = 2000  # files; below this, one process is faster


@dataclass(frozen=True)
class Context:
    """What a worker needs (picklable; not the whole Pelican settings)."""

    content: Path
    config: dict
    now: dt.datetime
    default_lang: str
    slug_substitutions: tuple
    templates: frozenset[str] = frozenset()  # what a Template field may name


@dataclass
class FileResult:
    rel: str  # relative to content/
    shown: str
    kind: str
    problems: list[Problem]
    refs: list[Ref] = field(default_factory=list)
    entry: Entry | None = None
    published: Published | None = None


@dataclass
class Result:
    problems: list[Problem]
    files: int
    notes: list[str]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


def _slug_and_date(header, stem: str, kind: str, ctx: Context):
    slug = header.value("slug").strip()
    if not is_valid_slug(slug):
        slug = article_slug(stem) if kind == "article" else slugify(
            header.value("title"), regex_subs=list(ctx.slug_substitutions))
    date = None
    if header.value("date").strip():
        try:
            date = parse_date(header.value("date"))
        except ValueError:
            date = None
        if date is not None and date.year >= BE_THRESHOLD:
            date = None
    return slug, date


def make_entry(shown: str, kind: str, header, stem: str, ctx: Context) -> Entry:
    slug, date = _slug_and_date(header, stem, kind, ctx)
    lang = header.value("lang").strip() or ctx.default_lang
    return Entry(shown, kind, slug, header.line("slug"), lang, date, header.line("date"))


def check_file(path: Path, kind: str, ctx: Context) -> FileResult:
    rel = path.relative_to(ctx.content).as_posix()
    shown = f"{ctx.content.name}/{rel}"  # as relative() shows it, without resolving
    text, problem = decode_source(path.read_bytes(), shown)
    if problem:
        return FileResult(rel, shown, kind, [problem])
    header = parse_header(text)
    problems = header_problems(shown, header, kind, ctx.config, ctx.now, ctx.templates)
    problems += text_problems(shown, text, header)
    image = header.get("image")
    lead = (image.value, image.line, header.value("imagealt")) if image else None
    entry = make_entry(shown, kind, header, path.stem, ctx)
    published = None
    if header.value("status").strip().lower() != "draft":
        tags = tuple(t.strip() for t in header.value("tags").replace(";", ",").split(",")
                     if t.strip())
        published = Published(kind, entry.slug, entry.date,
                               " ".join(header.value("category").split()), tags)
    return FileResult(rel, shown, kind, problems, find_refs(text, header.body_line, lead),
                      entry, published)


def _check_chunk(args) -> list[FileResult]:
    paths, ctx = args
    return [check_file(path, kind, ctx) for path, kind in paths]


def check_files(sources: list[tuple[Path, str]], ctx: Context, jobs: int) -> list[FileResult]:
    if jobs <= 1 or len(sources) < PARALLEL_FROM:
        return _check_chunk((sources, ctx))
    size = 500
    chunks = [(sources[i:i + size], ctx) for i in range(0, len(sources), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [r for chunk in pool.map(_check_chunk, chunks) for r in chunk]


def url_problems(changes: git_base.Changes, results: dict[str, FileResult],
                 content: Path, settings: dict, ctx: Context) -> list[Problem]:
    """Published articles and pages whose URL would change, or that are deleted."""
    patterns = {"article": settings["ARTICLE_URL"], "page": settings["PAGE_URL"]}
    todo = []
    for change in changes.items:
        if change.status not in "MRD":
            continue
        try:
            old_rel = change.old.relative_to(content.resolve()).as_posix()
        except ValueError:
            continue
        old_kind = source_kind(old_rel, settings)
        if old_kind:
            todo.append((change, old_kind))
    old_texts = changes.read_old([change.old for change, _ in todo])
    problems = []
    for change, old_kind in todo:
        data = old_texts.get(change.old)
        text = data.decode("utf-8-sig", "replace") if data is not None else None
        if text is None:
            continue
        old_header = parse_header(text)
        if old_header.value("status").strip().lower() == "draft":
            continue  # never published
        old_shown = relative(change.old, content)
        old = make_entry(old_shown, old_kind, old_header, change.old.stem, ctx)
        old_url = content_url(patterns[old_kind], old.slug, old.date)
        if change.new is None:
            problems.append(Problem(
                old_shown, 1, "file",
                f"ลบข่าวหรือหน้าที่เผยแพร่แล้ว: /{old_url} จะใช้ไม่ได้ (a published "
                f"{old_kind} is deleted)",
                "ถ้าตั้งใจลบ ให้ผู้ตรวจยืนยัน; ถ้าจะแก้ข่าว ให้แก้ไฟล์เดิมแทนการลบ",
                "article-removed", WARNING))
            continue
        new_rel = change.new.relative_to(content.resolve()).as_posix()
        now = results.get(new_rel)
        if now is None or now.entry is None or now.kind != old_kind or old.date is None:
            continue
        if now.entry.date is None:
            continue  # the date rule already reports it
        new_url = content_url(patterns[old_kind], now.entry.slug, now.entry.date)
        problem = url_change_problem(now.entry, old_url, new_url, old_shown, old.slug, old.date)
        if problem:
            problems.append(problem)
    return problems


def run(content: Path, settings: dict, config: dict, *, base: str | None = None,
        now: dt.datetime, jobs: int | None = None) -> Result:
    content = content.resolve()
    ctx = Context(content, config, now, settings.get("DEFAULT_LANG", ""),
                  tuple(tuple(s) for s in settings.get("SLUG_REGEX_SUBSTITUTIONS", [])),
                  theme_templates(settings["THEME"],
                                  settings.get("THEME_TEMPLATES_OVERRIDES") or ())
                  if settings.get("THEME") else frozenset())
    found = inventory(content, settings)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    results = check_files(found.sources, ctx, jobs)
    problems = list(found.problems)
    for result in results:
        problems += result.problems
    problems += duplicate_slug_problems([r.entry for r in results if r.entry])
    site = SiteMap(settings, [r.published for r in results if r.published], found.static,
                   config["category_slugs"])
    targets = Targets(content, {r.rel for r in results}, found.static, site,
                      (config["image_max_bytes"], config["image_max_pixels"]))
    for result in results:
        for ref in result.refs:
            rule = image_problems if ref.kind == "image" else link_problems
            problems += rule(ref, result.shown, result.rel, targets)
    notes = []
    changes, note = git_base.changes(content, base)
    if changes is not None:
        by_rel = {r.rel: r for r in results}
        problems += url_problems(changes, by_rel, content, settings, ctx)
        notes.append(f"URLs compared with {changes.base} ({changes.commit[:10]})")
    elif note:
        notes.append(note)
    unique = sorted(set(problems), key=sort_key)
    return Result(unique, len(results) + len(found.problems), notes)
