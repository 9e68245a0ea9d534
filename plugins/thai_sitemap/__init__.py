from .thai_sitemap import register  # noqa: F401
