// Closeness: of the documents that have every word of a query, those where
// the words stand close together in one field rank higher. lunr scores each
// word on its own; this multiplies a first-page document's score by
// 1 + CLOSE / (1 + gap / GAP_CHARS), where gap counts the characters between
// the words in the tightest stretch of one field that holds them all
// (0 when they stand side by side). Positions count characters
// (positions.py), so a gap is measured the same however the text was cut.
//
// Only whole words whose positions live in their piece's file are used (a
// prefix's expansions and the very common words would cost large
// downloads), and only when two or more such words remain.

import { isKey } from "./contract.js";
import { CommonPosting } from "./pieces.js";

export const CLOSE = 0.5;
export const GAP_CHARS = 12;
export const RERANK = 50; // the best documents lunr ranked that closeness may reorder

/** The words to measure: [{terms}] for tokens with listed, positioned terms. */
export function closenessTokens(tokens, expanded, store) {
  const chosen = [];
  tokens.forEach((token, i) => {
    if (token.prefix) return;
    const terms = expanded[i].filter((term) => {
      const found = store.piece(term).postings(term);
      return found && !(found instanceof CommonPosting) && store.piece(term).positionsFile;
    });
    if (terms.length) chosen.push(terms);
  });
  return chosen.length >= 2 ? chosen : [];
}

/** Each word's positions: [[{term, map}, ...], ...], fetched in parallel. */
export async function fetchClosenessPositions(chosen, store) {
  return Promise.all(chosen.map(async (terms) => {
    const maps = await Promise.all(terms.map((term) => store.positions(term)));
    return terms.map((term, k) => ({ term, key: isKey(term), map: maps[k] }))
      .filter((o) => o.map);
  }));
}

/**
 * The fewest characters between the words in one stretch of a field of
 * document id, or null when no field holds them all.
 * @param {{term, key, map}[][]} words
 */
export function smallestGap(words, id, fields) {
  let best = null;
  for (const field of fields) {
    const spots = []; // [start, end, word]
    words.forEach((occurrences, w) => {
      for (const { term, key, map } of occurrences) {
        const at = map.get(field)?.get(id);
        if (!at) continue;
        for (let i = 0; i < at.length; i += key ? 2 : 1) {
          spots.push([at[i], key ? at[i + 1] : at[i] + term.length, w]);
        }
      }
    });
    const gap = tightest(spots, words.length);
    if (gap !== null && (best === null || gap < best)) best = gap;
  }
  return best;
}

/**
 * Sliding window over spots sorted by start: the fewest characters between
 * the words, from the first one's start to the last one's, less the words
 * before the last (each counted at its shortest).
 */
function tightest(spots, need) {
  if (!spots.length) return null;
  spots.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const length = new Array(need).fill(Infinity);
  for (const [start, end, w] of spots) length[w] = Math.min(length[w], end - start);
  if (length.includes(Infinity)) return null;
  const total = length.reduce((a, b) => a + b, 0);
  const inside = new Array(need).fill(0);
  let have = 0;
  let left = 0;
  let best = null;
  for (let right = 0; right < spots.length; right++) {
    if (inside[spots[right][2]]++ === 0) have += 1;
    while (have === need) {
      const [last, , w] = spots[right];
      const gap = Math.max(0, last - spots[left][0] - (total - length[w]));
      if (best === null || gap < best) best = gap;
      if (--inside[spots[left][2]] === 0) have -= 1;
      left += 1;
    }
  }
  return best;
}

/**
 * Results with the closeness factor applied to the first RERANK, sorted
 * again; a measured result keeps its factor as `closeness`.
 */
export function rerank(results, words, fields) {
  if (!words.length || words.some((w) => !w.length)) return results;
  const head = results.slice(0, RERANK).map((r) => {
    const gap = smallestGap(words, r.id, fields);
    if (gap === null) return r;
    const closeness = 1 + CLOSE / (1 + gap / GAP_CHARS);
    return { ...r, score: r.score * closeness, closeness };
  });
  head.sort((a, b) => b.score - a.score || b.id - a.id);
  return [...head, ...results.slice(RERANK)];
}
