from .thai_offline import register  # noqa: F401
