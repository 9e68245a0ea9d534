"""Lighthouse mobile scores of the built site, page type by page type.

Builds the project's own content/ (with pelicanconf.py, as `make build`),
serves it on localhost and runs Lighthouse 12.2.3 (npm, pinned in
bench/lighthouse/package.json, installed there on first use; 13 needs Node
22) with Debian's Chromium through CHROME_PATH, in its default mobile mode:
a Moto G Power screen and simulated slow 4G. Each page is run --runs times
(3) and the table gives the median of each score and metric. Pagefind's bare
search page on the same site, in the same run, is the anchor.

    .venv/bin/python bench/lighthouse.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import lib

HERE = lib.ROOT / "bench" / "lighthouse"
CLI = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"cumulative-layout-shift": ("CLS", "{:.3f}", 1),
           "first-contentful-paint": ("FCP s", "{:.2f}", 1000),
           "largest-contentful-paint": ("LCP s", "{:.2f}", 1000),
           "speed-index": ("SI s", "{:.2f}", 1000),
           "total-blocking-time": ("TBT ms", "{:.0f}", 1)}
QUERY = "ทุเรียน"
# The anchor: Pagefind's own search UI (pagefind-ui.js, as its docs set it
# up) on a bare page of the same site, searching ?q= at load. Written into
# the output by this script; a module file, so no inline script.
PAGEFIND_PAGE = """<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ค้นหาข่าว (Pagefind)</title><meta name="description" content="Pagefind UI">
<link rel="stylesheet" href="/pagefind/pagefind-ui.css">
<script src="/pagefind/pagefind-ui.js"></script>
<script type="module" src="/pagefind-ui-bench.js"></script></head>
<body><main><h1>ค้นหาข่าว</h1><div id="search"></div></main></body></html>
"""
PAGEFIND_SCRIPT = """const ui = new PagefindUI({ element: "#search", showSubResults: false });
const q = new URLSearchParams(window.location.search).get("q");
if (q) ui.triggerSearch(q);
"""


def install() -> None:
    if not CLI.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def pages(output: Path, pagefind: bool) -> dict[str, str]:
    article = sorted(output.glob("news/*/*/*/index.html"))[0].parent.relative_to(output)
    category = sorted(output.glob("category/*/index.html"))[0].parent.relative_to(output)
    found = {"home": "/", "article": f"/{article.as_posix()}/",
             "category": f"/{category.as_posix()}/",
             "search with results": f"/search.html?q={quote(QUERY)}", "404": "/404.html"}
    if pagefind:
        (output / "pagefind-ui-bench.html").write_text(PAGEFIND_PAGE, "utf-8")
        (output / "pagefind-ui-bench.js").write_text(PAGEFIND_SCRIPT, "utf-8")
        found["Pagefind UI search page (anchor)"] = f"/pagefind-ui-bench.html?q={quote(QUERY)}"
    return found


def lighthouse(url: str, work: Path) -> dict | None:
    """One Lighthouse run; None when Lighthouse fails (its error is printed)."""
    report = work / "report.json"
    report.unlink(missing_ok=True)
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    proc = subprocess.run(
        ["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        print(f"lighthouse failed on {url}: {proc.stderr[-500:]}", file=sys.stderr)
        return None
    data = json.loads(report.read_text("utf-8"))
    row = {c: data["categories"][c]["score"] for c in CATEGORIES}
    for audit, (_, _, scale) in METRICS.items():
        row[audit] = data["audits"][audit].get("numericValue", float("nan")) / scale
    row["failed"] = sorted(
        audit["id"] for cat in CATEGORIES[1:] for ref in data["categories"][cat]["auditRefs"]
        if ref["weight"] > 0 and (audit := data["audits"][ref["id"]])["score"] is not None
        and audit["score"] < 1)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    install()
    work = lib.WORK / "lighthouse"
    output, cache = work / "output", work / "cache"
    shutil.rmtree(output, ignore_errors=True)
    lib.build(lib.ROOT / "content", output, cache)
    pf_s, _, pf_log = lib.run_pagefind(output)
    server, base = lib.serve(output)
    results = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in pages(output, pf_s is not None).items():
                runs = [lighthouse(base + path, Path(tmp)) for _ in range(args.runs)]
                results[name] = [r for r in runs if r is not None]
                print(name, [r and r["performance"] for r in runs], file=sys.stderr)
    finally:
        server.shutdown()

    head = ["page", *CATEGORIES, *(label for label, _, _ in METRICS.values())]
    lines = [f"Site: the project's content/ ({len(list(output.glob('news/*/*/*/index.html')))} "
             f"articles), built with pelicanconf.py and served on localhost (HTTP/1.1, text "
             f"gzipped); Lighthouse 12.2.3 mobile (simulated slow 4G, Moto G Power), "
             f"Debian Chromium; median of {args.runs} runs per page. "
             f"Pagefind {'indexed the same site' if pf_s is not None else 'not run: ' + pf_log}.",
             "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, runs in results.items():
        if not runs:
            lines.append(f"| {name} | Lighthouse failed on every run |" + " |" * (len(head) - 2))
            continue
        cells = [f"{name} ({len(runs)} runs)" if len(runs) < args.runs else name]
        cells += [f"{lib.median([r[c] for r in runs]) * 100:.0f}" for c in CATEGORIES]
        cells += [fmt.format(lib.median([r[audit] for r in runs]))
                  for audit, (_, fmt, _) in METRICS.items()]
        lines.append("| " + " | ".join(cells) + " |")
    failed = {name: sorted({a for r in runs for a in r["failed"]})
              for name, runs in results.items()}
    lines += ["", "Audits below full marks in accessibility, best practices or SEO "
              "(any run): " + ("; ".join(f"{n}: {', '.join(a)}" for n, a in failed.items() if a)
                               or "none")]
    lib.save_table("lighthouse", "Lighthouse mobile, by page type", lines)


if __name__ == "__main__":
    main()
