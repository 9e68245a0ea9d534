from .thai_lang import register  # noqa: F401
