"""thai_images: responsive copies of the photos editors add.

For every image under THAI_IMAGES["folders"] (content/images/) that an
article or page uses, in its body or as the `Image:` lead photo, the build
writes resized, compressed copies (several widths, never upscaled; cached
by content hash under CACHE_PATH) to OUTPUT_PATH/<output>/ (a copy is
written when its bytes differ from the output's, by SHA-256), and the <img>
gets srcset, sizes, width and height. The original file is not changed
(Pelican still copies it as a static file). The lead photo is given to
templates as `article.lead_image` (a html_img.Picture).
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

from pelican import signals
from pelican.contents import Article, Page

from pelican.plugins.thai_search.options import Count, List, Text, load
from thai_core.copies import Digests, copy_if_changed
from thai_core.plugins import order

from .html_img import Picture, rewrite_images
from .paths import body_image_path, lead_image_path
from .store import Store

log = logging.getLogger(__name__)

SCHEMA = {
    # Folders under PATH whose images get responsive copies.
    "folders": List(["images"], Text("", empty=False), expected="a list of folders under PATH"),
    # Widths of the copies, in pixels (the photo's own width is the largest
    # when it is narrower than the widest of these).
    "widths": List([480, 800, 1200, 1600], Count(1, least=1), least=1,
                   expected="a list of positive pixel widths"),
    # JPEG and WebP quality of the copies (1-95).
    "quality": Count(80, least=1, most=95),
    # Output folder under OUTPUT_PATH.
    "output": Text("img", empty=False),
    # The `sizes` attribute: how wide the image is shown (site.css: 42rem column).
    "sizes": Text("(min-width: 44rem) 42rem, calc(100vw - 2rem)", empty=False),
    # Cache folder under CACHE_PATH.
    "cache": Text("thai_images", empty=False),
}

_state: dict = {"store": None, "needed": {}, "digest_memo": None}


def configure(pelican) -> None:
    """Merge THAI_IMAGES over the defaults and check it once."""
    config = load("thai_images", "THAI_IMAGES", SCHEMA, pelican.settings.get("THAI_IMAGES"))
    order(pelican, "thai_news", "thai_images",
          why="thai_news sanitizes the HTML before thai_images adds srcset")
    widths = config["widths"]
    config["folders"] = [f.strip("/") for f in config["folders"]]
    config["output"] = config["output"].strip("/")
    pelican.settings["THAI_IMAGES"] = config
    cache = Path(pelican.settings["CACHE_PATH"]) / config["cache"]
    _state["store"] = Store(cache, list(widths), config["quality"])
    _state["needed"] = {}
    _state["digest_memo"] = cache / "digests.json"


def _in_folders(rel: str, folders: list[str]) -> bool:
    return any(rel.startswith(folder + "/") for folder in folders)


def picture(rel: str, settings: dict, alt: str = "") -> Picture | None:
    """The responsive image for content/<rel>; None if it is not a file in
    the configured folders."""
    config = settings["THAI_IMAGES"]
    source = Path(settings["PATH"]) / rel
    if not _in_folders(rel, config["folders"]) or not source.is_file():
        return None
    base = (settings.get("SITEURL") or "").rstrip("/")
    photo = _state["store"].photo(source)
    original = f"{base}/{quote(rel)}"
    if photo is None:  # SVG or not an image Pillow reads: used as it is
        return Picture(original, "", "", 0, 0, alt)
    if not photo.copies:  # GIF: used as it is, with its size
        return Picture(original, "", "", photo.width, photo.height, alt)
    urls = []
    for copy in photo.copies:
        name = f"{config['output']}/{copy.name}"
        _state["needed"][name] = copy.cached
        urls.append((f"{base}/{name}", copy))
    srcset = ", ".join(f"{url} {copy.width}w" for url, copy in urls)
    url, largest = urls[-1]
    return Picture(url, srcset if len(urls) > 1 else "", config["sizes"],
                   largest.width, largest.height, alt)


def process_content(instance) -> None:
    """Responsive body images and the lead photo of an article or page."""
    if not isinstance(instance, Article | Page) or _state["store"] is None:
        return
    settings = instance.settings
    if "THAI_IMAGES" not in settings or not hasattr(instance, "_content"):
        return
    content = Path(settings["PATH"])
    source = Path(instance.source_path)
    source_rel = source.relative_to(content).as_posix() if source.is_relative_to(
        content) else source.name
    folders = settings["THAI_IMAGES"]["folders"]

    def resolve(src: str) -> Picture | None:
        rel = body_image_path(src, source_rel, settings.get("SITEURL") or "")
        if rel is None:
            return None
        found = picture(rel, settings)
        if found is None and _in_folders(rel, folders):
            log.warning("thai_images: %s: image %s not found (content/%s)",
                        source_rel, src, rel)
        return found

    if instance._content:
        instance._content = rewrite_images(instance._content, resolve)
    image = instance.metadata.get("image")
    instance.lead_image = None
    if image:
        rel = lead_image_path(str(image))
        alt = str(instance.metadata.get("imagealt") or getattr(instance, "title", ""))
        instance.lead_image = picture(rel, settings, alt) if rel else None
        if instance.lead_image is None:
            log.warning("thai_images: %s: Image %s not found in %s", source_rel, image,
                        ", ".join(f"content/{f}/" for f in folders))


def write_copies(pelican) -> None:
    """Copy the cached copies the pages use into the output, each one whose
    bytes differ from the output's. The digests are remembered with each
    file's stat (thai_core.copies), so an unchanged rebuild reads no image."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    digests = Digests(_state["digest_memo"], "thai_images")
    written = 0
    for name, cached in sorted(_state["needed"].items()):
        written += copy_if_changed(cached, output / name, digests)
    if _state["needed"] or _state["digest_memo"].is_file():
        digests.save()
    store = _state["store"]
    log.info("thai_images: %d copies used, %d written, %d encoded, %d files hashed",
             len(_state["needed"]), written, store.encoded if store else 0, digests.hashed)


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(process_content)
    signals.finalized.connect(write_copies)
