// Word order: do a chain's words stand together, in this order, in one
// field of a document? A chain is a glued Thai run or a quoted phrase
// (query-parser.js). Positions (plugins/thai_search/positions.py) count
// characters, so a word that starts at p ends at p + its length, and a
// chain stands where each word ends where the next begins, however the
// build happened to cut the text into terms.

import { tokenId } from "./query-parser.js";

/**
 * A chain's elements: each token's occurrences by term, or a gap. The
 * commonest words keep no positions (index_writer.py); a plain word among
 * them still has a known length, so the words around it must leave exactly
 * that gap. A prefix or variant key without positions cuts the chain there.
 */
async function elements(chain, byToken, store) {
  return Promise.all(chain.map(async (token) => {
    const terms = byToken.get(tokenId(token)) || [];
    const maps = await Promise.all(terms.map((term) => store.positions(term)));
    if (!terms.length || maps.some((map) => map === null)) {
      const plain = !token.prefix && !token.term.startsWith("~") && terms.length === 1;
      return { gap: plain ? token.term.length : null };
    }
    return { occurrences: terms.map((term, i) => ({ term, key: term.startsWith("~"), map: maps[i] })) };
  }));
}

/** Runs of positioned elements, each with the gap it must leave before it. */
function runs(items) {
  const out = [];
  let run = [];
  let before = 0;
  const close = () => {
    if (run.length > 1) out.push(run);
    run = [];
    before = 0;
  };
  for (const item of items) {
    if (item.gap === null) close();
    else if (item.gap !== undefined) before += run.length ? item.gap : 0;
    else {
      run.push({ ...item, before });
      before = 0;
    }
  }
  close();
  return out;
}

/** Does the run stand together in document id, in one of these fields? */
export function standsTogether(run, id, fields) {
  for (const field of fields) {
    let ends = null;
    for (const { occurrences, before } of run) {
      const next = new Set();
      for (const { term, key, map } of occurrences) {
        const at = map.get(field)?.get(id);
        if (!at) continue;
        const step = key ? 2 : 1;
        for (let i = 0; i < at.length; i += step) {
          if (ends === null || ends.has(at[i] - before)) next.add(key ? at[i + 1] : at[i] + term.length);
        }
      }
      ends = next;
      if (!ends.size) break;
    }
    if (ends?.size) return true;
  }
  return false;
}

/**
 * A test of document ids for every chain, or null when no chain needs one.
 * Fetches the positions of the chains' terms (pieces must be loaded).
 */
export async function chainTest(chains, byToken, store, fields) {
  const all = (await Promise.all(chains.map((chain) => elements(chain, byToken, store))))
    .flatMap(runs);
  if (!all.length) return null;
  return (id) => all.every((run) => standsTogether(run, id, fields));
}
