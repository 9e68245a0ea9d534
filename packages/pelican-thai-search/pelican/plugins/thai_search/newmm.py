"""newmm's cuts, the same words as PyThaiNLP's, in less time.

PyThaiNLP's newmm (`pythainlp.tokenize.newmm.segment`, safe mode off) is
maximal matching over Thai character clusters: from each possible word
start, in order, every dictionary word that ends on a cluster boundary
adds an edge to a graph; where only one start is left ahead, the graph's
first path found breadth-first gives the words; where none is, the text up
to the next likely word start is one unknown word. The segmenter runs it on
every Thai run of the archive, and it was half of a full build's
segmentation (docs/build-performance.md). This module takes the same steps
on lighter structures:

- the dictionary is a trie of plain dicts (a word ends where a node holds
  the key ""), walked in place, giving end positions rather than copies of
  the words;
- the cluster boundaries come from one scan of PyThaiNLP's own cluster
  pattern (`tcc_p._PAT_TCC`, or one character where it does not match)
  instead of a match on a copy of the rest of the text at every cluster;
- the graph search keeps each position's parent, not a copy of its path.

PyThaiNLP's patterns and graph limit are imported, not copied (private
names of its modules), and the segmentation cache's fingerprint covers
PyThaiNLP's version. The steps are those of PyThaiNLP 5.4, the version
requirements.lock pins: tests compare the two on the installed version, on
every Thai run of the fixture site and on generated text
(tests/test_newmm.py); `bench/newmm_check.py` on a whole archive. One
difference by design: given an empty dictionary, PyThaiNLP's segment uses
its default one instead; this module uses the one it is given (a
segmenter's dictionary is never empty).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from heapq import heappop, heappush
from itertools import accumulate

from pythainlp.tokenize import newmm as _newmm
from pythainlp.tokenize import tcc_p as _tcc

# A cluster where PyThaiNLP's pattern matches, else one character: read
# one after another, they end exactly where tcc_pos_array marks ends. Its
# groups are made non-capturing, so that findall gives the clusters.
_CLUSTER = re.compile("(?:" + re.sub(r"\((?!\?)", "(?:", _tcc._PAT_TCC.pattern) + ")|.",
                      re.DOTALL)
assert _CLUSTER.groups == 0
_NON_THAI = _newmm._PAT_NONTHAI
_TWO_CONSONANTS = _newmm._PAT_THAI_TWOCHARS
_MAX_GRAPH = _newmm._MAX_GRAPH_SIZE
END = ""  # the key that marks a word's last node; no character is ""


def trie(words: Iterable[str]) -> dict:
    """The dictionary as nested dicts, character by character; each word
    stripped of surrounding whitespace, as PyThaiNLP's Trie stores it."""
    root: dict = {}
    for word in words:
        word = word.strip()
        if not word:
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[END] = True
    return root


def prefix_ends(root: dict, text: str, start: int) -> list[int]:
    """Where the dictionary words that begin at text[start] end, shortest first."""
    ends, node, i, n = [], root, start, len(text)
    while i < n:
        node = node.get(text[i])
        if node is None:
            break
        i += 1
        if END in node:
            ends.append(i)
    return ends


def boundaries(text: str) -> set[int]:
    """The positions where a Thai character cluster ends."""
    return set(accumulate(map(len, _CLUSTER.findall(text))))


def _first_path(graph: dict[int, list[int]], start: int, goal: int) -> list[int]:
    """The first path from start to goal that a breadth-first search meets
    (as newmm's _bfs_paths_graph yields it first)."""
    parent = {start: -1}
    queue = deque((start,))
    while queue:
        vertex = queue.popleft()
        for pos in graph.get(vertex, ()):
            if pos == goal:
                path = [goal]
                while vertex != -1:
                    path.append(vertex)
                    vertex = parent[vertex]
                return path[::-1]
            if pos not in parent:
                parent[pos] = vertex
                queue.append(pos)
    raise RuntimeError("newmm: no path through the word graph")  # as PyThaiNLP's


def _skip_end(text: str, begin: int, valid: set[int], root: dict) -> int:
    """Where an unknown word that begins at `begin` ends: at the next start of
    a dictionary word longer than two consonants, or of non-Thai text."""
    m = _NON_THAI.match(text, begin)
    if m:
        return m.end()
    n = len(text)
    for pos in range(begin + 1, n):
        if pos in valid:
            if any(end in valid and not _TWO_CONSONANTS.match(text, pos, end)
                   for end in prefix_ends(root, text, pos)):
                return pos
            if _NON_THAI.match(text, pos):
                return pos
    return n


def segment(text: str, root: dict) -> list[str]:
    """newmm's words for `text` with the dictionary `root` (trie())."""
    n = len(text)
    if not n:
        return []
    valid = boundaries(text)
    chars = list(text)  # one string object per character, not one per look
    graph: dict[int, list[int]] = {}
    size = 0
    heap = [0]
    done = 0  # where the words given so far end
    words: list[str] = []
    while heap[0] < n:
        begin = heappop(heap)
        node, i, edges = root, begin, []
        # prefix_ends inline (the hot loop), stopping at the graph's limit
        while i < n:  # the dictionary words from `begin`, shortest first
            node = node.get(chars[i])
            if node is None:
                break
            i += 1
            if END in node and i in valid:
                edges.append(i)
                size += 1
                if i not in heap:
                    heappush(heap, i)
                if size > _MAX_GRAPH:
                    break
        if edges:
            graph[begin] = edges
        if len(heap) == 1:  # one way ahead: the words up to it are decided
            goal = heap[0]
            if goal in graph.get(done, ()):  # one word: what the search finds first
                words.append(text[done:goal])
                done = goal
            else:
                for pos in _first_path(graph, done, goal)[1:]:
                    words.append(text[done:pos])
                    done = pos
            size = 0
            graph.clear()
        elif not heap:  # no dictionary word here: an unknown one
            done = _skip_end(text, begin, valid, root)
            size = 0
            graph.clear()
            words.append(text[begin:done])
            heappush(heap, done)
    return words
