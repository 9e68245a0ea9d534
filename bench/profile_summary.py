"""Where a profiled build spent its time: py-spy's collapsed stacks summed.

    .venv/bin/python bench/profile_summary.py bench/work/fresh-full.spy [--top 50]
        [--phase NAME=PATTERN ...]

Reads `py-spy record --format raw --subprocesses` output (one stack a line,
root first, then its sample count) and prints, per kind of process (the
main build process, forked workers, anything else), the samples of each
phase: a stack belongs to the last phase, from root to leaf, whose pattern
matches one of its frames, so that nested phases (Markdown inside reading)
are told apart. Then the functions with the most samples, inclusive (each
function counted once per stack). Seconds are samples divided by the rate.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict

# (phase, regular expression over a frame "function (file:line)"), in
# nesting order: a later match inside a stack wins over an earlier one.
PHASES = [
    ("pelican: other", r"."),
    ("reading", r"generate_context \(pelican/generators\.py"),
    ("reading: Markdown", r"\(markdown/"),
    ("reading: content cache", r"content_cache\.py|cache\.py.*load_content_cache|pickle"),
    ("reading: sanitizer", r"sanitize\.py"),
    ("reading: English marking", r"thai_lang/latin\.py"),
    ("search: segmenting", r"_segment \(.*thai_search"),
    ("search: newmm", r"pythainlp/tokenize/newmm\.py|thai_search/newmm\.py"),
    ("search: index", r"build_index \(.*thai_search\.py"),
    ("search: segmenting", r"_segment_all|terms_at \("),
    ("search: writing the index", r"write_index \("),
    ("related news", r"thai_related/"),
    ("writing", r"generate_output \(pelican/generators\.py"),
    ("writing: Jinja", r"jinja2/"),
    ("writing: files", r"incremental_writer\.py.*(write_if|_write|replace)"),
    ("sitemap", r"thai_sitemap/"),
]


def process_kind(stack: list[str]) -> str:
    """py-spy starts a stack with a frame per process, the command's first."""
    if any("multiprocessing/pool.py" in f and "worker" in f for f in stack):
        return "workers"
    process = [f for f in stack if f.startswith("process ")][-1:]
    if process and ("newsroom.build" in process[0] or "pelican" in process[0]):
        return "build (main)"
    return "other (make, invoke)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile")
    parser.add_argument("--rate", type=float, default=29)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    phases = [(name, re.compile(pattern)) for name, pattern in PHASES]
    by_phase: dict[str, Counter] = defaultdict(Counter)
    by_function: dict[str, Counter] = defaultdict(Counter)
    by_leaf: dict[str, Counter] = defaultdict(Counter)
    for line in open(args.profile, encoding="utf-8", errors="replace"):
        stack_text, _, count = line.rstrip("\n").rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack_text.split(";")
        kind = process_kind(frames)
        stack = [f for f in frames if not f.startswith("process ")]
        phase = "idle"
        for name, pattern in phases:
            if any(pattern.search(f) for f in stack):
                phase = name
        by_phase[kind][phase] += int(count)
        for function in {re.sub(r":\d+\)$", ")", f) for f in stack}:
            by_function[kind][function] += int(count)
        if stack:
            leaf = re.sub(r":\d+\)$", ")", stack[-1])
            by_leaf[kind][f"{phase}: {leaf}"] += int(count)
    for kind in sorted(by_phase):
        total = sum(by_phase[kind].values())
        print(f"\n## {kind}: {total / args.rate:.0f} s sampled\n")
        print("| phase | s | share |\n|---|---|---|")
        for phase, n in sorted(by_phase[kind].items(), key=lambda x: -x[1]):
            print(f"| {phase} | {n / args.rate:.1f} | {n / total:.1%} |")
        print(f"\nTop {args.top} functions (inclusive):\n")
        for function, n in by_function[kind].most_common(args.top):
            print(f"- {n / args.rate:7.1f} s  {function}")
        print(f"\nTop {args.top} functions (self time, by phase):\n")
        for function, n in by_leaf[kind].most_common(args.top):
            print(f"- {n / args.rate:7.1f} s  {function}")


if __name__ == "__main__":
    main()
