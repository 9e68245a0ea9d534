"""Archive scale: build time, memory, sizes, and in-browser search cost,
against Pagefind 1.6 on the same built site, in the same run.

    .venv/bin/python bench/scale.py --n 1000 --n 10000 [--n all]

For each N: imports N articles of the shared archive (evenly sampled), does
a full build and a rebuild after editing one article, indexes the article
pages with Pagefind, then runs bench/scale_queries.json in headless Chromium:
cold-cache search bytes for the first query (gzip sizes of the JS and index
files fetched), page load to results shown, a warm second query (timed under
Playwright, and again in a browser without DevTools network tracking, see
cdp.py), and the JS heap after 10 queries. Prints medians and saves the table
in bench/results/.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cdp  # noqa: E402
import lib  # noqa: E402

QUERIES = json.loads((lib.ROOT / "bench" / "scale_queries.json").read_text("utf-8"))["queries"]
OURS = ("/search/", "/theme/js/search/", "/theme/vendor/lunr/")
NO_PAGEFIND = False
FAST_3G_QUERIES = 15


def prepare(n: int | None, work: Path) -> tuple[Path, float]:
    files = lib.archive_files()
    chosen = files if n is None else files[:: max(1, len(files) // n)][:n]
    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(lib.ROOT / "content" / "pages", content / "pages")
    shutil.copytree(lib.ROOT / "content" / "search", content / "search")
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    for f in chosen:
        target = src / f.relative_to(lib.ARCHIVE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    from newsroom.thaigov_import import run_import

    started = time.perf_counter()
    with open("/dev/null", "w") as sink:
        run_import(src, content / "news", out=sink)
    return content, time.perf_counter() - started


def search_step(log: str) -> float:
    m = re.search(r"thai_search: .* in ([\d.]+) s; .* written in ([\d.]+) s", log)
    return float(m[1]) + float(m[2]) if m else float("nan")


def tree_size(root: Path, gz: bool = False) -> int:
    total = 0
    for p in root.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            total += len(gzip.compress(data, 6)) if gz else len(data)
    return total


def gz_size(site: Path, url: str, cache: dict) -> int:
    path = site / urlsplit(url).path.lstrip("/")
    if path not in cache:
        cache[path] = len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0
    return cache[path]


OURS_DONE = "document.getElementById('search-results').getAttribute('aria-busy') === 'false'"


def cold_search(browser, url: str):
    """The search page at url in a fresh context (empty cache), once it shows
    its results: (context, page, the paths it requested). Close the context."""
    context = browser.new_context()
    page = context.new_page()
    paths: list[str] = []
    page.on("request", lambda r: paths.append(urlsplit(r.url).path))
    page.goto(url, timeout=120_000)
    page.wait_for_function(OURS_DONE, timeout=120_000)
    return context, page, paths
SHOWN_AT = """new MutationObserver((changes, watch) => {
  const results = document.getElementById('search-results');
  if (results && results.getAttribute('aria-busy') === 'false') {
    window.__resultsShownAt = performance.now(); watch.disconnect(); }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });"""
# A warm query is a reader's next search on the same page: it starts once the
# previous search is complete (our page fills each result's snippet after
# the results are shown; Pagefind's search resolves with its excerpts) and
# painted (two animation frames). The end is the aria-busy change, seen by a
# MutationObserver (a setTimeout poll adds up to 4 ms). The series starts
# after READ_MS on the first results, the time a reader takes to read them.
READ_MS = 2000
SETTLE = "await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));"
SNIPPETS_FILLED = """const filled = () => [...document.querySelectorAll(
    '#search-results .result-snippet')].every((p) => p.firstChild);
  for (let i = 0; i < 100 && !filled(); i++) await new Promise((r) => setTimeout(r, 20));"""
OURS_QUERY = """async (q) => {
  SNIPPETS_FILLED
  SETTLE
  const results = document.getElementById('search-results');
  const done = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (results.getAttribute('aria-busy') === 'false') { watch.disconnect(); resolve(); }
    });
    watch.observe(results, { attributes: true, attributeFilter: ['aria-busy'] });
  });
  document.getElementById('search-q').value = q;
  const t = performance.now();
  document.getElementById('search-form').requestSubmit();
  await done;
  return performance.now() - t; }"""
OURS_QUERY = OURS_QUERY.replace("SETTLE", SETTLE).replace("SNIPPETS_FILLED", SNIPPETS_FILLED)
PAGEFIND_QUERY = """async (q) => { SETTLE const t = performance.now();
  await window.pagefindSearch(q, 10); return performance.now() - t; }""".replace("SETTLE", SETTLE)


def cold_runs(browser, site, open_and_search, counted):
    """Each query in a fresh browser context: search bytes (gzip) and ms to results."""
    sizes, cold, load_ms = {}, [], []
    for q in QUERIES:
        context = browser.new_context()
        page = context.new_page()
        urls = []
        page.on("request", lambda r, urls=urls: urls.append(r.url))
        load_ms.append(open_and_search(page, q))
        cold.append(sum(gz_size(site, u, sizes) for u in urls if counted(urlsplit(u).path)))
        context.close()
    return cold, load_ms


def fast_3g_runs(browser, open_and_search, root: str) -> list[float]:
    """Page load to results on a phone's mobile data: the first FAST_3G_QUERIES
    queries, each in a fresh context (cold cache) under Chrome's Fast 3G,
    from the server at root (the HTTP/1.1 one, or lib.serve_h2's)."""
    load_ms = []
    for q in QUERIES[:FAST_3G_QUERIES]:
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      ignore_https_errors=True)  # serve_h2's own certificate
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        session.send("Network.emulateNetworkConditions", lib.FAST_3G)
        load_ms.append(open_and_search(page, q, root))
        context.close()
    return load_ms


def warm_runs(browser, open_and_search, query_js):
    """Later queries on one page: ms each, then the JS heap after 10 queries."""
    page = browser.new_context().new_page()
    open_and_search(page, QUERIES[0])
    page.wait_for_timeout(READ_MS)
    warm_ms = [page.evaluate(query_js, q) for q in QUERIES[1:]]
    return warm_ms, heap_after(page, lambda q: page.evaluate(query_js, q))


def warm_untraced(first_url: str, done: str, query_js: str) -> list[float]:
    """The warm series again, in a browser no driver traces (cdp.py): what a
    reader's browser spends, without Playwright's per-request events."""
    browser = cdp.PipeBrowser(lib.CHROMIUM_ARGS)
    try:
        session = browser.open(first_url)
        browser.wait_for(session, done)
        time.sleep(READ_MS / 1000)
        return [browser.evaluate(session, f"({query_js})({json.dumps(q)})") for q in QUERIES[1:]]
    finally:
        browser.close()


def measure_ours(browser, base, site, h2):
    def open_and_search(page, q, root=base):
        """ms from navigation start to the results shown (aria-busy false),
        recorded in the page: Playwright's polling would add up to a frame."""
        page.add_init_script(SHOWN_AT)
        page.goto(f"{root}/search.html?q={quote(q)}", timeout=120_000)
        page.wait_for_function(OURS_DONE, timeout=120_000)
        return page.evaluate("window.__resultsShownAt")

    cold, load_ms = cold_runs(browser, site, open_and_search,
                              lambda path: any(p in path for p in OURS))
    warm_ms, heap = warm_runs(browser, open_and_search, OURS_QUERY)
    untraced = warm_untraced(f"{base}/search.html?q={quote(QUERIES[0])}", OURS_DONE, OURS_QUERY)
    return (cold, load_ms, warm_ms, untraced, heap, fast_3g_runs(browser, open_and_search, base),
            fast_3g_runs(browser, open_and_search, h2))


def measure_pagefind(browser, base, site, h2):
    def open_and_search(page, q, root=base):
        page.goto(f"{root}/pagefind-bench.html?q={quote(q)}", timeout=120_000)
        page.wait_for_function("window.pagefindDoneAt !== undefined", timeout=120_000)
        return page.evaluate("window.pagefindDoneAt")

    cold, load_ms = cold_runs(browser, site, open_and_search, lambda path: "/pagefind/" in path)
    warm_ms, heap = warm_runs(browser, open_and_search, PAGEFIND_QUERY)
    untraced = warm_untraced(f"{base}/pagefind-bench.html?q={quote(QUERIES[0])}",
                             "window.pagefindDoneAt !== undefined", PAGEFIND_QUERY)
    return (cold, load_ms, warm_ms, untraced, heap, fast_3g_runs(browser, open_and_search, base),
            fast_3g_runs(browser, open_and_search, h2))


def heap_after(page, run):
    session = page.context.new_cdp_session(page)
    for q in QUERIES[:10]:
        run(q)
    session.send("HeapProfiler.collectGarbage")
    return session.send("Runtime.getHeapUsage")["usedSize"]


def search_only(n: int | None, browser, as_built: bool = False) -> dict:
    """The search measurements again on the site a full run built: an
    incremental build first brings its theme and code up to date (unless
    as_built: the site exactly as that run built it, say to measure it again
    on a quiet machine), Pagefind's index from that run is reused (none if
    Pagefind was stopped)."""
    work = lib.WORK / f"scale-{'all' if n is None else n}"
    content, output, cache = work / "content", work / "output", work / "cache"
    if not (output / "search" / "manifest.json").is_file():
        raise SystemExit(f"no built site in {output}: run without --search-only first")
    if not as_built:
        lib.build(content, output, cache)
    count = len(list((content / "news").rglob("*.md")))
    has_pagefind = (output / "pagefind" / "pagefind.js").is_file()
    if has_pagefind:
        (output / "pagefind-bench.html").write_text(lib.PAGEFIND_HARNESS, encoding="utf-8")
    server, base = lib.serve(output)
    h2_server, h2 = lib.serve_h2(output)
    try:
        ours = measure_ours(browser, base, output, h2)
        theirs = measure_pagefind(browser, base, output, h2) if has_pagefind else None
    finally:
        server.shutdown()
        h2_server.shutdown()
    return {"n": count, "ours": ours, "pagefind": theirs}


def one(n: int | None, browser) -> dict:
    label = "all" if n is None else str(n)
    work = lib.WORK / f"scale-{label}"
    work.mkdir(parents=True, exist_ok=True)
    content, import_s = prepare(n, work)
    count = len(list((content / "news").rglob("*.md")))
    output, cache = work / "output", work / "cache"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    full_s, full_kb, full_log = lib.build(content, output, cache)
    edited = sorted((content / "news").rglob("*.md"))[count // 2]
    edited.write_text(edited.read_text("utf-8") + "\nย่อหน้าที่แก้ไขเพื่อทดสอบการสร้างใหม่\n",
                      "utf-8")
    inc_s, inc_kb, inc_log = lib.build(content, output, cache)
    pf_s, pf_kb, pf_log = (None, 0, "not run (--no-pagefind)") if NO_PAGEFIND \
        else lib.run_pagefind(output)
    server, base = lib.serve(output)
    h2_server, h2 = lib.serve_h2(output)
    try:
        ours = measure_ours(browser, base, output, h2)
        theirs = measure_pagefind(browser, base, output, h2) if pf_s is not None else None
    finally:
        server.shutdown()
        h2_server.shutdown()
    return {
        "n": count, "import_s": import_s, "full_s": full_s, "full_search_s": search_step(full_log),
        "full_mb": full_kb / 1024, "inc_s": inc_s, "inc_search_s": search_step(inc_log),
        "inc_mb": inc_kb / 1024, "pf_s": pf_s, "pf_mb": pf_kb / 1024,
        "output_mb": tree_size(output) / 2**20,
        "index_mb": tree_size(output / "search") / 2**20,
        "pagefind_mb": tree_size(output / "pagefind") / 2**20 if pf_s is not None else None,
        "pf_note": "" if pf_s is not None else pf_log[:200],
        "ours": ours, "pagefind": theirs,
    }


def kb(values, f=lib.median):
    return f"{f(values) / 1024:.0f}"


def table(results: list[dict], build: bool = True, as_built: bool = False) -> list[str]:
    first = ("the sites exactly as it built them (--as-built, no build first)." if as_built else
             "an incremental build first updated their theme and code.")
    lines = [] if build else [
        "Search measured again on the sites built by the full run (its build table has the",
        "build figures); " + first, ""]
    if build:
        lines += ["## Build (seconds, MB)", "",
                  "| articles | import | full build | of which search | rebuild after 1 edit | "
                  "of which search | peak RSS full | output | search index | "
                  "Pagefind index time | Pagefind peak RSS | Pagefind index |", "|" + "---|" * 12]
    for r in results if build else []:
        pf = (f"{r['pf_s']:.1f} | {r['pf_mb']:.0f} | {r['pagefind_mb']:.0f}"
              if r["pf_s"] is not None else f"{r['pf_note']} | {r['pf_mb']:.0f} | –")
        lines.append(
            f"| {r['n']:,} | {r['import_s']:.1f} | {r['full_s']:.1f} | {r['full_search_s']:.1f} |"
            f" {r['inc_s']:.1f} | {r['inc_search_s']:.1f} | {r['full_mb']:.0f} |"
            f" {r['output_mb']:.0f} | {r['index_mb']:.0f} | {pf} |")
    lines += ["", f"## Search in headless Chromium ({len(QUERIES)} queries; medians)", "",
              "| articles | engine | cold search KB gz median | max | page load → results ms |"
              " Fast 3G, HTTP/1.1: page load → results ms | Fast 3G, HTTP/2: page load →"
              " results ms | warm query ms | warm, untraced ms | JS heap after 10 queries MB |",
              "|" + "---|" * 10]
    for r in results:
        for name in ("ours", "pagefind"):
            if r[name] is None:
                lines.append(f"| {r['n']:,} | {name} | – | – | – | – | – | – | – | – |")
                continue
            cold, load, warm, untraced, heap, g3, g3_h2 = r[name]
            lines.append(f"| {r['n']:,} | {name} | {kb(cold)} | {kb(cold, max)} |"
                         f" {lib.median(load):.0f} | {lib.median(g3):.0f} |"
                         f" {lib.median(g3_h2):.0f} | {lib.median(warm):.1f} |"
                         f" {lib.median(untraced):.1f} | {heap / 2**20:.1f} |")
    lines += ["", "Warm query: under Playwright, which traces every request; untraced: the same",
              "series in a browser no driver traces (bench/cdp.py), as a reader's is.",
              f"Fast 3G: the first {FAST_3G_QUERIES} queries, each in a fresh 390×844 context",
              "with the cache off, under Chrome's Fast 3G (150 ms round trip, 1.6 Mbit/s down,",
              "750 kbit/s up); ours is the whole search page (fonts, CSS, header), Pagefind's",
              "its bare page. Both servers gzip text files as static hosts do; HTTP/2 (TLS, one",
              "connection: bench/h2_server.mjs) is how GitHub Pages and the like serve the site,",
              "HTTP/1.1 lets a browser open only six connections to a host."]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", action="append", default=[],
                        help="articles to import: a number or 'all' (repeatable)")
    parser.add_argument("--search-only", action="store_true",
                        help="only the search measurements, on the sites an earlier run built")
    parser.add_argument("--as-built", action="store_true",
                        help="with --search-only: no incremental build first, the site as "
                             "the earlier run built it")
    parser.add_argument("--no-pagefind", action="store_true",
                        help="skip Pagefind (it cannot index the whole archive here)")
    args = parser.parse_args()
    global NO_PAGEFIND
    NO_PAGEFIND = args.no_pagefind
    sizes = [None if v == "all" else int(v) for v in (args.n or ["1000"])]
    manager, browser = lib.chromium()
    try:
        results = [search_only(n, browser, args.as_built) if args.search_only else one(n, browser)
                   for n in sizes]
    finally:
        browser.close()
        manager.stop()
    name = "scale-" + "-".join("all" if n is None else str(n) for n in sizes)
    if args.search_only:
        lib.save_table(name + "-search" + ("-as-built" if args.as_built else ""),
                       "Archive scale, search only: ours vs Pagefind 1.6",
                       table(results, build=False, as_built=args.as_built))
    else:
        lib.save_table(name, "Archive scale: ours vs Pagefind 1.6", table(results))


if __name__ == "__main__":
    main()
