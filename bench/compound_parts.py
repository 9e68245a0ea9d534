"""Compound parts: which dictionary parts of long words to index, measured.

    .venv/bin/python bench/compound_parts.py [--archive N] [--rules default,none,...]

Builds the same site (our articles and N real archive articles) once per
rule of THAI_SEARCH["compound_parts"] (search_quality.PART_RULES) and runs
every judged query of bench/search_quality.py through ours. Indexing parts
helps recall (กระทรวงอุตสาหกรรม found by อุตสาหกรรม) and costs precision
where a short word is found only inside a longer one of another meaning
(หวัด in จังหวัด): the table shows both, by query type, with the words
split and the index size.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lib  # noqa: E402
from search_quality import PART_RULES, fmt, measure  # noqa: E402

NEGATIVE = ("negative", "glued-never")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=int, default=1000)
    parser.add_argument("--rules", default=",".join(PART_RULES))
    parser.add_argument("--known-items", type=int, default=200)
    args = parser.parse_args()
    results = {}
    for rule in args.rules.split(","):
        results[rule] = measure(args.archive, False, args.known_items, parts=rule)
    kinds = list(next(iter(results.values()))["rows"])
    lines = [f"Site: our articles and {args.archive} archive articles; ours only.",
             "Rules (THAI_SEARCH['compound_parts']): "
             + "; ".join(f"{r} = {PART_RULES[r]}" for r in results), "",
             "| rule | words split | search index MB | build s |",
             "|---|---|---|---|"]
    for rule, run in results.items():
        split = re.search(r"(\d+) compounds split", run["log"])
        size = sum(f.stat().st_size for f in (run["output"] / "search").rglob("*") if f.is_file())
        lines.append(f"| {rule} | {split.group(1) if split else '?'} | {size / 1e6:.1f} | "
                     f"{run['build_s']:.0f} |")
    lines += ["", "Positive types: success@10 / MRR; negative types: share with no result.", "",
              "| type | queries | " + " | ".join(results) + " |",
              "|---|---|" + "---|" * len(results)]
    for kind in kinds:
        cells = []
        for run in results.values():
            values = run["rows"][kind]["ours"]
            cells.append(fmt(values, 0) if kind in NEGATIVE
                         else f"{fmt(values, 2)} / {fmt(values, 1)}")
        count = len(next(iter(results.values()))["rows"][kind]["ours"])
        lines.append(f"| {kind} | {count} | " + " | ".join(cells) + " |")
    lines += ["", "Misses that differ between rules:", ""]
    sets = {rule: set(run["misses"]) for rule, run in results.items()}
    every = set.intersection(*sets.values())
    for rule, misses in sets.items():
        lines += [f"- {rule}: {m}" for m in sorted(misses - every)[:15]]
    lib.save_table(f"compound-parts-{args.archive}", "Compound parts: which to index", lines)


if __name__ == "__main__":
    main()
