"""Typos: the key that a word shares with its likely misspellings, and the
tables the browser reads to correct a query the same way (typos.js).

Pure functions, no Pelican import. Thai typists' slips are mostly of a few
kinds (a vowel's length, a tone mark, one of several letters that sound
alike, ใ/ไ, a dropped karan, ำ written ัม, a neighbouring key); the key
(`skeleton`) forgets exactly those, so a word and such a misspelling share
it. A dropped, extra or mistyped letter is one deletion away (`deletes`,
as SymSpell looks words up). The key only finds candidates: the browser
weighs each (typos.js's distance, cheap for those slips, and how many
articles use it) and decides whether to correct, suggest or stay silent.

The tables here are the one copy of these rules: the build writes them
into the correction table file (correction_files.py), and typos.js reads
them from there, never from a copy of its own.
"""

from __future__ import annotations

from functools import lru_cache

# Letters that sound alike, each to the one that stands for the group in a
# key: s (ศ ษ ซ ส), th (ท ธ ฒ ฑ ถ ฐ), t, d, ph, kh, ch, n, l, y, h.
SOUND_ALIKE = {
    "ศ": "ส", "ษ": "ส", "ซ": "ส",
    "ธ": "ท", "ฒ": "ท", "ฑ": "ท", "ถ": "ท", "ฐ": "ท",
    "ฏ": "ต", "ฎ": "ด", "ภ": "พ", "ฆ": "ค", "ฅ": "ค", "ฃ": "ข", "ฌ": "ช",
    "ณ": "น", "ฬ": "ล", "ญ": "ย", "ฮ": "ห",
    # Long vowels to their short ones, and ใ to ไ.
    "ู": "ุ", "ี": "ิ", "ื": "ึ", "ใ": "ไ",
}
# Marks a key leaves out: the tone marks, maitaikhu and karan.
DROPPED = "\u0e48\u0e49\u0e4a\u0e4b\u0e47\u0e4c"
# Sara am and the spelling typists use for it: a key writes ัม.
SARA_AM = ("\u0e33", "\u0e31\u0e21")
# Keys this long or longer are also stored with one letter deleted.
DELETE_MIN = 4
# Two Thai keys this close on the Kedmanee keyboard (pythainlp's
# thai_keyboard_dist: 1 is a neighbour in a row or a column, 0 the same
# key with Shift) make a cheap substitution.
NEIGHBOUR_DISTANCE = 1.0


def skeleton(term: str) -> str:
    """The key of a normalized index term or query word."""
    out = term.replace(*SARA_AM)
    return "".join(SOUND_ALIKE.get(c, c) for c in out if c not in DROPPED)


def deletes(key: str) -> set[str]:
    """The key with one letter left out, for keys of DELETE_MIN or more."""
    if len(key) < DELETE_MIN:
        return set()
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def lookup_keys(term: str) -> set[str]:
    """Every key a term is stored under: its skeleton and its deletions."""
    key = skeleton(term)
    return {key} | deletes(key)


@lru_cache(maxsize=1)
def keyboard_tables() -> dict:
    """The Kedmanee layout both ways, and the neighbouring Thai keys.

    `layout`: each key of the English layout (Shift included) to the Thai
    character on it, from pythainlp.util's table (eng_to_thai); the browser
    inverts it for English typed with the Thai layout on. `neighbours`: a
    string of pairs of Thai characters on neighbouring keys.
    """
    from pythainlp.util.keyboard import EN_TH_KEYB_PAIRS, thai_keyboard_dist

    thai = sorted({c for c in EN_TH_KEYB_PAIRS.values() if "\u0e01" <= c <= "\u0e5b"})
    pairs = []
    for i, a in enumerate(thai):
        for b in thai[i + 1:]:
            if thai_keyboard_dist(a, b) <= NEIGHBOUR_DISTANCE:
                pairs.append(a + b)
    return {"layout": dict(sorted(EN_TH_KEYB_PAIRS.items())), "neighbours": "".join(pairs)}


def rules() -> dict:
    """The key's rules as the browser reads them (typos.js)."""
    return {"soundAlike": SOUND_ALIKE, "dropped": DROPPED, "saraAm": list(SARA_AM),
            "deleteMin": DELETE_MIN, **keyboard_tables()}
