"""Where a cold search's time goes on a phone's mobile data: a waterfall.

    .venv/bin/python bench/waterfall.py --site bench/work/scale-all/output [--runs 3]
        [--page search.html --page other.html] [--name NAME] [QUERY ...]

Opens the search page with ?q=QUERY in a fresh context (empty cache) under
Chrome's Fast 3G preset, over HTTP/2 (bench/h2_server.mjs), as scale.py's
Fast 3G row does, and records every request the page makes from the
DevTools Network events: when it was asked for, when its last byte came,
and its bytes on the wire. Prints, per query, the median over the runs of
each phase's end (HTML, page code, manifest, fonts, term pieces, rows,
results shown) and the requests of the last run in order, so a change to
the module graph or the manifest can be seen in milliseconds, not guessed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lib  # noqa: E402
from scale import FAST_3G_QUERIES, OURS_DONE, QUERIES, SHOWN_AT  # noqa: E402

from pelican.plugins.thai_search.contract import INDEX_DIRS  # noqa: E402

PHASES = (
    ("html", lambda p: p.endswith(".html")),
    ("css", lambda p: p.endswith(".css")),
    ("fonts", lambda p: p.endswith(".woff2")),
    ("lunr", lambda p: "/vendor/lunr/" in p),
    ("page js", lambda p: p.startswith("/theme/js/")),
    ("manifest", lambda p: p.endswith("/manifest.json")),
    *((folder, lambda p, f=folder: re.search(rf"/search[^/]*/{f}/", p) is not None)
      for folder in INDEX_DIRS),
)


def phase(path: str) -> str:
    return next((name for name, test in PHASES if test(path)), "other")


def one_run(browser, root: str, q: str, page_path: str = "search.html") -> tuple[float, list[dict]]:
    """(ms to results shown, requests: path, start, end ms, bytes)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, ignore_https_errors=True)
    page = context.new_page()
    session = context.new_cdp_session(page)
    requests: dict[str, dict] = {}
    origin: list[float] = []

    def sent(e):
        if not origin:
            origin.append(e["timestamp"])
        requests[e["requestId"]] = {"path": urlsplit(e["request"]["url"]).path,
                                    "start": e["timestamp"], "end": None, "bytes": 0}

    def finished(e):
        if e["requestId"] in requests:
            r = requests[e["requestId"]]
            r["end"], r["bytes"] = e["timestamp"], e["encodedDataLength"]

    session.on("Network.requestWillBeSent", sent)
    session.on("Network.loadingFinished", finished)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    session.send("Network.emulateNetworkConditions", lib.FAST_3G)
    page.add_init_script(SHOWN_AT)
    page.goto(f"{root}/{page_path}?q={quote(q)}", timeout=120_000)
    page.wait_for_function(OURS_DONE, timeout=120_000)
    shown = page.evaluate("window.__resultsShownAt")
    page.wait_for_timeout(300)
    context.close()
    rows = []
    for r in requests.values():
        rows.append({"path": r["path"], "start": (r["start"] - origin[0]) * 1000,
                     "end": None if r["end"] is None else (r["end"] - origin[0]) * 1000,
                     "bytes": r["bytes"]})
    return shown, sorted(rows, key=lambda r: r["start"])


def phase_ends(rows: list[dict]) -> dict[str, float]:
    ends: dict[str, float] = {}
    for r in rows:
        if r["end"] is not None:
            name = phase(r["path"])
            ends[name] = max(ends.get(name, 0), r["end"])
    return ends


NAMES = ["html", "css", "fonts", "lunr", "page js", "manifest", "w", "t", "p", "d"]


def page_table(runs_by_query: dict[str, list]) -> tuple[list[str], float]:
    """One page's table: per query, the median end of each phase; and the
    median over the queries of the median time to results."""
    lines = ["| query | " + " | ".join(NAMES) + " | results shown | requests | KB |",
             "|---" * (len(NAMES) + 4) + "|"]
    shown_all = []
    for q, runs in runs_by_query.items():
        ends = [phase_ends(rows) for _, rows in runs]
        cells = []
        for name in NAMES:
            values = [e[name] for e in ends if name in e]
            cells.append(f"{lib.median(values):,.0f}" if values else "–")
        shown = lib.median([s for s, _ in runs])
        shown_all.append(shown)
        rows = runs[-1][1]
        kb = sum(r["bytes"] for r in rows) / 1024
        lines.append(f"| {q} | " + " | ".join(cells)
                     + f" | **{shown:,.0f}** | {len(rows)} | {kb:,.0f} |")
    median = lib.median(shown_all)
    lines.append(f"| **median of {len(runs_by_query)} queries** |" + " |" * len(NAMES)
                 + f" **{median:,.0f}** | | |")
    return lines, median


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--name", default="")
    parser.add_argument("--page", action="append",
                        help="a search page's path in the site (search.html); several are "
                             "measured in turn, query by query, so that they share the noise")
    parser.add_argument("queries", nargs="*")
    args = parser.parse_args()
    pages = args.page or ["search.html"]
    queries = args.queries or QUERIES[:FAST_3G_QUERIES]
    server, root = lib.serve_h2(args.site)
    manager, browser = lib.chromium()
    runs = {page: {q: [] for q in queries} for page in pages}
    try:
        for q in queries:
            for _ in range(args.runs):
                for page in pages:
                    runs[page][q].append(one_run(browser, root, q, page))
    finally:
        browser.close()
        manager.stop()
        server.shutdown()
    lines = [f"Site: `{args.site}`; code {lib.git_head()}; Fast 3G over HTTP/2; "
             f"median of {args.runs} runs per query, ms from the first request; the pages "
             "in turn, query by query.", ""]
    medians = {}
    for page in pages:
        table, medians[page] = page_table(runs[page])
        lines += [f"### `{page}`", "", *table, ""]
    if len(pages) > 1:
        first = medians[pages[0]]
        lines += ["| page | median ms to results | ratio to the first |", "|---|---|---|"]
        lines += [f"| `{p}` | {m:,.0f} | {m / first:.2f} |" for p, m in medians.items()]
    q = queries[-1]
    rows = runs[pages[-1]][q][-1][1]
    lines += ["", f"Requests of the last run of {q} on `{pages[-1]}`:", "",
              "| path | start | end | KB |", "|---|---|---|---|"]
    for r in rows:
        end = "–" if r["end"] is None else f"{r['end']:,.0f}"
        lines.append(f"| `{r['path']}` | {r['start']:,.0f} | {end} | {r['bytes'] / 1024:,.1f} |")
    print("\n".join(lines))
    if args.name:
        lib.save_table(f"waterfall-{args.name}", "Cold search on Fast 3G: waterfall", lines)


if __name__ == "__main__":
    main()
