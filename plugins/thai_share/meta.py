"""Share metadata as data: absolute URLs, share links, NewsArticle JSON-LD.

Pure functions, no Pelican; thai_share.py feeds them and the templates
(partials/meta-*.html, partials/share-buttons.html) print the results.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import quote, urlsplit

HEADLINE_MAX = 110  # Google's limit for Article.headline


def check_site_url(url: str) -> str:
    """An absolute http(s) site URL without the trailing slash, or ValueError."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query \
            or parts.fragment:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    return url.rstrip("/")


def absolute(site_url: str, path: str) -> str:
    """The absolute URL of a site path such as 'news/2024/01/x/' ('' is home)."""
    return f"{site_url}/{path.lstrip('/')}"


def page_path(output_file: str) -> str:
    """The URL path of a written file: 'a/b/index.html' -> 'a/b/', 'index.html' -> ''."""
    if output_file == "index.html":
        return ""
    if output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def _q(text: str) -> str:
    """Percent-encode everything but unreserved characters (RFC 3986)."""
    return quote(text, safe="")


def share_links(url: str, title: str) -> list[dict]:
    """Plain links to each service's own share page: no script, no tracking.

    LINE's current share URL is social-plugins.line.me/lineit/share (the
    line:// scheme is deprecated); X's is the Web Intent /intent/tweet.
    """
    return [
        {"service": "facebook", "label": "Facebook",
         "href": f"https://www.facebook.com/sharer/sharer.php?u={_q(url)}"},
        {"service": "line", "label": "LINE",
         "href": f"https://social-plugins.line.me/lineit/share?url={_q(url)}"},
        {"service": "x", "label": "X",
         "href": f"https://twitter.com/intent/tweet?text={_q(title)}&url={_q(url)}"},
    ]


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def news_article(*, url: str, headline: str, description: str, image: str,
                 published: datetime, modified: datetime | None, author: str,
                 author_type: str, publisher: str, logo: dict, section: str,
                 keywords: list[str], language: str) -> dict:
    """schema.org NewsArticle with Google's required and recommended properties."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": shorten(headline, HEADLINE_MAX),
        "description": description,
        "image": [image],
        "datePublished": published.isoformat(),
        "dateModified": (modified or published).isoformat(),
        "author": [{"@type": author_type, "name": author}],
        "publisher": {"@type": "Organization", "name": publisher,
                      "logo": {"@type": "ImageObject", **logo}},
        "articleSection": section,
        "inLanguage": language,
        "isAccessibleForFree": True,
    }
    if keywords:
        data["keywords"] = keywords
    return data


def script_json(data) -> str:
    """JSON safe to place inside <script type="application/ld+json">.

    `<`, `>` and `&` can only occur inside JSON strings, where their \\u
    escapes mean the same: no `</script>` or `<!--` can end the element
    early. U+2028/U+2029 are escaped for old JavaScript parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
