"""The page types every browser test of the theme visits, and their paths
on a built site: the home, an article, a category, the search page with
results, and the 404 page."""

from __future__ import annotations

from urllib.parse import quote

KINDS = ["home", "article", "category", "search", "404"]


def first_article(site) -> str:
    path = sorted(site.output.glob("news/*/*/*/index.html"))[0]
    return "/" + path.parent.relative_to(site.output).as_posix() + "/"


def page_path(site, kind: str) -> str:
    return {
        "home": "/",
        "article": first_article(site),
        "category": "/category/economy/",
        "search": "/search.html?q=" + quote("ทุเรียน"),
        "404": "/404.html",
    }[kind]
