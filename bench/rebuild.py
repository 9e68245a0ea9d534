"""Rebuilds after one edited article, on a site `scale.py` built.

    .venv/bin/python bench/rebuild.py --n all --edits 3

Each edit appends a paragraph to one more article, then times
`newsroom.build` (the `make build` path) with its peak memory and the search
step. The first rebuild after a code or settings change renders every page
again (render keys changed); the later ones are what an editor's pull
request costs. Saves a table under bench/results/.
"""

from __future__ import annotations

import argparse
import re

import lib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="all", help="the scale.py site: a number or 'all'")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    work = lib.WORK / f"scale-{args.n}"
    content, output, cache = work / "content", work / "output", work / "cache"
    if not (output / "search" / "manifest.json").is_file():
        raise SystemExit(f"no built site in {output}: run bench/scale.py --n {args.n} first")
    files = sorted((content / "news").rglob("*.md"))
    rows = ["| rebuild | seconds | of which search | pages rendered | peak RSS MB |",
            "|---|---|---|---|---|"]
    for i in range(args.edits):
        edited = files[len(files) // 2 + i]
        edited.write_text(edited.read_text("utf-8") + "\nย่อหน้าที่แก้ไขเพื่อทดสอบ\n", "utf-8")
        seconds, peak_kb, log = lib.build(content, output, cache)
        step = re.search(r"thai_search: .* in ([\d.]+) s; .* written in ([\d.]+) s", log)
        skipped = re.search(r"thai_news: (\d+) unchanged pages", log)
        pages = len(files) + 3 - int(skipped[1]) if skipped else "?"
        search = float(step[1]) + float(step[2]) if step else float("nan")
        rows.append(f"| {i + 1} | {seconds:.1f} | {search:.1f} | {pages} | {peak_kb // 1024} |")
        print(rows[-1], flush=True)
    lib.save_table(f"rebuild-{args.n}", f"Rebuild after one edited article ({len(files):,})",
                   rows)


if __name__ == "__main__":
    main()
