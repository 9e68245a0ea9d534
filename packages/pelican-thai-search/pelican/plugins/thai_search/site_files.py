"""What the plugin adds to a site besides the index: the search page, its
template and its browser files.

- "search" joins DIRECT_TEMPLATES, so Pelican renders search.html to
  SEARCH_SAVE_AS, which the plugin sets (search.html unless the site says
  otherwise): the one place that decides the page's address, which every
  search form's action names (macros.html, a theme's own forms).
- The plugin's templates/ comes after the theme's and Pelican's own: a
  theme's search.html wins over the default one, which extends the theme's
  base.html. Themes can import the search box macro from
  "thai_search/macros.html".
- static/ (the engine and page code, lunr.min.js) is copied under the
  theme's static folder (THEME_STATIC_DIR) before the theme's own files,
  which so may replace any of them; its JavaScript without comment lines
  (browser_files.py).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader

from .browser_files import COPIES, served_copy

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
PAGE = "search"  # the direct template
SAVE_AS = "search.html"  # where Pelican writes it unless the site sets SEARCH_SAVE_AS


def search_page_settings(settings) -> dict:
    """DIRECT_TEMPLATES with the search page, and SEARCH_SAVE_AS, always set."""
    templates = list(settings["DIRECT_TEMPLATES"])
    return {"DIRECT_TEMPLATES": templates if PAGE in templates else [*templates, PAGE],
            "SEARCH_SAVE_AS": settings.get("SEARCH_SAVE_AS", SAVE_AS)}


def add_search_page(settings: dict) -> None:
    """The search page among the direct templates, the browser files as
    served (browser_files.py) among the theme's static paths (first: the
    theme's own files win)."""
    settings.update(search_page_settings(settings))
    # Absolute: Pelican joins a relative theme static path to the theme's folder.
    served = str(served_copy(STATIC, Path(settings["CACHE_PATH"]).resolve()))
    others = [p for p in settings["THEME_STATIC_PATHS"]
              if p != str(STATIC) and Path(p).parent.name != COPIES]
    settings["THEME_STATIC_PATHS"] = [served, *others]


def add_templates(generator) -> None:
    """The default search.html and the macros, after every other template."""
    loader = generator.env.loader
    ours = FileSystemLoader(str(TEMPLATES))
    if isinstance(loader, ChoiceLoader):
        if not any(getattr(each, "searchpath", None) == ours.searchpath
                   for each in loader.loaders):
            loader.loaders.append(ours)
    else:
        generator.env.loader = ChoiceLoader([loader, ours])
