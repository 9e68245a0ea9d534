"""The allowlist sanitizer (plugins/thai_news/sanitize.py) on its own:
hostile HTML loses what could run script, normal Markdown output is kept."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from thai_news.sanitize import (
    describe,
    is_safe_url,
    sanitize_html,
    strip_bidi_controls,
    url_host,
)

HOST = "news.example.go.th"


def clean(html: str, **options) -> str:
    return sanitize_html(html, site_host=HOST, **options).html


def render(text: str) -> str:
    """Markdown as Pelican renders it (its default MARKDOWN setting)."""
    md = markdown.Markdown(
        extensions=["markdown.extensions.extra", "markdown.extensions.codehilite",
                    "markdown.extensions.meta", "markdown.extensions.toc"],
        extension_configs={"markdown.extensions.codehilite": {"css_class": "highlight"}},
        output_format="html5")
    return md.convert(text)


def dangerous(html: str) -> list[str]:
    """Anything in html that could run script or load from elsewhere."""
    soup = BeautifulSoup(html, "html.parser")
    found = [t.name for t in soup.find_all(["script", "style", "iframe", "object", "embed",
                                            "form", "svg", "math", "base", "meta", "link"])]
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if attr.startswith("on") or attr in ("style", "srcset", "formaction"):
                found.append(f"{tag.name}@{attr}")
            if attr in ("href", "src") and not is_safe_url(text, image=tag.name == "img"):
                found.append(f"{tag.name}@{attr}={text}")
    return found


HOSTILE = [
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '"><img src=x onerror="window.__xss=1">',
    "<img src=x oNeRrOr=window.__xss=1>",
    '<a href="javascript:window.__xss=1">x</a>',
    '<a href="JaVaScRiPt:window.__xss=1">x</a>',
    '<a href="java&#x09;script:window.__xss=1">x</a>',
    '<a href="&#x20;javascript:window.__xss=1">x</a>',
    '<a href="javascript&colon;window.__xss=1">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<iframe src=https://evil.example></iframe>",
    "<object data=x.swf></object><embed src=x.swf>",
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name=q><button>go</button></form>',
    '<div onclick="window.__xss=1" onmouseover="window.__xss=1">x</div>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<svg><script>window.__xss=1</script></svg>",
    "<math><mtext><script>window.__xss=1</script></mtext></math>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<img srcset="https://evil.example/x.png 1x" src="a.png">',
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></noscript>',
    "<template><script>window.__xss=1</script></template>",
    '<details open ontoggle="window.__xss=1">x</details>',
    "<!--><script>window.__xss=1</script>-->",
]


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_loses_everything_that_could_run(html):
    result = sanitize_html(html, site_host=HOST)
    assert dangerous(result.html) == []
    assert "__xss" not in result.html and "evil" not in result.html


@pytest.mark.parametrize("source", [
    "[click](javascript:window.__xss=1)",
    "[click](JAVASCRIPT:window.__xss=1)",
    "[click](javascript&#58;window.__xss=1)",
    "<javascript:window.__xss=1>",
    "![x](javascript:window.__xss=1)",
    "[x](data:text/html,<script>window.__xss=1</script>)",
    "[ref][1]\n\n[1]: javascript:window.__xss=1",
    "# Title {: onclick=\"window.__xss=1\" }",
    "[link](https://ok.example){: onmouseover=\"window.__xss=1\" style=\"color:red\" }",
    "<div markdown=\"1\" onclick=\"window.__xss=1\">*x*</div>",
])
def test_markdown_cannot_inject_script(source):
    assert dangerous(clean(render(source))) == []


def test_normal_markdown_output_is_kept():
    source = """## หัวข้อย่อย

ย่อหน้าที่มี **ตัวหนา** *ตัวเอียง* `code` และ[ลิงก์](https://www.thaigov.go.th/news "ที่มา")
กับ[ลิงก์ภายใน]({filename}/news/other.md) อีเมล <mailto:pr@example.go.th>

- ข้อหนึ่ง
- ข้อสอง

ย่อหน้าคั่น

1. ลำดับ
2. ลำดับ

> คำพูด

| ซ้าย | กลาง | ขวา |
|:-----|:----:|----:|
| 1 | 2 | 3 |

![ภาพประกอบ]({static}/images/photo.jpg "คำบรรยาย")
![ภาพในเว็บ](https://news.example.go.th/images/a.jpg)
![จุด](data:image/png;base64,iVBORw0KGgo=)

```python
print("สวัสดี")
```

ข้อความมีเชิงอรรถ[^1]

[^1]: เชิงอรรถ
"""
    result = sanitize_html(render(source), site_host=HOST)
    assert not result.removed, describe(result.removed)
    soup = BeautifulSoup(result.html, "html.parser")
    assert soup.h2.get_text() == "หัวข้อย่อย" and soup.h2["id"]
    assert [a["href"] for a in soup.select("p a")][:3] == [
        "https://www.thaigov.go.th/news", "{filename}/news/other.md",
        "mailto:pr@example.go.th"]
    assert len(soup.select("ul li")) == 2 and len(soup.select("div.footnote ~ ol, p + ol li")) == 2
    assert soup.blockquote and soup.strong and soup.em and soup.select_one("p code")
    cells = soup.select("table td")
    assert [c.get("class") for c in cells] == [["align-left"], ["align-center"], ["align-right"]]
    assert [i["src"] for i in soup.select("img")] == [
        "{static}/images/photo.jpg", "https://news.example.go.th/images/a.jpg",
        "data:image/png;base64,iVBORw0KGgo="]
    assert soup.select_one("div.highlight pre code")
    assert soup.select_one("sup a.footnote-ref")["href"].startswith("#fn")
    assert "style=" not in result.html


def test_image_from_another_site_becomes_a_link():
    result = sanitize_html('<p><img src="https://evil.example/t.png" alt="ภาพ"></p>'
                           '<p><img src="//evil.example/u.png"></p>', site_host=HOST)
    soup = BeautifulSoup(result.html, "html.parser")
    assert not soup.find("img")
    assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [
        ("https://evil.example/t.png", "ภาพ"), ("//evil.example/u.png", "//evil.example/u.png")]
    assert result.removed["image from another site (now a link)"] == 2


def test_ids_the_page_uses_are_removed():
    html = '<h2 id="main">a</h2><h2 id="lunr">b</h2><h2 id="ok">c</h2>'
    out = clean(html, reserved_ids=frozenset({"main", "lunr"}))
    assert [h.get("id") for h in BeautifulSoup(out, "html.parser").find_all("h2")] == [
        None, None, "ok"]


def test_bidi_controls_are_removed_and_counted():
    result = sanitize_html("<p>abc\u202edcba\u2066x\u2069 ข่าว</p>")
    assert result.html == "<p>abcdcbax ข่าว</p>"
    assert result.removed["bidi control character"] == 3
    assert strip_bidi_controls("\u202bก\u202c\u200f") == "ก\u200f"  # marks kept


def test_control_characters_xml_cannot_carry_are_removed_and_counted():
    """Found by tests/test_reader_fuzz.py: a vertical tab (Word) in a body
    stopped the build at the Atom feed ("Control characters are not
    supported in XML 1.0"), naming no file."""
    result = sanitize_html('<p title="a\x0cb">ข่าว\x0bวันนี้\x00 \t tab</p>')
    assert result.html == '<p title="ab">ข่าววันนี้ \t tab</p>'  # tab and line breaks kept
    assert result.removed == {"control character": 3}
    assert sanitize_html("<p>ข่าว</p>").removed == {}


def test_text_stays_text():
    html = "<p>&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% if x %} \"'</p>"
    assert clean(html) == html


def test_url_helpers():
    assert url_host("https://a.example/x") == "a.example"
    assert url_host("//b.example/x") == "b.example"
    assert url_host("/\\c.example/x") == "c.example"
    assert url_host("/images/x.png") is None
    assert not is_safe_url(" \tjava\nscript:alert(1)")
    assert is_safe_url("data:image/png;base64,AA", image=True)
    assert not is_safe_url("data:image/png;base64,AA")
    assert not is_safe_url("data:image/svg+xml,<svg>", image=True)


def test_large_html_is_cleaned_whole():
    html = "<p>ข่าว <b>สำคัญ</b> <a href='/x'>ลิงก์</a></p>\n" * 10_000  # 40,000 elements
    result = sanitize_html(html + "<script>x()</script>")
    assert result.html.count("<p>") == 10_000 and result.removed == {"<script>": 1}
