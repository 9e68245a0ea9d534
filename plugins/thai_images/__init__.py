from .thai_images import register  # noqa: F401
