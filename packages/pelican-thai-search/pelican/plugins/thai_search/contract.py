"""The index contract: what the build writes and the browser expects.

static/js/search/contract.js holds the same values; a test checks that the
two agree (tests/test_index_contract.py). Change both, and the format
version, together.
"""

from .term_keys import KEY_PREFIX

# The format of the files under THAI_SEARCH["output"]; the browser refuses
# any other (engine.js), so a cached page never reads a newer index wrongly.
FORMAT_VERSION = 14

# The index's own terms start with KEY_PREFIX, which no typed word can:
# variant keys ("~" + the group's first form, variants.py) and category
# facets. It lives in term_keys.py, with what the segmentation cache depends
# on; the rest of the contract does not touch the cache.
# A category's facet term: this prefix + the category's number in the
# manifest's "categories", indexed in the field FACET_FIELD.
CATEGORY_PREFIX = KEY_PREFIX + "c"
FACET_FIELD = "facet"

# A pair of terms (pairs.py): the two with this between, which no term holds.
PAIR_SEPARATOR = " "

# A result row, as a JSON list in this order (index_writer.py).
ROW_FIELDS = ("url", "title", "date", "category", "text")

# Content-hashed file names: this many hex digits of a SHA-1.
NAME_DIGITS = 12

# The index's folders, beside manifest.json; every file in them is named by
# a hash of its content or of its group's (index_writer.py shows the names).
TERMS_DIR = "t"      # term pieces: a range of the sorted vocabulary each
DOCS_DIR = "d"       # result rows, a chunk of consecutive documents each
POSITIONS_DIR = "p"  # where terms stand (word order), and pairs of terms
TEXTS_DIR = "x"      # one document's text each, for snippets
TYPOS_DIR = "s"      # spelling: the terms a misspelled word may mean (correction_files.py)
WORDS_DIR = "w"      # a term piece's entries without their postings, one file per piece
# A snippet text is not JSON: its bytes, windows-874 (the WHATWG name) or
# UTF-8 after a byte order mark (text_files.py), named <hash> + TEXT_SUFFIX.
TEXT_SUFFIX = ".txt"
TEXT_ENCODING = "windows-874"
INDEX_DIRS = (TERMS_DIR, DOCS_DIR, POSITIONS_DIR, TEXTS_DIR, TYPOS_DIR, WORDS_DIR)


def category_term(number: int) -> str:
    """The facet term of the category `number` of the manifest's list."""
    return f"{CATEGORY_PREFIX}{number}"


def as_json() -> dict:
    """The contract as the agreement test compares it with contract.js's.

    The index does not carry it: the manifest holds only FORMAT_VERSION (its
    "version"), and the browser, which refuses any other, knows the rest
    from contract.js.
    """
    return {"formatVersion": FORMAT_VERSION, "keyPrefix": KEY_PREFIX,
            "categoryPrefix": CATEGORY_PREFIX, "facetField": FACET_FIELD,
            "pairSeparator": PAIR_SEPARATOR, "rowFields": list(ROW_FIELDS),
            "nameDigits": NAME_DIGITS, "textSuffix": TEXT_SUFFIX, "textEncoding": TEXT_ENCODING,
            "dirs": {"terms": TERMS_DIR, "docs": DOCS_DIR, "positions": POSITIONS_DIR,
                     "texts": TEXTS_DIR, "typos": TYPOS_DIR, "words": WORDS_DIR}}
