"""The index's own terms: a prefix no typed word can start with.

Variant keys ("~" + the group's first form, variants.py) and category
facets start with it. The segmenter writes keys into the segmentation
cache, so this module is part of the cache's fingerprint (segment.py
CACHED_BY); the index file format (contract.py) is not, so that a new
format never re-segments the archive.
"""

KEY_PREFIX = "~"
