"""newmm.py against PyThaiNLP's newmm on a whole archive: the same words?

    .venv/bin/python bench/newmm_check.py [--articles N]

Cuts every Thai run of the archive's articles (normalized, in the chunks
the segmenter makes) with PyThaiNLP's `newmm.segment` and with the
package's `newmm.segment`, on the same dictionary (the site's segmenter),
and counts the runs where the words differ; then, for every distinct word
of 4 letters or more, lists the dictionary words that begin at each of its
letters (all that Segmenter.parts reads of the trie) with PyThaiNLP's trie
and with ours. Prints and saves the counts and the CPU time of each side.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lib  # noqa: E402
from pythainlp.tokenize.newmm import segment as pythainlp_segment  # noqa: E402
from pythainlp.util import dict_trie  # noqa: E402

from pelican.plugins.thai_search import newmm  # noqa: E402
from pelican.plugins.thai_search.index_step import make_segmenter  # noqa: E402
from pelican.plugins.thai_search.normalize import normalize  # noqa: E402
from pelican.plugins.thai_search.segment import PART_MIN, Segmenter, chunks  # noqa: E402
from pelican.plugins.thai_search.tokens import PIECE  # noqa: E402

sys.path.insert(0, str(lib.ROOT))
from pelicanconf import THAI_SEARCH  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="the first N only (0: all)")
    args = parser.parse_args()
    files = lib.archive_files()
    if args.articles:
        files = files[:args.articles]
    content = lib.ROOT / "content"
    segmenter: Segmenter = make_segmenter(content, THAI_SEARCH)  # the site's, as built
    theirs, ours = dict_trie(segmenter.words), segmenter.trie

    runs = [chunk for path in files
            for m in PIECE.finditer(normalize(path.read_text("utf-8"))) if m[1]
            for chunk in chunks(m[1])]
    start = time.process_time()
    expected = [pythainlp_segment(run, custom_dict=theirs) for run in runs]
    their_time = time.process_time() - start
    start = time.process_time()
    found = [newmm.segment(run, ours) for run in runs]
    our_time = time.process_time() - start
    differ = [run for run, a, b in zip(runs, expected, found, strict=True) if a != b]

    # Segmenter.parts reads nothing of the trie but the words that begin at
    # each position of a word: the same there, the same parts.
    words = sorted({w for ws in found for w in ws if len(w) >= 2 * PART_MIN})
    start = time.process_time()
    their_prefixes = [theirs.prefixes(w, i) for w in words for i in range(len(w))]
    their_parts_time = time.process_time() - start
    start = time.process_time()
    our_prefixes = [[w[i:j] for j in newmm.prefix_ends(ours, w, i)]
                    for w in words for i in range(len(w))]
    our_parts_time = time.process_time() - start
    at = [(w, i) for w in words for i in range(len(w))]
    parts_differ = sorted({w for (w, _i), a, b in zip(at, their_prefixes, our_prefixes,
                                                      strict=True) if a != b})

    lines = [f"Archive: {len(files)} articles; {len(runs):,} Thai runs "
             f"({sum(map(len, runs)):,} characters, {len(set(runs)):,} distinct); "
             f"code {lib.git_head()}.", "",
             "| what | compared | differ | PyThaiNLP CPU s | newmm.py CPU s | ratio |",
             "|---|---|---|---|---|---|",
             f"| words of each run (newmm) | {len(runs):,} runs | {len(differ)} "
             f"| {their_time:.1f} | {our_time:.1f} | {our_time / their_time:.2f} |",
             f"| words that begin at each letter of a word (Segmenter.parts' input) "
             f"| {len(words):,} words | {len(parts_differ)} "
             f"| {their_parts_time:.1f} | {our_parts_time:.1f} "
             f"| {our_parts_time / their_parts_time:.2f} |"]
    if differ or parts_differ:
        lines += ["", "Differences (first 20):", ""]
        lines += [f"- `{run}`" for run in (differ + parts_differ)[:20]]
    lib.save_table("newmm-check", "newmm.py against PyThaiNLP's newmm", lines)
    if differ or parts_differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
