"""thai_share: what a shared link looks like on Facebook, LINE and X.

- An absolute site URL for canonical links and share tags, in dev and
  publish builds (THAI_SHARE["site_url"], else SITEURL when absolute).
- Each article gets `article.share` (`Share`): its canonical URL, its share image
  (a 1200×630 cover crop of its `Image`, made at build time with Pillow and
  cached by content hash under CACHE_PATH, each file ending with its
  SHA-256, so that a damaged one is made again, with a warning; else the
  theme's default image),
  the share links and its NewsArticle JSON-LD (meta.py), made when its
  page is written.
- Template helpers: the `share_site` global (site URL, default image,
  publisher logo), and the `page_url` and `script_json` filters, used by
  partials/meta-*.html and partials/share-buttons.html.

Needs the thai_news plugin (article leads, and its problem report for a
bad `Image` field).
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from PIL import Image, UnidentifiedImageError

from pelican.plugins.thai_search.files import write_if_changed
from pelican.plugins.thai_search.options import Count, Option, Text, load
from pelican.plugins.thai_search.safe_files import DamagedFile, read_checked, write_checked
from thai_core.plugins import require
from thai_core.problems import Problem, relative
from thai_core.rules import parse_header

from .meta import absolute, check_site_url, news_article, page_path, script_json, share_links
from .share_image import cache_key, render_share_image

log = logging.getLogger(__name__)

def _image_size(size) -> bool:
    return len(size) == 2 and all(isinstance(n, int) and not isinstance(n, bool) and n >= 200
                                  for n in size)


SCHEMA = {
    # Absolute URL of the site in share tags and canonical links. Empty: SITEURL
    # when it is absolute (publishconf.py), else THAI_NEWS["dev_origin"].
    "site_url": Text(""),
    # Share image size (Facebook and LINE: 1200×630) and JPEG quality.
    "size": Option([1200, 630], _image_size, expected="[width, height], each >= 200"),
    "quality": Count(85, least=30, most=95),
    # Folder under OUTPUT_PATH for the articles' share images.
    "output": Text("share", empty=False),
    # Under the theme's static folder: the share image of pages and of articles
    # without an Image, and the NewsArticle publisher logo (at most 600×60).
    "default_image": Text("img/share-default.png", empty=False),
    "publisher_logo": Text("img/publisher-logo.png", empty=False),
    # schema.org type of an article's Author: news here is signed by offices.
    "author_type": Text("Organization", empty=False),
}

_site: dict = {}


def _theme_file(settings, name: str) -> Path:
    theme = Path(settings["THEME"])
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        path = theme / folder / name
        if path.is_file():
            return path
    raise ValueError(f"thai_share: {name} not found in the theme's static folder under {theme}")


def _image_info(settings, config, name: str, alt: str) -> dict:
    path = _theme_file(settings, name)
    with Image.open(path) as image:
        width, height = image.size
        mime = Image.MIME.get(image.format, "image/png")
    url = absolute(_site["url"], f"{settings['THEME_STATIC_DIR']}/{name}")
    return {"url": url, "width": width, "height": height, "type": mime, "alt": alt}


def _site_url(settings, config) -> str:
    siteurl = settings.get("SITEURL") or ""
    chosen = (config["site_url"]
              or (siteurl if siteurl.startswith(("http://", "https://")) else "")
              or settings["THAI_NEWS"]["dev_origin"])
    try:
        return check_site_url(chosen)
    except ValueError as error:
        raise ValueError(f"thai_share: THAI_SHARE['site_url'] or SITEURL: {error}") from None


def configure(pelican) -> None:
    """Merge THAI_SHARE over the defaults and check it once."""
    settings = pelican.settings
    config = load("thai_share", "THAI_SHARE", SCHEMA, settings.get("THAI_SHARE"))
    require(pelican, "thai_news", by="thai_share",
            why="it reads the articles' leads and THAI_NEWS['dev_origin']")
    size = config["size"] = [int(n) for n in config["size"]]
    _site.clear()
    _site["url"] = _site_url(settings, config)
    _site["image"] = _image_info(settings, config, config["default_image"], settings["SITENAME"])
    if [_site["image"]["width"], _site["image"]["height"]] != config["size"]:
        raise ValueError(f"thai_share: {config['default_image']} must be "
                         f"{size[0]}×{size[1]}; run 'python -m thai_share.default_image'")
    _site["logo"] = _image_info(settings, config, config["publisher_logo"], settings["SITENAME"])
    settings["THAI_SHARE"] = config


def page_url(output_file: str) -> str:
    """Absolute URL of the page being written (from Pelican's output_file)."""
    return absolute(_site["url"], page_path(output_file))


def add_template_helpers(generator) -> None:
    generator.env.globals["share_site"] = _site
    generator.env.filters["page_url"] = page_url
    generator.env.filters["script_json"] = lambda data: Markup(script_json(data))


class _BadImage(Exception):
    def __init__(self, message: str, hint: str, missing: bool = False):
        super().__init__(message)
        self.message, self.hint, self.missing = message, hint, missing


def _share_image(source: Path, content: Path, config: dict, cache: Path, output: Path,
                 stats: dict) -> dict:
    """Crop (or take from the cache) one article image; return its share image."""
    if content not in source.parents or not source.is_file():
        raise _BadImage("ไม่พบไฟล์ภาพใน content/ (image file not found)",
                        "วางไฟล์ภาพไว้ใน content/images/ แล้วเขียนเส้นทางเทียบกับ content/ "
                        "เช่น 'Image: images/2024/photo.jpg'", missing=True)
    data = source.read_bytes()
    size, quality = tuple(config["size"]), config["quality"]
    key = cache_key(data, size, quality)
    cached = cache / f"{key}.checked"  # the JPEG and its SHA-256 (safe_files.py)
    jpeg = None
    if cached.is_file():
        try:
            jpeg = read_checked(cached)
            stats["cached"] += 1
        except (OSError, DamagedFile) as error:
            log.warning("thai_share: cached share image %s of %s is damaged (%s); it is "
                        "made again", cached.name, source, error)
    if jpeg is None:
        try:
            jpeg, original = render_share_image(data, size, quality)
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
            raise _BadImage(f"อ่านไฟล์ภาพไม่ได้ (not an image Pillow can read: {error})",
                            "ใช้ไฟล์ภาพ JPEG, PNG หรือ WebP") from None
        if original[0] < size[0] // 2 or original[1] < size[1] // 2:
            log.warning("thai_share: %s is %d×%d; share previews look blurry below %d×%d",
                        source, *original, *size)
        write_checked(cached, jpeg)
        stats["made"] += 1
    stats["used"].add(cached.name)
    name = f"{key[:20]}.jpg"
    output.mkdir(parents=True, exist_ok=True)
    # Compared with the output's bytes, not its name or size: a copy a killed
    # build cut short, or one of the same size, is rewritten.
    write_if_changed(output / name, jpeg)
    return {"name": name, "width": size[0], "height": size[1], "type": "image/jpeg"}


class Share:
    """article.share: the canonical URL and the share image; the share links
    and the NewsArticle JSON-LD are made when a page asks for them. Kept on
    every article they were 3 KB each, 0.2 GB of the build's memory at 63k
    articles (issue #17)."""

    __slots__ = ("url", "image", "_article", "_config")

    def __init__(self, url: str, image: dict, article, config: dict):
        self.url, self.image, self._article, self._config = url, image, article, config

    def __repr__(self) -> str:
        # What the page shows of it beyond the article's own fields: the
        # incremental writer's fingerprint of a page reads it.
        return f"Share({self.url!r}, {sorted(self.image.items())!r})"

    @property
    def links(self) -> list[dict]:
        return share_links(self.url, self._article.title)

    @property
    def json_ld(self) -> dict:
        article, settings = self._article, self._article.settings
        return news_article(
            url=self.url, headline=article.title, description=article.lead,
            image=self.image["url"], published=article.date,
            modified=getattr(article, "modified", None),
            author=str(getattr(article, "author", "") or settings["AUTHOR"]),
            author_type=self._config["author_type"], publisher=settings["SITENAME"],
            logo={k: _site["logo"][k] for k in ("url", "width", "height")},
            section=article.category.name,
            keywords=[t.name for t in getattr(article, "tags", [])],
            language=settings.get("DEFAULT_LANG", "th"))


def prepare_articles(generator) -> None:
    """article.share for every article, before any page is written."""
    settings = generator.settings
    config = settings["THAI_SHARE"]
    content = Path(settings["PATH"]).resolve()
    cache = Path(settings["CACHE_PATH"]) / "thai_share"
    cache.mkdir(parents=True, exist_ok=True)
    output = Path(settings["OUTPUT_PATH"]) / config["output"]
    stats = {"made": 0, "cached": 0, "used": set()}
    for article in (*generator.articles, *generator.translations):
        url = absolute(_site["url"], article.url)
        image = _site["image"]  # the site's own, unless the article has one
        given = str(article.metadata.get("image") or "").strip()
        if given:
            try:
                made = _share_image((content / given).resolve(), content, config, cache,
                                    output, stats)
            except _BadImage as bad:
                # The default share image stands in. Like every photo problem this
                # is a warning locally and an error in CI (--fatal-warnings, and
                # invoke check); a missing file is already reported by thai_images.
                if not bad.missing:
                    text = Path(article.source_path).read_text(encoding="utf-8-sig")
                    log.warning("thai_share: %s", Problem(
                        relative(article.source_path, settings["PATH"]),
                        parse_header(text).line("image"), "Image",
                        f"'{given}': {bad.message}", bad.hint))
                made = None
            if made:
                image = {**_site["image"], **made,
                         "url": absolute(_site["url"], f"{config['output']}/{made['name']}"),
                         "alt": getattr(article, "image_alt", None) or article.title}
        article.share = Share(url, image, article, config)
    for stale in (*cache.glob("*.checked"), *cache.glob("*.jpg"), *cache.glob("*.partial")):
        if stale.name not in stats["used"]:
            stale.unlink()  # no article uses it any more
    if stats["made"] or stats["cached"]:
        log.info("thai_share: %d share images (%d made, %d from the cache)",
                 stats["made"] + stats["cached"], stats["made"], stats["cached"])


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_template_helpers)
    signals.article_generator_finalized.connect(prepare_articles)
