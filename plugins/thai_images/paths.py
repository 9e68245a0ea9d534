"""Where an article's image lives under content/. Pure; shared with the
content checker (newsroom.check) so both read image references alike."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

INTRASITE = ("{static}", "{attach}", "{filename}")


def is_external(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https", "data") or url.startswith("//")


def lead_image_path(value: str) -> str | None:
    """The `Image:` field (`images/2024/a.jpg`, `/images/...` or
    `{static}/images/...`) as a path relative to content/; None for a URL."""
    value = value.strip()
    if not value or is_external(value):
        return None
    for prefix in INTRASITE:
        if value.startswith(prefix):
            value = value[len(prefix):]
            break
    path = unquote(urlsplit(value).path).lstrip("/")
    return posixpath.normpath(path) if path else None


def body_image_path(src: str, source_rel: str, siteurl: str = "") -> str | None:
    """An <img src> in an article body as a path relative to content/:
    `{static}/images/a.jpg` (from content/), `{static}a.jpg` (from the
    article's folder) or a site path `/images/a.jpg`; None otherwise."""
    src = src.strip()
    if siteurl and src.startswith(siteurl.rstrip("/") + "/"):
        src = src[len(siteurl.rstrip("/")):]
    for prefix in INTRASITE:
        if src.startswith(prefix):
            path = unquote(urlsplit(src[len(prefix):]).path)
            if not path.startswith("/"):
                path = posixpath.join(posixpath.dirname(source_rel), path)
            return posixpath.normpath(path.lstrip("/"))
    if src.startswith("/") and not src.startswith("//"):
        return posixpath.normpath(unquote(urlsplit(src).path).lstrip("/"))
    return None
