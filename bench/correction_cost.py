"""What correcting a query costs (issue #14): bytes and time.

    .venv/bin/python bench/correction_cost.py --site bench/work/scale-all [--queries N]

On a built site, for misspelled and wrong-layout queries made by rule from
its own articles (typo_queries.py) and for queries that find something
(bench/scale_queries.json):

- cold: the search page opened with the query in a fresh browser context;
  the gzip bytes and files of the correction data (`search/s/`) it fetched;
- warm: the search page opened again with the query in a Chromium no
  driver traces (cdp.py: Playwright's per-request events would add about
  0.7 ms a fetch), and there the time of SearchEngine#correct alone after
  a search of the query (files already fetched), median of 3.

Queries with results must fetch no correction data at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cdp  # noqa: E402
import lib  # noqa: E402
from scale import OURS_DONE, cold_search, gz_size  # noqa: E402

WARM_JS = """async (q) => {
  const { SearchEngine } = await import('/theme/js/search/engine.js');
  const root = document.getElementById('search-app');
  const engine = new SearchEngine({ lunr: window.lunr, baseUrl: root.dataset.index });
  const found = await engine.search(q);
  if (found.total) return { total: found.total, ms: null };
  const times = [];
  let fixed = null;
  for (let i = 0; i < 3; i++) {
    engine.corrector = null;  // modules loaded; table and pieces in the HTTP cache
    const t0 = performance.now();
    fixed = await engine.correct(q);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { total: 0, ms: times[1], fixed };
}"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, help="a built site's folder (output/, content/)")
    parser.add_argument("--queries", type=int, default=40, help="typo and layout queries")
    parser.add_argument("--words-from", help="make the queries from this site's articles "
                        "instead (a smaller site: its commonest words are the big one's too)")
    args = parser.parse_args()
    work = Path(args.site).resolve()
    site = work / "output"
    from make_queries import read_articles
    from typo_queries import generate

    from pelican.plugins.thai_search.segment import Segmenter, read_word_list

    source = Path(args.words_from).resolve() if args.words_from else work
    paths = sorted((source / "content" / "news").rglob("*.md"))
    tables = source / "content" / "search"
    words = tables / "words.txt" if tables.is_dir() else lib.ROOT / "content/search/words.txt"
    segmenter = Segmenter(read_word_list(words))
    made = generate(read_articles(paths), segmenter)
    typos = [q for q in made if q["type"] != "typo-real"]
    step = max(1, len(typos) // args.queries)
    picked = [(q["type"], q["query"]) for q in typos[::step][:args.queries]]
    found = json.loads((lib.ROOT / "bench" / "scale_queries.json").read_text("utf-8"))["queries"]
    picked += [("has results", q) for q in found[:10]]

    sizes: dict[Path, int] = {}

    def gz(path: str) -> int:
        return gz_size(site, path, sizes)

    server, base = lib.serve(site)
    manager, browser = lib.chromium()
    untraced = cdp.PipeBrowser(lib.CHROMIUM_ARGS)
    session = None
    rows = []
    try:
        for kind, q in picked:
            url = f"{base}/search.html?q={quote(q)}"
            context, page, paths = cold_search(browser, url)
            typo_files = [u for u in paths if "/search/s/" in u]
            corrected = page.locator(".search-corrected, .search-suggest").count() > 0
            if session is None:
                session = untraced.open(url)
            else:  # one tab, navigated: no tab per query left open
                go = f"setTimeout(() => {{ location.href = {json.dumps(url)}; }}, 0), 0"
                untraced.evaluate(session, go)
            untraced.wait_for(session, f"document.URL === {json.dumps(url)} && {OURS_DONE}")
            warm = untraced.evaluate(session, f"({WARM_JS})({json.dumps(q)})")
            if kind == "has results" and not warm["total"]:
                kind = "scale query, none as typed"
            rows.append((kind, q, sum(gz(u) for u in typo_files), len(typo_files),
                         warm["ms"], corrected))
            context.close()
    finally:
        untraced.close()
        browser.close()
        manager.stop()
        server.shutdown()
    count = len(list((work / "content" / "news").rglob("*.md")))
    fixes = [r for r in rows if r[0] not in ("has results", "scale query, none as typed")]
    lines = [f"Site: {work.name} ({count:,} articles), at {lib.git_head()}; "
             f"{len(fixes)} typo and layout queries (typo_queries.py over {source.name}, "
             f"every {step}th), 10 queries from scale_queries.json.", "",
             "| | queries | correction KB gzip, median / max | files, max | "
             "correct() ms warm, median / max | corrected or suggested |",
             "|---|---|---|---|---|---|"]
    for label, group in (("typo and layout", fixes),
                         ("has results", [r for r in rows if r[0] == "has results"])):
        kb = [r[2] / 1024 for r in group]
        ms = [r[4] for r in group if r[4] is not None]
        lines.append(f"| {label} | {len(group)} | {lib.median(kb):.1f} / {max(kb):.1f} | "
                     f"{max(r[3] for r in group)} | "
                     + (f"{lib.median(ms):.1f} / {max(ms):.1f}" if ms else "–")
                     + f" | {sum(r[5] for r in group)} |")
    lines += ["", "| type | query | KB | files | ms | shown |", "|---|---|---|---|---|---|"]
    lines += [f"| {k} | {q} | {b / 1024:.1f} | {f} | {'–' if m is None else f'{m:.1f}'} | "
              f"{'yes' if c else 'no'} |" for k, q, b, f, m, c in rows]
    lib.save_table(f"correction-cost-{work.name}", "What correcting a query costs", lines)


if __name__ == "__main__":
    main()
