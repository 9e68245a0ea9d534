from .thai_assets import register  # noqa: F401
