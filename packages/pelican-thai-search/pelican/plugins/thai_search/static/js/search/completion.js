// Ranking an unfinished word. A prefix matches every index term that starts
// with it, and lunr alone would rank a document by its rarest completion
// (a rare term weighs most): สาธา would list the few articles on สาธารณรัฐ
// before the many on สาธารณสุข. A reader still typing is most likely on the
// way to the commonest word, so each completion's weights are scaled by its
// document frequency relative to the token's commonest completion. The
// term typed itself, when it is an index term, keeps its full weight.

import { CommonPosting } from "./pieces.js";

/**
 * Weight factors for the completions of the query's prefix tokens.
 * @param {{term: string, prefix: boolean}[]} tokens
 * @param {string[][]} expanded each token's index terms (engine.expand)
 * @param {(term: string) => number} documentFrequency
 * @returns {Map<string, number>} term -> factor in (0, 1]; terms not listed keep 1
 */
export function completionFactors(tokens, expanded, documentFrequency) {
  const factors = new Map();
  const full = new Set();
  tokens.forEach((token, i) => {
    if (!token.prefix) {
      for (const term of expanded[i]) full.add(term);
      return;
    }
    const counts = expanded[i].map((term) => (term === token.term ? Infinity : documentFrequency(term)));
    const most = Math.max(0, ...counts.filter(Number.isFinite));
    expanded[i].forEach((term, k) => {
      if (!Number.isFinite(counts[k]) || !most) return full.add(term);
      const factor = Math.max(counts[k], 1) / most;
      factors.set(term, Math.max(factor, factors.get(term) || 0));
    });
  });
  for (const term of full) factors.delete(term); // typed as a whole word elsewhere
  for (const [term, factor] of factors) if (factor >= 1) factors.delete(term);
  return factors;
}

/** How many documents have a term in any field, from its postings (pieces.js). */
export function postingsFrequency(found) {
  if (!found) return 0;
  if (found instanceof CommonPosting) return found.count;
  if (found.length === 1) return found[0].ids.length;
  const ids = new Set();
  for (const { ids: some } of found) for (const id of some) ids.add(id);
  return ids.size;
}
