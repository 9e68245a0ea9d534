from .thai_news import register  # noqa: F401
