"""Share images: a cover crop of an article's image at the share size.

Pure functions over bytes and Pillow images; no Pelican, no file paths.
"""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageOps

# Bump when the rendering below changes, so cached images are made again.
RENDER_VERSION = "1"


def cache_key(source: bytes, size: tuple[int, int], quality: int) -> str:
    """Hash of the source bytes and of everything that shapes the output."""
    digest = hashlib.sha256()
    digest.update(f"{RENDER_VERSION}:{size[0]}x{size[1]}:q{quality}:".encode())
    digest.update(source)
    return digest.hexdigest()


def cover_crop(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale `image` to cover `size` and cut the overflow equally from both
    sides (centred), like CSS object-fit: cover."""
    return ImageOps.fit(image, size, method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))


def _flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG: transparency becomes white, palettes and CMYK become RGB."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def render_share_image(source: bytes, size: tuple[int, int], quality: int) -> tuple[bytes, tuple]:
    """JPEG bytes of the share image, and the size of the source image.

    Raises PIL.UnidentifiedImageError (not an image), OSError (truncated)
    or Image.DecompressionBombError (absurdly large).
    """
    with Image.open(io.BytesIO(source)) as image:
        original = image.size
        if image.format == "JPEG":
            # Decode big photos at a reduced scale, never below the share size
            # in either orientation (the EXIF rotation comes after).
            image.draft("RGB", (max(size), max(size)))
        image = ImageOps.exif_transpose(image)  # phone photos: apply the rotation tag
        shared = cover_crop(_flatten(image), size)
    out = io.BytesIO()
    shared.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue(), original
