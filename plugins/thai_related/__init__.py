from .thai_related import register  # noqa: F401
