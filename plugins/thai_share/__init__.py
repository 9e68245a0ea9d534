from .thai_share import register  # noqa: F401
