"""Cold first-query search bytes, query by query, by kind of file.

    .venv/bin/python bench/cold_bytes.py --n all [QUERY ...]

On a site bench/scale.py built (bench/work/scale-<n>/output), each query of
bench/scale_queries.json (or those given) in a fresh browser context with
an empty cache: the gzip bytes and the number of files of the search code
(js), the manifest, term pieces (t), result rows (d), positions and pairs
(p) and snippet texts (x) that the search page fetched for it. Shows which
queries cost most and why (scale.py reports only the median and the max).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lib  # noqa: E402
from scale import OURS, cold_search, gz_size  # noqa: E402

from pelican.plugins.thai_search.contract import INDEX_DIRS  # noqa: E402

KINDS = ("js", "manifest", *INDEX_DIRS)


def kind(path: str) -> str | None:
    if not any(p in path for p in OURS):
        return None
    if "/search/manifest.json" in path:
        return "manifest"
    for folder in INDEX_DIRS:
        if f"/search/{folder}/" in path:
            return folder
    return "js"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="all", help="the scale run's site: a number or 'all'")
    parser.add_argument("--site", help="another built site's folder (its output/ and content/)"
                        ", e.g. bench/work/quality-10000")
    parser.add_argument("--current-js", action="store_true",
                        help="copy the current browser code over the built site's first")
    parser.add_argument("--name", default="", help="a suffix for the table's file name")
    parser.add_argument("--params", default="", help="more of the search page's parameters, "
                        "e.g. sort=newest")
    parser.add_argument("queries", nargs="*", help="default: bench/scale_queries.json")
    args = parser.parse_args()
    work = Path(args.site).resolve() if args.site else lib.WORK / f"scale-{args.n}"
    site = work / "output"
    if not (site / "search" / "manifest.json").is_file():
        raise SystemExit(f"no built site in {site}: run bench/scale.py --n {args.n} first")
    if args.current_js:
        lib.refresh_browser_code(site)
    queries = args.queries or json.loads(
        (lib.ROOT / "bench" / "scale_queries.json").read_text("utf-8"))["queries"]
    sizes: dict[Path, int] = {}

    def gz(path: str) -> int:
        return gz_size(site, path, sizes)

    server, base = lib.serve(site)
    manager, browser = lib.chromium()
    rows = []
    try:
        for q in queries:
            more = f"&{args.params}" if args.params else ""
            context, page, paths = cold_search(browser, f"{base}/search.html?q={quote(q)}{more}")
            page.wait_for_timeout(300)  # the snippets, fetched after the results
            size, count = Counter(), Counter()
            for path in paths:
                if (k := kind(path)) is not None:
                    size[k] += gz(path)
                    count[k] += 1
            rows.append((sum(size.values()), q, size, count))
            context.close()
    finally:
        browser.close()
        manager.stop()
        server.shutdown()
    rows.sort(key=lambda r: -r[0])
    count_all = len(list((site.parent / "content" / "news").rglob("*.md")))
    code = "the current browser code copied over" if args.current_js else "as built"
    lines = [f"Site: {work.relative_to(lib.ROOT) if work.is_relative_to(lib.ROOT) else work} "
             f"({count_all:,} articles), {code}, at {lib.git_head()}"
             + (f", with {args.params}" if args.params else "") + "; gzip KB, files in brackets.",
             "", "| query | total KB | " + " | ".join(KINDS) + " |",
             "|---|---|" + "---|" * len(KINDS)]
    for total, q, size, count in rows:
        cells = " | ".join(f"{size[k] / 1024:.0f} ({count[k]})" if count[k] else "–" for k in KINDS)
        lines.append(f"| {q} | {total / 1024:.0f} | {cells} |")
    lib.save_table(f"cold-bytes-{work.name.removeprefix('scale-')}{args.name}",
                   "Cold first-query search bytes by query", lines)


if __name__ == "__main__":
    main()
