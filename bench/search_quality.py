"""Search quality: our Thai search against Pagefind 1.6 on the same site.

    .venv/bin/python bench/search_quality.py [--archive N] [--no-pagefind]

Builds the project's own articles (content/news and the search test
fixture; bench/queries.json judges them), optionally with N articles of the
real archive (then every query is judged again over all articles by its
rule, and 200 known-item queries made of rare title words are added),
indexes the same article pages with Pagefind,
and runs every query of bench/queries.json through both in headless
Chromium: ours through search.html?q= (the page contract), Pagefind through
its JS API. Prints and saves recall@10, MRR and, for negative queries, the
share that correctly finds nothing, by query type. --no-pagefind measures
ours alone (Pagefind cannot index the whole archive on these machines: it
was stopped above 18 GB of memory).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lib  # noqa: E402

QUERIES = lib.ROOT / "bench" / "queries.json"
TOP = 10
# The known-item queries whose words are in the titles of fewer than TOP
# other articles: a subset, reported beside the type, not counted twice.
DISTINCT = f"known-item, title words in < {TOP} other titles"


def assemble(work: Path, archive: int) -> Path:
    content = work / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(lib.ROOT / "content", content)
    shutil.copytree(lib.ROOT / "tests" / "fixtures" / "search_site" / "news",
                    content / "news" / "fixture")
    if archive:
        files = lib.archive_files()
        step = max(1, len(files) // archive)
        chosen = work / "chosen"
        shutil.rmtree(chosen, ignore_errors=True)
        for f in files[::step][:archive]:
            target = chosen / f.relative_to(lib.ARCHIVE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
        from newsroom.thaigov_import import run_import

        run_import(chosen, content / "news" / "archive", out=open("/dev/null", "w"))
    return content


def judge(queries: list[dict], content: Path, known_items: int) -> list[dict]:
    """Judgments for a site with archive articles: each query's rule applied
    to every article; negatives that some archive article really uses are
    dropped; plus known-item queries made of rare words of archive titles."""
    from make_queries import contains, read_articles, read_blocks, stands_together

    from pelican.plugins.thai_search.normalize import normalize
    from pelican.plugins.thai_search.segment import Segmenter, read_word_list
    from pelican.plugins.thai_search.variants import load_variants

    tables = content / "search"
    segmenter = Segmenter(read_word_list(tables / "words.txt"),
                          load_variants([tables / "variants.txt", tables / "abbreviations.txt"]))
    articles = read_articles((content / "news").rglob("*.md"))
    texts = {s: normalize(t) for s, (_, t) in articles.items()}
    terms = {s: set(segmenter.terms(t)) for s, (_, t) in articles.items()}
    judged, blocks = [], None
    for q in queries:
        rule = q["rule"]
        if "none" in rule:  # still negative if no article has all of its words
            words = set(segmenter.terms(rule["none"][0]))
            if not any(words <= t for t in terms.values()):
                judged.append(q)
            continue
        if "together" in rule:
            blocks = blocks or read_blocks((content / "news").rglob("*.md"))
            judged.append({**q, "relevant": sorted(
                s for s, b in blocks.items() if stands_together(b, rule["together"]))})
            continue
        forms = rule.get("any", rule.get("all", []))
        test = any if "any" in rule else all
        judged.append({**q, "relevant": sorted(s for s, t in texts.items()
                                               if test(contains(t, f) for f in forms))})
    df: dict[str, int] = {}
    for ts in terms.values():
        for t in ts:
            df[t] = df.get(t, 0) + 1
    archive = [s for s in articles if s.startswith("thaigov-")]
    picked = archive[:: max(1, len(archive) // known_items)][:known_items]
    titles = {s: segmenter.terms(articles[s][0]) for s in articles}
    title_sets = {s: set(t) for s, t in titles.items()}
    for s in picked:
        words = [t for t in dict.fromkeys(titles[s])
                 if len(t) >= 3 and not t.startswith("~") and not t.isdigit()]
        rare = sorted(words, key=lambda t: (df.get(t, 0), -len(t)))[:3]
        if rare:
            # Other articles whose titles have every query word: past TOP of
            # them, nothing in the query tells the article from the others.
            query = set(rare)
            rivals = sum(1 for o, t in title_sets.items() if o != s and query <= t)
            judged.append({"type": "known-item", "query": " ".join(rare), "relevant": [s],
                           "rivals": rivals})
    return judged


def word_order_queries(content: Path) -> list[dict]:
    """Glued, never-together, quoted and prefix queries judged over the site's
    articles (word_order_queries.py)."""
    from make_queries import read_articles, read_blocks
    from word_order_queries import generate

    from pelican.plugins.thai_search.segment import Segmenter, read_word_list

    segmenter = Segmenter(read_word_list(content / "search" / "words.txt"))
    paths = list((content / "news").rglob("*.md"))
    return generate(read_articles(paths), read_blocks(paths), segmenter)


def typo_queries(content: Path) -> list[dict]:
    """Misspelled and wrong-layout queries judged over the site's articles
    (typo_queries.py); reported apart from the other positive queries."""
    from make_queries import read_articles
    from typo_queries import generate

    from pelican.plugins.thai_search.segment import Segmenter, read_word_list

    segmenter = Segmenter(read_word_list(content / "search" / "words.txt"))
    return generate(read_articles(list((content / "news").rglob("*.md"))), segmenter)


def slug(url: str) -> str:
    """The article's slug; our result links carry the query (?highlight=)."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


def ours(page, base, query):
    page.goto(f"{base}/search.html?q={quote(query)}")
    page.wait_for_function(
        "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
    urls = page.eval_on_selector_all(
        "#search-results li.result", "xs => xs.map(x => x.querySelector('a').href)")
    return [slug(u) for u in urls[:TOP]], len(urls)


def pagefind(page, base, query):
    result = page.evaluate("([q, n]) => window.pagefindSearch(q, n)", [query, TOP])
    return [slug(u) for u in result["urls"]], result["count"]


def score(ranked, relevant):
    if not relevant:
        return None, None
    hits = [s for s in ranked[:TOP] if s in relevant]
    recall = len(hits) / min(TOP, len(relevant))
    rr = next((1 / (i + 1) for i, s in enumerate(ranked) if s in relevant), 0.0)
    return recall, rr


# Compound-part rules to compare (THAI_SEARCH["compound_parts"]; segment.py).
PART_RULES = {
    "default": "default",  # the plugin's own rule
    "none": None,
    "long-only": {"min_length": 10, "always_length": 10, "part_ratio": 0},
    "all": {"min_length": 4, "always_length": 4, "part_ratio": 0},
}


def reuse(work: Path) -> tuple[Path, Path]:
    """The content and output of an earlier run in work, with the theme's
    current browser code copied over the built one (for a change that touches
    only JS: ranking, query parsing)."""
    content, output = work / "content", work / "output"
    if not (output / "search" / "manifest.json").exists():
        raise SystemExit(f"--reuse-build: no built site in {output}; run once without it")
    lib.refresh_browser_code(output)
    return content, output


def judged_queries(content: Path, archive: int, known_items: int, work: Path) -> list[dict]:
    """Every query with its judgment. They are kept in work/judged.json with
    a hash of what made them (the content's files, names and sizes, and the
    rules' code): a later run over the same content reads them, since
    judging the whole archive takes about 20 minutes."""
    made_by = hashlib.sha256(repr((archive, known_items)).encode())
    for path in sorted([*content.rglob("*.md"), *(content / "search").glob("*.txt")]):
        made_by.update(f"{path.relative_to(content)}\0{path.stat().st_size}\0".encode())
    for code in (QUERIES, *(lib.ROOT / "bench" / name for name in (
            "search_quality.py", "make_queries.py", "word_order_queries.py", "typo_queries.py"))):
        made_by.update(code.read_bytes())
    kept = work / "judged.json"
    if kept.exists():
        saved = json.loads(kept.read_text("utf-8"))
        if saved["made_by"] == made_by.hexdigest():
            print(f"queries and judgments from {kept} (the same content and rules)")
            return saved["queries"]
    queries = json.loads(QUERIES.read_text("utf-8"))["queries"]
    if archive:
        queries = judge(queries, content, known_items=known_items)
    queries += word_order_queries(content)
    queries += typo_queries(content)
    kept.write_text(json.dumps({"made_by": made_by.hexdigest(), "queries": queries},
                               ensure_ascii=False), "utf-8")
    return queries


def measure(archive: int, pagefind_too: bool, known_items: int, parts: str = "default",
            reuse_build: bool = False, overrides: dict | None = None):
    """Build the site and run every query through each engine: {rows (by
    type and engine), misses, build_s, pf_s (or None), content, queries,
    output, log}. With reuse_build, the last build is queried again and
    build_s is None."""
    work = lib.WORK / (f"quality-{archive}" + ("" if parts == "default" else f"-parts-{parts}"))
    work.mkdir(parents=True, exist_ok=True)
    if reuse_build:
        content, output = reuse(work)
        build_s, log = None, ""
        pagefind_too = pagefind_too and (output / "pagefind").exists()
        pf_s = 0.0 if pagefind_too else None
    else:
        content = assemble(work, archive)
        output = work / "output"
        shutil.rmtree(output, ignore_errors=True)
        extra = {}
        if parts != "default" or overrides:
            sys.path.insert(0, str(lib.ROOT))
            import pelicanconf

            extra = {"THAI_SEARCH": {**pelicanconf.THAI_SEARCH, **(overrides or {})}}
            if parts != "default":
                extra["THAI_SEARCH"]["compound_parts"] = PART_RULES[parts]
        build_s, _, log = lib.build(content, output, work / "cache", extra=extra)
        pf_s = lib.run_pagefind(output)[0] if pagefind_too else None
    engines = (("ours", ours),) if pf_s is None else (("ours", ours), ("pagefind", pagefind))
    queries = judged_queries(content, archive, known_items, work)

    server, base = lib.serve(output)
    manager, browser = lib.chromium()
    rows = defaultdict(lambda: defaultdict(list))
    misses = []
    try:
        tabs = {name: browser.new_page() for name, _ in engines}
        if "pagefind" in tabs:
            tabs["pagefind"].goto(f"{base}/pagefind-bench.html")
            tabs["pagefind"].wait_for_function("window.pagefindReady === true")
        for q in queries:
            relevant = set(q["relevant"])
            for name, run in engines:
                ranked, count = run(tabs[name], base, q["query"])
                recall, rr = score(ranked, relevant)
                stats = rows[q["type"]][name]
                if relevant:
                    stats.append((recall, rr))
                    if q.get("rivals", TOP) < TOP:
                        rows[DISTINCT][name].append((recall, rr))
                    if name == "ours" and recall < 1:
                        misses.append(f"{q['type']}: {q['query']} -> {ranked[:5]}")
                else:
                    stats.append((count == 0, None))
                    if name == "ours" and count:
                        misses.append(f"negative: {q['query']} -> {ranked[:5]}")
    finally:
        browser.close()
        manager.stop()
        server.shutdown()
    return {"rows": rows, "misses": misses, "build_s": build_s, "pf_s": pf_s,
            "content": content, "queries": queries, "output": output, "log": log}


def fmt(values, i):
    """The mean of measure i (0 recall or no-result, 1 reciprocal rank,
    2 success@10) over (recall, rr) pairs."""
    if i == 2:  # success@10: some relevant article in the first ten
        values = [(v[0] > 0, None) for v in values]
        i = 0
    values = [v[i] for v in values if v[i] is not None]
    return f"{sum(values) / len(values):.3f}" if values else "–"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=int, default=0,
                        help="also build N real archive articles as distractors")
    parser.add_argument("--no-pagefind", action="store_true", help="measure ours only")
    parser.add_argument("--known-items", type=int, default=200,
                        help="known-item queries from archive titles (with --archive)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                        help="a THAI_SEARCH setting for this build, e.g. positions_max=8000 "
                             "(the table's name then says so)")
    parser.add_argument("--reuse-build", action="store_true",
                        help="query the last build again, with the theme's current JS "
                             "(for browser-only changes); the table then has no build time")
    args = parser.parse_args()
    overrides = {key: json.loads(value) for key, value in
                 (item.split("=", 1) for item in args.set)}
    run = measure(args.archive, not args.no_pagefind, args.known_items,
                  reuse_build=args.reuse_build, overrides=overrides)
    rows, misses, build_s, pf_s = run["rows"], run["misses"], run["build_s"], run["pf_s"]
    content, queries = run["content"], run["queries"]

    articles = [p for p in (content / "news").rglob("*.md") if not p.name.startswith("_")]
    archived = [p for p in articles if p.name.startswith("thaigov-")]
    lines = [f"Site: {len(articles)} articles (own {len(articles) - len(archived)}, real "
             f"archive distractors {len(archived)}); {len(queries)} queries from "
             "bench/queries.json.",
             (f"Build {build_s:.1f} s; Pagefind indexing "
              + (f"{pf_s:.1f} s." if pf_s is not None else "not run (--no-pagefind).")
              if build_s is not None else
              "Earlier build queried again (--reuse-build) with the current browser code."),
             "",
             "| type | queries | recall@10 ours | recall@10 Pagefind | MRR ours | MRR Pagefind |"
             " success@10 ours | success@10 Pagefind |"
             " negatives with no result, ours | Pagefind |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    negative = ("negative", "glued-never")
    for kind, by in rows.items():
        if kind in negative:
            lines.append(f"| {kind} | {len(by['ours'])} | – | – | – | – | – | – | "
                         f"{fmt(by['ours'], 0)} | {fmt(by['pagefind'], 0)} |")
        else:
            lines.append(f"| {kind} | {len(by['ours'])} | {fmt(by['ours'], 0)} | "
                         f"{fmt(by['pagefind'], 0)} | {fmt(by['ours'], 1)} | "
                         f"{fmt(by['pagefind'], 1)} | {fmt(by['ours'], 2)} | "
                         f"{fmt(by['pagefind'], 2)} | – | – |")
    typo = [k for k in rows if k.startswith("typo") or k == "layout"]
    everything = {n: [v for kind, by in rows.items() if kind not in (*negative, DISTINCT, *typo)
                      for v in by[n]] for n in ("ours", "pagefind")}
    typos = {n: [v for kind in typo if kind not in ("typo-real", "layout") for v in rows[kind][n]]
             for n in ("ours", "pagefind")}
    rivals = [q["rivals"] for q in queries if "rivals" in q]
    if rivals:
        lines[2:2] = [f"Known-item queries whose words are all in the titles of {TOP} or more "
                      f"other articles: {sum(r >= TOP for r in rivals)} of {len(rivals)} "
                      f"(median rivals {lib.median(rivals):.0f}).", ""]
    lines.append(f"| all positive | {len(everything['ours'])} | {fmt(everything['ours'], 0)} | "
                 f"{fmt(everything['pagefind'], 0)} | {fmt(everything['ours'], 1)} | "
                 f"{fmt(everything['pagefind'], 1)} | {fmt(everything['ours'], 2)} | "
                 f"{fmt(everything['pagefind'], 2)} | – | – |")
    if typos["ours"]:
        lines.append(f"| all typos (not typo-real) | {len(typos['ours'])} | "
                     f"{fmt(typos['ours'], 0)} | {fmt(typos['pagefind'], 0)} | "
                     f"{fmt(typos['ours'], 1)} | {fmt(typos['pagefind'], 1)} | "
                     f"{fmt(typos['ours'], 2)} | {fmt(typos['pagefind'], 2)} | – | – |")
        lines += ["", "Typo and layout queries (typo_queries.py) are not in all positive; "
                  "typo-real are typos that spell a real word, never corrected by design."]
    if misses:
        lines += ["", "Queries where ours missed something (top 5 shown):", ""]
        lines += [f"- {m}" for m in misses]
    named = "".join(f"-{key.replace('_', '-')}-{value}" for key, value in overrides.items())
    if overrides:
        lines[1:1] = ["Settings for this build: " + ", ".join(
            f"THAI_SEARCH[{key!r}] = {value!r}" for key, value in overrides.items()) + "."]
    pairs = [line for line in run["log"].splitlines() if "thai_search: pairs" in line]
    if pairs:
        lines[1:1] = [pairs[-1].split("thai_search: ", 1)[1].strip() + "."]
    lib.save_table(f"search-quality-{args.archive}{named}"
                   + ("-reuse" if args.reuse_build else ""),
                   "Search quality: ours vs Pagefind 1.6",
                   lines)


if __name__ == "__main__":
    main()
