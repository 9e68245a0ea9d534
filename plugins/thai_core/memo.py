"""A memo for pure per-article HTML passes (the sanitizer, English marking).

Pelican's reader cache keeps each article's rendered Markdown, but the
content signals run again on every build. A pass's results are kept in a
Store (the search package's store.py) versioned by a hash of the pass's own
source code, of this project's modules it imports and of the versions of the
libraries it runs on (pass_version), keyed by a hash of its options and its
input, so a change to any of them is a miss. Entries no build used are
dropped when it finishes. Figures: docs/build-performance.md.
"""

from __future__ import annotations

from pathlib import Path

from pelican.plugins.thai_search.sources import code_digest, library_versions
from pelican.plugins.thai_search.store import Store, digest

# Where a pass's code can come from besides its own plugin: the shared core
# and the search package (plugins do not import one another).
SHARED_CODE = ("thai_core", "pelican.plugins.thai_search")
# What the HTML passes parse and write HTML with: Beautiful Soup on Python's
# html.parser (Python's version is in every key).
HTML_LIBRARIES = ("beautifulsoup4",)


def pass_version(module, libraries: tuple[str, ...] = HTML_LIBRARIES) -> str:
    """A hash of what makes a pass's results, for its memo's version: the
    module's file and those of every module of this project it imports,
    directly or not (latin.py's thai_chars.py, say), and the versions of
    `libraries` and Python, so that a change to any of them is a miss."""
    plugin = module.__name__.partition(".")[0]
    return digest(code_digest([module.__name__], (plugin, *SHARED_CODE)),
                  library_versions(libraries))


class MemoSlot:
    """A plugin's memo for the current build: opened when the build starts
    (an earlier build's, in the same process, is closed first), closed and
    pruned when it finishes."""

    def __init__(self):
        self.store: Store | None = None

    def open(self, folder: Path, name: str, version: str) -> None:
        self.close(prune=False)
        self.store = Store(folder, name, version)

    def close(self, prune: bool = True) -> None:
        if self.store is not None:
            self.store.close(prune=prune)
            self.store = None

    def memoized(self, parts: tuple[str, ...], compute, *, same_as=None):
        """compute(), or its stored result for the same parts; no memo open: compute().

        A result equal to `same_as` (a pass that left its input as it was,
        as most do) is stored as a small marker instead of a second copy.
        """
        if self.store is None:
            return compute()
        key = digest(*parts)
        found = self.store.get(key)
        if found is None:
            found = compute()
            self.store.put(key, _UNCHANGED if same_as is not None and found == same_as
                           else found)
        elif found == _UNCHANGED:
            found = same_as
        return found


# marshal keeps the type: no pass returns this tuple of one int.
_UNCHANGED = (0,)
