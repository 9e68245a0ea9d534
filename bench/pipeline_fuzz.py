"""Differential fuzzing of the two text pipelines, the long run.

    .venv/bin/python bench/pipeline_fuzz.py --cases 100000 --articles 10000 [--seed S]

`--cases` generated strings (a third of each kind of tests/pipeline_cases.py:
Thai, Latin and digits; marks, invisible characters, emoji and lone
surrogates; real archive lines, whole, cut or with such characters put in),
then every line of `--articles` archive articles (spread evenly over the
archive; a line that repeats is compared once), go through the Python and
the JS pipeline (tests/pipelines.py says what must agree). Prints and saves
a table: texts, differences, exceptions on either side, the JS query
parse's time, seconds; and each difference shrunk, with its seed. Then
`--queries` fuzzed queries go through the JS search engine (the test in
tests/js/hostile-query.test.js). Exits 1 on any difference or failure.
tests/test_pipeline_fuzz.py runs a few thousand cases in `make test`.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent / "tests"))
import lib  # noqa: E402

from pipeline_cases import (  # noqa: E402
    archive_line_texts,
    archive_lines,
    draw,
    marks_and_invisibles,
    thai_latin_digits,
    thai_words,
)
from pipelines import (  # noqa: E402
    compared,
    js_side,
    project_segmenter,
    python_answers,
    shrink,
)

BATCH = 2000


def compare_all(texts: list[str], segmenter) -> dict:
    """Both pipelines over `texts` in batches, node working on one batch
    while Python answers the next."""
    started = time.perf_counter()
    found, times = [], []

    def collect(job, kept, answers):
        js = job.result()
        times.extend(a["open"]["ms"] for a in js if "open" in a)
        found.extend(compared(kept, answers, js))

    pending = None
    with ThreadPoolExecutor(1) as node:
        for i in range(0, len(texts), BATCH):
            kept, answers, raised = python_answers(texts[i:i + BATCH], segmenter)
            found.extend(raised)
            if pending:
                collect(*pending)
            job = node.submit(js_side, kept, [a["vocabulary"] for a in answers])
            pending = (job, kept, answers)
            print(f"  {min(i + BATCH, len(texts))}/{len(texts)}: {len(found)} differ",
                  file=sys.stderr)
        if pending:
            collect(*pending)
    raised = [d for d in found if any(p.startswith(("Python raised", "JS raised"))
                                      for p in d.problems)]
    return {"texts": len(texts), "found": found,
            "python_raised": sum(any(p.startswith("Python raised") for p in d.problems)
                                 for d in raised),
            "js_raised": sum(any(p.startswith("JS raised") for p in d.problems) for d in raised),
            "ms": times, "seconds": time.perf_counter() - started}


def engine_fuzz(queries: int, seed: int) -> tuple[bool, str]:
    """tests/js/hostile-query.test.js's fuzzed queries, `queries` of them:
    (passed, its summary line or the failure)."""
    env = {**os.environ, "FUZZ_QUERIES": str(queries), "FUZZ_SEED": str(seed)}
    proc = subprocess.run(["node", "--test", "--test-name-pattern", "fuzzed queries",
                           str(lib.ROOT / "tests" / "js" / "hostile-query.test.js")],
                          env=env, capture_output=True, text=True, check=False)
    summary = re.search(r"# (fuzzed: .*)", proc.stdout)
    if proc.returncode == 0 and summary:
        return True, summary[1]
    return False, (proc.stdout + proc.stderr)[-2000:]


def spread(files: list[Path], count: int) -> list[Path]:
    """`count` files evenly spread over the sorted list (every year)."""
    if count >= len(files):
        return files
    step = len(files) / count
    return [files[int(i * step)] for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="generated strings")
    parser.add_argument("--articles", type=int, default=10_000, help="archive articles")
    parser.add_argument("--queries", type=int, default=20_000,
                        help="fuzzed queries through the JS engine (hostile-query.test.js)")
    parser.add_argument("--seed", type=int, default=None, help="replay a run's generated strings")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="an unpacked archive's data/ folder (default: lib.archive_files)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=lib.ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    files = sorted(args.corpus.rglob("*.txt")) if args.corpus else lib.archive_files()
    articles = spread(files, args.articles)
    lines = archive_line_texts(articles)
    distinct = list(dict.fromkeys(lines))
    segmenter = project_segmenter()
    words = thai_words()
    third = args.cases // 3
    kinds = {
        "Thai, Latin and digits": thai_latin_digits(words),
        "marks, invisible characters, emoji, lone surrogates": marks_and_invisibles(words),
        "archive lines, whole, cut or with such characters put in": archive_lines(distinct),
    }
    results = {}
    for k, (name, strategy) in enumerate(kinds.items()):
        count = third if k < 2 else args.cases - 2 * third
        print(f"{name}: drawing {count}", file=sys.stderr)
        texts = draw(strategy, count, seed + k)
        results[f"generated: {name}"] = compare_all(texts, segmenter)
        results[f"generated: {name}"]["distinct"] = len(set(texts))
    print(f"archive: {len(lines)} lines of {len(articles)} articles", file=sys.stderr)
    results[f"every line of {len(articles)} archive articles"] = {
        **compare_all(distinct, segmenter), "lines": len(lines)}
    print(f"engine: {args.queries} fuzzed queries", file=sys.stderr)
    engine_ok, engine_summary = engine_fuzz(args.queries, seed)
    rows = ["| texts | count | distinct | differences | Python exceptions | JS exceptions "
            "| JS query parse ms, median / max | seconds |", "|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        count = r.get("lines", r["texts"])
        unique = r["texts"] if "lines" in r else r["distinct"]
        ms = (f"{statistics.median(r['ms']):.2f} / {max(r['ms']):.1f}" if r["ms"] else "-")
        rows.append(f"| {name} | {count} | {unique} | {len(r['found'])} | {r['python_raised']} "
                    f"| {r['js_raised']} | {ms} | {r['seconds']:.0f} |")
    total = sum(r["texts"] for r in results.values())
    differing = [d for r in results.values() for d in r["found"]]
    notes = [
        "", f"Code: {commit}. Seed {seed} (generated strings: kind k draws with seed {seed} + k; "
        f"`--seed {seed}` replays them). {total} texts compared, "
        f"{len(differing)} differ.", "",
        "Compared byte for byte (UTF-16 code units): normalize, pieces, terms (and each Latin "
        "word's parts), and the query parser's reading of each Thai piece, given the index "
        "terms Python wrote for the text, which must spell the piece with those terms; "
        "QueryParser#parse of the text as a finished query and, when the search box takes it "
        "whole (200 characters), as one still being typed: every token an index term, or a "
        "prefix of one (tests/pipelines.py). The parse time is that of the query being typed.",
        "", f"Engine (tests/js/hostile-query.test.js, `FUZZ_QUERIES={args.queries} "
        f"FUZZ_SEED={seed}`): {args.queries} fuzzed queries over an index of the shared "
        "vectors' terms, each a result list or nothing, never an exception, in at most 50 ms "
        "of CPU: " + ("passed; " + engine_summary.removeprefix("fuzzed: ") if engine_ok
                      else f"FAILED:\n\n```\n{engine_summary}\n```"),
    ]
    for difference in differing[:10]:
        small = shrink(difference.text, segmenter)
        notes += ["", f"- {difference.text[:300]!r}", f"  shrunk to {small.text!r}:",
                  *(f"  - {p[:300]}" for p in small.problems[:4])]
    defaults = (args.cases, args.articles) == (100_000, 10_000)
    lib.save_table("pipeline-fuzz" if defaults else f"pipeline-fuzz-{args.cases}-{args.articles}",
                   "Differential fuzzing of the Python and JS text pipelines", rows + notes)
    sys.exit(1 if differing or not engine_ok else 0)


if __name__ == "__main__":
    main()
