"""Related news in a real build (tests/fixtures/related_site: three stories,
two kinds of duplicates, an English title, and background articles of
common words only): the page contract of #related-news, and a rebuild
after one edit that ranks again and writes again only what it changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_incremental_build import assert_same_tree
from test_related import STORIES, background

from sitebuild import ROOT, build_site, write_content

FIXTURE = ROOT / "tests" / "fixtures" / "related_site"


def _content(root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    write_content(root / "news", background())
    return root


def _cached(tmp: Path, name: str) -> dict:
    return {"CACHE_PATH": str(tmp / name), "LOAD_CONTENT_CACHE": True}


def _pages(out: Path) -> dict[str, BeautifulSoup]:
    """Article URL path -> its page."""
    return {"/" + p.parent.relative_to(out).as_posix() + "/":
            BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in out.glob("news/*/[0-9][0-9]/*/index.html")}  # not news/<year>/page/<n>/


def _slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("related")
    content = _content(tmp / "content")
    build = build_site(content, tmp / "out", extra=_cached(tmp, "cache"), verbose=True)
    assert build.returncode == 0, build.log
    return tmp, content, build


def test_related_links_are_plain_links_in_related_news(built):
    _, _, build = built
    pages = _pages(build.output)
    titles = {url: page.select_one("h1").get_text(strip=True) for url, page in pages.items()}
    story = {a for groups in STORIES.values() for group in groups for a in group}
    # A story's article lists its story at least (three at most are asked
    # for); a copy under another title, whose rarest words are those it
    # shares with its original, may list less.
    needed = {a: min(3, len(groups) - 1) for groups in STORIES.values()
              for group in groups for a in group}
    needed["dengue-notice"] = 1
    listed = 0
    for url, page in pages.items():
        nav = page.select_one("#related-news")
        if _slug(url) in story:
            assert nav is not None, url
        if nav is None:
            continue
        assert nav.name == "nav" and nav["aria-labelledby"] == "related-news-heading"
        assert nav.select_one("h2#related-news-heading").get_text(strip=True) == "ข่าวที่เกี่ยวข้อง"
        links = [a["href"] for a in nav.select("ul > li > a[href]")]
        assert 1 <= len(links) <= 5, url
        assert len(links) >= needed.get(_slug(url), 1), url
        for href in links:
            assert href in pages, (url, href)  # an article page of the site
            assert href != url, url  # never itself
            assert titles[href] != titles[url], (url, href)  # never a copy of itself
        assert len(set(links)) == len(links)
        listed += 1
    assert listed >= len(story)
    # No JavaScript is needed: the links are in the HTML as built.
    assert all("related" not in (s.get("src") or "") for p in pages.values()
               for s in p.select("script"))


def test_each_story_stays_in_its_story(built):
    _, _, build = built
    pages = _pages(build.output)
    by_slug = {_slug(url): url for url in pages}
    for groups in STORIES.values():
        members = {a for group in groups for a in group}
        for group in groups:
            for article in group:
                nav = pages[by_slug[article]].select_one("#related-news")
                first = [_slug(a["href"]) for a in nav.select("a")][:min(3, len(groups) - 1)]
                assert set(first) <= members - set(group), (article, first)


def test_an_english_title_keeps_its_language(built):
    _, _, build = built
    page = _pages(build.output)["/news/2024/03/durian-china/"]
    link = page.select_one('#related-news a[href="/news/2024/06/durian-record/"]')
    assert link is not None and link["lang"] == "en"
    assert page.select_one("#related-news h2").get("lang") is None  # the page's Thai


def test_background_articles_sharing_no_rare_word_list_nothing(built):
    _, _, build = built
    page = _pages(build.output)["/news/2022/01/background-00/"]
    assert page.select_one("#related-news") is None
    assert "ข่าวที่เกี่ยวข้อง" not in str(page.select_one("main"))


@pytest.mark.parametrize("early", [False, True], ids=["in-build", "index-process"])
def test_an_edit_ranks_and_writes_again_only_what_it_changed(built, tmp_path, early):
    """With `early`, the search's index process reads the segmentation cache
    (its terms reach related news read on demand: thai_search's CachedTerms)."""
    tmp, content, build = built
    out = tmp_path / "out"
    shutil.copytree(build.output, out, copy_function=shutil.copy2)
    cache = tmp_path / "cache"
    shutil.copytree(tmp / "cache", cache)
    extra = {"CACHE_PATH": str(cache), "LOAD_CONTENT_CACHE": True}
    if early:
        tables = ROOT / "content" / "search"
        extra["THAI_SEARCH"] = {
            "word_list": str(tables / "words.txt"), "processes": 2, "index_beside_min": 1,
            "variant_tables": [str(tables / "variants.txt"), str(tables / "abbreviations.txt")]}
    again = build_site(content, out, extra=extra, verbose=True)
    assert again.returncode == 0, again.log
    assert re.search(r"thai_related: \d+ articles \(0 changed, 0 rarity levels moved\); "
                     r"0 lists ranked", again.log)
    before = {url: (page.select_one("#related-news") or "").__str__()
              for url, page in _pages(out).items()}
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("news/*/[0-9][0-9]/*/index.html")}
    edited = tmp_path / "content"
    shutil.copytree(content, edited)
    # Its title becomes dengue-patients' own: the two now list each other no more.
    path = edited / "news" / "dengue-volunteers.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("อสม. ลงพื้นที่สำรวจลูกน้ำยุงลายในชุมชน ป้องกันไข้เลือดออก",
                                 "ผู้ป่วยไข้เลือดออกเพิ่มขึ้น กรมควบคุมโรคเร่งพ่นหมอกควันกำจัดยุงลาย"),
                    encoding="utf-8")
    rebuilt = build_site(edited, out, extra=extra, verbose=True)
    assert rebuilt.returncode == 0, rebuilt.log
    assert ("read the segmentation cache while Pelican read" in rebuilt.log) == early
    ranked = re.search(r"thai_related: (\d+) articles \((\d+) changed, \d+ rarity levels "
                       r"moved\); (\d+) lists ranked", rebuilt.log)
    total, changed, lists = map(int, ranked.groups())
    assert changed >= 1 and lists < total // 2, ranked[0]
    clean = build_site(edited, tmp_path / "clean", extra=_cached(tmp_path, "clean-cache"))
    assert clean.returncode == 0, clean.log
    assert_same_tree(out, tmp_path / "clean")
    # A page is written again only if its list (or its own text) changed.
    after = {url: (page.select_one("#related-news") or "").__str__()
             for url, page in _pages(out).items()}
    for path, stamp in stamps.items():
        url = "/" + path.parent.relative_to(out).as_posix() + "/"
        if before[url] == after[url] and not url.endswith("/dengue-volunteers/"):
            assert path.stat().st_mtime_ns == stamp, url
    patients = "/news/2023/07/dengue-patients/"
    assert "dengue-volunteers" in before[patients] and "dengue-volunteers" not in after[patients]
