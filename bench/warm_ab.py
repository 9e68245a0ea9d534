"""Warm query time of the search page's code against a reference commit's, on one built site.

    .venv/bin/python bench/warm_ab.py --site bench/work/fresh/output --ref HEAD~1 \
        [--rounds 3] [--name NAME]

A warm query is scale.py's: a reader's next search on the same page, timed
from the form's submit to the results shown, in an untraced Chromium
(cdp.py), over scale.py's query series. The two sides share the site's
index and pages: the working tree's search code and the reference's are
copied beside the site's own (theme/js/search-ab-*/), each with a copy of
search.html that loads it, and the two pages alternate, each in a fresh
browser, `rounds` times, each side first in every other round (before
2026-12-08 the working tree always ran first, and carried any drift of the
machine's speed over the run). Prints the medians and their ratio, and
saves the table under bench/results/ (NAME: a suffix for its file name).
The copies are removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from pathlib import Path
from urllib.parse import quote

import cdp
import lib
import scale

JS = lib.SEARCH_JS


def copy_side(site: Path, name: str, ref: str | None) -> str:
    """The search code of `ref` (None: the working tree) beside the site's; its page."""
    folder = site / "theme" / "js" / f"search-ab-{name}"
    shutil.rmtree(folder, ignore_errors=True)
    if ref is None:
        shutil.copytree(lib.ROOT / JS, folder)
    else:
        lib.search_code_at(ref, folder)
    page = f"search-ab-{name}.html"
    html = (site / "search.html").read_text("utf-8")
    (site / page).write_text(html.replace("/theme/js/search/", f"/theme/js/search-ab-{name}/"),
                             "utf-8")
    return page


def warm(base: str, page: str) -> float:
    browser = cdp.PipeBrowser(lib.CHROMIUM_ARGS)
    try:
        session = browser.open(f"{base}/{page}?q={quote(scale.QUERIES[0])}")
        browser.wait_for(session, scale.OURS_DONE)
        time.sleep(scale.READ_MS / 1000)
        return statistics.median(
            browser.evaluate(session, f"({scale.OURS_QUERY})({json.dumps(q)})")
            for q in scale.QUERIES[1:])
    finally:
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--ref", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--name", default="", help="a suffix for the results file")
    args = parser.parse_args()
    pages = {"working tree": copy_side(args.site, "new", None),
             args.ref: copy_side(args.site, "ref", args.ref)}
    server, base = lib.serve(args.site)
    found: dict[str, list[float]] = {name: [] for name in pages}
    try:
        for round_ in range(args.rounds):
            # Each side first in every other round: the machine's speed drifts
            # over a run, and a side always first would carry the drift.
            order = list(pages.items())
            for name, page in order if round_ % 2 == 0 else reversed(order):
                found[name].append(warm(base, page))
                print(name, f"{found[name][-1]:.1f} ms", flush=True)
    finally:
        server.shutdown()
        for name in ("new", "ref"):
            shutil.rmtree(args.site / "theme" / "js" / f"search-ab-{name}", ignore_errors=True)
            (args.site / f"search-ab-{name}.html").unlink(missing_ok=True)
    docs = json.loads((args.site / "search" / "manifest.json").read_text("utf-8"))["docCount"]
    table = [f"Site {args.site} ({docs:,} articles); working tree {lib.git_head()} against "
             f"{args.ref}; {len(scale.QUERIES) - 1} warm queries a run (median), "
             f"{args.rounds} runs a side, alternating (each side first in every other round), "
             "each in a fresh untraced Chromium.", "",
             "| search code | warm query ms, each run | median |", "|---|---|---|"]
    for name, runs in found.items():
        table.append(f"| {name} | {', '.join(f'{x:.1f}' for x in runs)} | "
                     f"{statistics.median(runs):.1f} |")
    ratio = statistics.median(found["working tree"]) / statistics.median(found[args.ref])
    table += ["", f"Working tree / {args.ref}: {ratio:.2f}."]
    lib.save_table(f"warm-ab{args.name}", "Warm query: the search code against a reference",
                   table)


if __name__ == "__main__":
    main()
