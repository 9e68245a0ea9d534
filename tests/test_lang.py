"""lang="en" on English passages: the pure classifier and marker
(plugins/thai_lang/latin.py), and what a real build writes."""

from __future__ import annotations

import json
import random

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT
from thai_lang.latin import classify, mark_english

VECTORS = json.loads((ROOT / "tests" / "vectors" / "lang.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["vectors"], ids=lambda c: c["text"][:30])
def test_classify_vectors(case):
    assert classify(case["text"]) == case["lang"]


def test_classify_counts_every_letter():
    """classify's shortcuts (no Latin letter: no count; Thai letters counted
    by runs) decide as counting each letter does, on mixed text."""
    from thai_lang.latin import LATIN, THAI

    def counted(text, latin_share=0.5, min_letters=2):
        latin, thai = len(LATIN.findall(text)), len(THAI.findall(text))
        if latin + thai == 0:
            return None
        if latin >= min_letters and latin / (latin + thai) > latin_share:
            return "en"
        return "th" if thai else None

    rng = random.Random(3)
    alphabet = list("abcXYZéñ ,.-1209") + ["ข่าว", "ไทย", "ก", "่", "ำ", "ๆ", "\u0e4e", "๑"]
    for _ in range(3000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
        for rule in ({}, {"latin_share": 0.3, "min_letters": 1}, {"min_letters": 5}):
            assert classify(text, **rule) == counted(text, **rule), (text, rule)


def test_marks_english_blocks_and_keeps_every_other_byte():
    html = (
        "<p>ครม. อนุมัติโครงการ SME 4.0</p>\n"
        "<p>The Cabinet approved <strong>the plan</strong> &amp; the budget.</p>\n"
        "<h2 id=\"s\">Summary</h2>\n"
        "<ul>\n<li>COVID-19</li>\n<li>ข้อที่สอง</li>\n</ul>\n"
        "<table><tr><th>Province</th><td>เชียงใหม่</td></tr></table>\n"
        "<p>&nbsp;<br />2566</p>"
    )
    marked = mark_english(html)
    assert marked == (
        "<p>ครม. อนุมัติโครงการ SME 4.0</p>\n"
        "<p lang=\"en\">The Cabinet approved <strong>the plan</strong> &amp; the budget.</p>\n"
        "<h2 lang=\"en\" id=\"s\">Summary</h2>\n"
        "<ul>\n<li lang=\"en\">COVID-19</li>\n<li>ข้อที่สอง</li>\n</ul>\n"
        "<table><tr><th lang=\"en\">Province</th><td>เชียงใหม่</td></tr></table>\n"
        "<p>&nbsp;<br />2566</p>"
    )


def test_thai_inside_english_is_marked_back_and_own_lang_is_kept():
    html = ("<ul><li>First point in English<ul><li>ประเด็นย่อยภาษาไทย</li></ul></li></ul>"
            "<p lang=\"fr\">Bonjour tout le monde</p>"
            "<blockquote><p>Quoted English speech here</p></blockquote>")
    soup = BeautifulSoup(mark_english(html), "html.parser")
    outer, inner = soup.find_all("li")
    assert outer["lang"] == "en" and inner["lang"] == "th"
    assert soup.find("p")["lang"] == "fr"
    assert soup.blockquote.p["lang"] == "en"


def test_code_and_attributes_do_not_decide():
    html = ('<p>ดูรายละเอียดที่ <a href="https://www.example.go.th/very/long/english/path">'
            'เว็บไซต์กระทรวง</a></p>\n<p>คำสั่ง <code>pip install something-long</code></p>')
    assert mark_english(html) == html


def test_thai_only_content_is_returned_unchanged_without_parsing(monkeypatch):
    import thai_lang.latin as latin

    def boom(*args, **kwargs):
        raise AssertionError("parsed a page without English")

    monkeypatch.setattr(latin, "BeautifulSoup", boom)
    html = "<p>ข่าวภาษาไทยล้วน ไม่มีภาษาอังกฤษ</p><p>ครม. อนุมัติ SME</p>"
    assert latin.mark_english(html) is html


def test_built_site_marks_english(trust_site):
    english = BeautifulSoup(trust_site.read("news/2024/03/cabinet-english/index.html"),
                            "html.parser")
    assert english.html["lang"] == "th"
    assert english.select_one("h1.article-title")["lang"] == "en"
    assert english.select_one(".article-category a")["lang"] == "en"
    body = english.select(".article-body > p")
    assert [p.get("lang") for p in body] == ["en", None, "en"]
    assert english.select_one('.tag-list a[lang="en"]').get_text() == "#SME"
    thai = BeautifulSoup(trust_site.read("news/2024/03/durian-photo/index.html"), "html.parser")
    assert thai.select_one("h1.article-title").get("lang") is None
    assert thai.select_one(".article-body li[lang=en]").get_text() == "Durian export to China"
    assert thai.select_one(".article-body p[lang=en]").get_text().startswith("The Ministry")
    listing = BeautifulSoup(trust_site.read("category/government-news/index.html"),
                            "html.parser")
    assert listing.select_one("h1 span")["lang"] == "en"
    assert listing.select_one(".card-title a")["lang"] == "en"
    # English words in the theme's own Thai text
    assert english.select_one('.site-footer span[lang="en"]').get_text() == "Atom"
    assert [s.get_text() for s in english.select('.share-link span[lang="en"]')] == [
        "Facebook", "LINE", "X"]
