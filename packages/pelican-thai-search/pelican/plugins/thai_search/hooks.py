"""Signals of the search for other plugins (Pelican's signals are blinker's).

`segmented` is sent once a build, when every article is segmented and
before any page is written (the index may by then be under way in a process
of its own), for plugins that read
the same words as the search without segmenting again (a site's related
news). Keyword arguments:

- `articles`: the published articles, oldest first (by date, then slug);
- `fields`: THAI_SEARCH's field names (title, meta, body by default);
- `terms`: per article, its list of terms per field, as segmented (with
  repeats, in text order; before compound parts are added): a Sequence,
  in a rebuild read from the segmentation cache an article at a time when
  indexed, a batch at a time when iterated (cached_terms.py), so a
  receiver indexes the articles it needs;
- `keys`: per article, the hash of its text that keys the segmentation
  cache (the same text gives the same terms);
- `fingerprint`: the segmenter's (another one may cut the same text
  otherwise: a word list or a PyThaiNLP version);
- `segment`: text -> its terms, as the search makes them (to find, say, the
  terms of a category's name among those of the meta field, which holds
  the lead, the tags and the category).

The lists are the search's own: a receiver reads them during the call and
neither keeps nor changes them. Pure (no Pelican import beyond blinker's
signal, which Pelican re-exports).
"""

from __future__ import annotations

from pelican.plugins.signals import signal

segmented = signal("thai_search_segmented")
