from .thai_cms import register  # noqa: F401
