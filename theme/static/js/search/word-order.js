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
 * that gap. A prefix's expansions without positions are left out (they
 * cannot be checked), and a token with none at all that is no plain word is
 * unknown (gap null).
 */
async function elements(chain, byToken, store) {
  return Promise.all(chain.map(async (token) => {
    const terms = byToken.get(tokenId(token)) || [];
    const maps = await Promise.all(terms.map((term) => store.positions(term)));
    const occurrences = terms.map((term, i) => ({ term, key: term.startsWith("~"), map: maps[i] }))
      .filter((o) => o.map !== null);
    if (occurrences.length) return { occurrences };
    const plain = !token.prefix && !token.term.startsWith("~") && terms.length === 1;
    return { gap: plain ? token.term.length : null };
  }));
}

/**
 * The chain as positioned elements, each with the gap it must leave before
 * it; or null when it cannot be checked: an unknown element, or a word
 * without positions at its start or end (where no neighbour fixes it).
 * Precision before recall: such a chain matches nothing, and the page
 * offers the looser reading.
 */
function checked(items) {
  if (!items.length || items.some((item) => item.gap === null)) return null;
  if (items[0].gap !== undefined || items.at(-1).gap !== undefined) return null;
  const run = [];
  let before = 0;
  for (const item of items) {
    if (item.gap !== undefined) before += item.gap;
    else {
      run.push({ ...item, before });
      before = 0;
    }
  }
  return run;
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
 * A test of document ids for every chain (pieces must be loaded): fetches
 * the positions of the chains' terms. A chain that cannot be checked (see
 * checked) matches nothing, and the test says so: `unchecked` is true, so
 * the page can tell the reader why rather than claim the words never stand
 * together.
 */
export async function chainTest(chains, byToken, store, fields) {
  const runs = (await Promise.all(chains.map((chain) => elements(chain, byToken, store))))
    .map(checked);
  if (runs.includes(null)) return Object.assign(() => false, { unchecked: true });
  return Object.assign((id) => runs.every((run) => standsTogether(run, id, fields)),
    { unchecked: false });
}
