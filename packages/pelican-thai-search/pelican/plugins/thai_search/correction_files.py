"""The index's correction files: which terms a misspelled word may have
meant, split so that a query fetches only the few it needs, and only when
it found nothing (typos.py says how terms are keyed; typos.js reads them).

- `s/<i>-<version>.json`: a range of the sorted keys, `{key: [[term, df],
  ...]}`, each term with the number of articles that use it, commonest
  first;
- `s/<hash>.json`, the table the manifest names (`"typos"`): the pieces'
  bounds and versions, and the key's rules (typos.rules()), so the browser
  repeats no constant of the build.

Terms are the index's own words (not variant keys, category facets or
words with digits), in `min_df` articles or more: a word a reader means is one the archive uses.
"""

from __future__ import annotations

from collections.abc import Mapping

from .contract import KEY_PREFIX, TYPOS_DIR
from .index_files import PieceWriter, cut_points, dump, separator, write_groups
from .typos import lookup_keys, rules

MIN_DF = 1


def correction_keys(df: Mapping[str, int], min_df: int = MIN_DF) -> dict[str, list]:
    """{key: [[term, df], ...]} over the terms in min_df articles or more,
    keys sorted, each key's terms commonest first (then in code point order)."""
    keyed: dict[str, list] = {}
    for term, count in df.items():
        # Numbers are never typos (2566 is not 2565), nor are keys and facets.
        if (count < min_df or term.startswith(KEY_PREFIX) or len(term) < 2
                or any(c.isdigit() for c in term)):
            continue
        for key in lookup_keys(term):
            keyed.setdefault(key, []).append([term, count])
    return {key: sorted(keyed[key], key=lambda tc: (-tc[1], tc[0])) for key in sorted(keyed)}


def write_corrections(writer: PieceWriter, df: Mapping[str, int], *, piece_bytes: int,
                      pieces_per_group: int, min_df: int = MIN_DF) -> str:
    """Write the correction pieces and their table; return the table's name."""
    keyed = correction_keys(df, min_df)
    keys = list(keyed)
    raws = [dump(key) + b":" + dump(keyed[key]) for key in keys]
    cuts = cut_points(keys, [len(r) + 1 for r in raws], piece_bytes) if keys else []
    bounds = [separator(keys[start - 1], keys[start]) if start else "" for start, _ in cuts]
    pieces = [b"{" + b",".join(raws[start:end]) + b"}" for start, end in cuts]
    groups = write_groups(writer, TYPOS_DIR, pieces, pieces_per_group)
    table = {"pieces": {"count": len(pieces), "bounds": bounds, "perGroup": pieces_per_group,
                        "groups": groups},
             "minDf": min_df, **rules()}
    return writer.write(TYPOS_DIR, table)
