"""ASCII slugs for Thai content: stable, readable where possible.

Pelican's default slugify strips Thai vowel and tone marks or romanizes
through Unidecode into gibberish, so every URL part here is built by these
pure functions instead.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pelican.plugins.thai_search import thai_chars

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_THAI = re.compile(f"[{thai_chars.BLOCK}]")
ROMANIZE_CHARS = 100
MAX_SLUG = 100  # one URL part; a file name may have at most 255 bytes


def is_valid_slug(value: str) -> bool:
    """Lowercase ASCII letters and digits in words joined by single hyphens."""
    return bool(SLUG_RE.match(value or "")) and len(value) <= MAX_SLUG


def ascii_slug(text: str) -> str:
    """Slugify the ASCII letters and digits of text; drop everything else."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", folded.lower()).strip("-")


def short_hash(text: str, length: int = 6) -> str:
    """A stable hex digest of the NFC form of text."""
    data = unicodedata.normalize("NFC", text.strip()).encode("utf-8")
    return hashlib.sha1(data).hexdigest()[:length]


def romanized_slug(text: str) -> str:
    """Royal Institute romanization of each Thai word, ASCII only."""
    from pythainlp.tokenize import word_tokenize
    from pythainlp.transliterate import romanize

    words = word_tokenize(text, engine="newmm", keep_whitespace=False)
    parts = [romanize(w, engine="royin") if _THAI.search(w) else w for w in words]
    return ascii_slug("-".join(parts))


def article_slug(stem: str) -> str:
    """Fallback slug for an article without `Slug` metadata.

    Built from the file name, never the title, so that correcting a title
    never moves an article's URL. A file name that is already a valid slug
    (content/news/<year>/<slug>.md, as `invoke new` writes) is used as is;
    any other name keeps its ASCII part, if any, plus a hash of the whole
    name: deterministic, ASCII and unique per file name.
    """
    if is_valid_slug(stem):
        return stem
    prefix = ascii_slug(stem)[:40].strip("-") or "news"
    return f"{prefix}-{short_hash(stem, 8)}"


def taxonomy_slug(name: str, known: dict[str, str] | None = None) -> str:
    """Slug for a category or tag name.

    A name listed in `known` (Thai name -> slug, from settings) uses that
    slug. An ASCII name is slugified as is. Any other name gets its
    romanization plus a short hash of the exact name, so that two names
    that romanize alike (ข่าว, ขาว) never share a URL.
    """
    key = " ".join(name.split())
    if known and key in known:
        return known[key]
    if not _THAI.search(key) and ascii_slug(key):
        plain = ascii_slug(key)
        return plain if len(plain) <= MAX_SLUG else f"{plain[:40].strip('-')}-{short_hash(key)}"
    # Only the start is romanized: the slug keeps 40 characters anyway, and
    # segmenting a hostile name of megabytes would take minutes.
    readable = romanized_slug(key[:ROMANIZE_CHARS])[:40].strip("-")
    digest = short_hash(key)
    return f"{readable}-{digest}" if readable else f"t-{digest}"
