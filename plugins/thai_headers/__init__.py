from .thai_headers import register  # noqa: F401
