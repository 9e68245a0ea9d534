"""Every path the built site will have, from the settings and the content,
so that a link such as `/news/2024/03/durian/` can be checked without
building. Pure apart from the optional romanization of unknown
categories and tags (PyThaiNLP, loaded only when a link needs it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thai_core.rules.urls import content_url
from thai_core.slugs import taxonomy_slug

_PAGE_N = re.compile(r"^(.*?)(?:page/\d+/?)$")
# Output folders written by plugins and the theme, not listed file by file.
GENERATED_PREFIXES = ("theme/", "search/")


@dataclass
class Published:
    kind: str  # "article" | "page"
    slug: str
    date: object = None  # datetime for articles
    category: str = ""
    tags: tuple[str, ...] = ()


@dataclass
class SiteMap:
    settings: dict
    items: list[Published]
    static: set[str]
    known_categories: dict[str, str]
    _paths: set[str] = field(default_factory=set)
    _taxonomies_done: bool = False

    def __post_init__(self):
        s = self.settings
        paths = {"", "index.html", "sitemap.xml"}
        for item in self.items:
            if item.kind == "article":
                paths.add(content_url(s["ARTICLE_URL"], item.slug, item.date))
                for key in ("YEAR_ARCHIVE_URL", "MONTH_ARCHIVE_URL"):
                    if s.get(key) and item.date is not None:
                        paths.add(s[key].format(date=item.date))
            else:
                paths.add(content_url(s["PAGE_URL"], item.slug, None))
        for name in s.get("DIRECT_TEMPLATES", []):
            key = name.upper()
            save_as = s.get(f"{key}_SAVE_AS", f"{name}.html")
            paths.add(s.get(f"{key}_URL", save_as))
            paths.add(save_as)
        for key in ("FEED_ALL_ATOM", "FEED_ALL_RSS"):
            if s.get(key):
                paths.add(s[key])
        for name, slug in self.known_categories.items():
            if any(i.category == name for i in self.items):
                self._add_category(slug)
        paths |= self.static
        self._paths |= {p.lstrip("/") for p in paths}

    def _add_category(self, slug: str) -> None:
        s = self.settings
        self._paths.add(s["CATEGORY_URL"].format(slug=slug))
        for key in ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"):
            if s.get(key):
                self._paths.add(s[key].format(slug=slug))

    def _add_taxonomies(self) -> None:
        """Slugs of unconfigured categories and of tags (romanized: slow)."""
        self._taxonomies_done = True
        categories = {i.category for i in self.items if i.category} - set(self.known_categories)
        for name in categories:
            self._add_category(taxonomy_slug(name, self.known_categories))
        for tag in {t for i in self.items for t in i.tags}:
            self._paths.add(self.settings["TAG_URL"].format(slug=taxonomy_slug(tag)))

    def _known(self, path: str) -> bool:
        if path in self._paths or path + "/" in self._paths:
            return True
        if path.endswith("index.html") and path[: -len("index.html")] in self._paths:
            return True
        return path.startswith(GENERATED_PREFIXES)

    def has(self, site_path: str) -> bool:
        """Whether /site_path (no query or fragment) will exist."""
        path = site_path.lstrip("/")
        paged = _PAGE_N.match(path)
        if paged:
            path = paged[1]
        if self._known(path):
            return True
        if not self._taxonomies_done:
            self._add_taxonomies()
            return self._known(path)
        return False
