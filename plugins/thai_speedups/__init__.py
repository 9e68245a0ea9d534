from .thai_speedups import register  # noqa: F401
