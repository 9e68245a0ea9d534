// Word order: do a chain's words stand together, in this order, in one
// field of a document? A chain is a glued Thai run or a quoted phrase
// (query-parser.js). Positions (the plugin's positions.py) count
// characters, so a word that starts at p ends at p + its length, and a
// chain stands where each word ends where the next begins, however the
// build happened to cut the text into terms.

import { postingsFrequency } from "./completion.js";
import { isKey } from "./contract.js";
import { pairKey, pairSpans } from "./pieces.js";
import { tokenId } from "./query-parser.js";

// For one end of a chain, at most: pairs looked up in pair files (each may
// be a file to fetch), and pairs joined from their terms' own positions.
const MAX_PAIRS = 8;
const MAX_JOINED = 256;

// A term's positions, not fetched yet: the index keeps a file for them.
const LATER = Symbol("positions to fetch");

// A term its positions file lacks after all: the chain is read again, every
// term's positions fetched first (as it would be without the LATER guess).
class NotInFile extends Error {}

/**
 * A term's positions map, fetched if it was LATER. `read(term)`: its
 * positions, fetched and decoded once for the whole chain test (a term may
 * be joined with each of its neighbour's completions).
 */
async function fetched(map, term, read) {
  if (map !== LATER) return map;
  const found = await read(term);
  if (!found) throw new NotInFile(term);
  return found;
}

/**
 * A chain's elements: each token's occurrences by term, or a gap, with its
 * terms (`terms`: each may pair with a neighbour, variant keys too) and
 * those that are no variant key (`plain`). The commonest words
 * keep no positions (index_writer.py); a plain word among them still has a
 * known length, so the words around it must leave exactly that gap. A
 * prefix's expansions without positions are left out (they cannot be
 * checked), and a token with none at all that is no plain word is unknown
 * (gap null). Unless `eager`, positions are LATER where the index keeps a
 * file for them: fetched only if no pair stands for them (withPairs), so
 * that ประเทศไทย, read with its pairs, does not fetch the positions of
 * ไทย's completions.
 */
async function elements(chain, byToken, store, read, eager) {
  return Promise.all(chain.map(async (token) => {
    const terms = byToken.get(tokenId(token)) || [];
    const plain = terms.filter((term) => !isKey(term));
    const maps = eager ? await Promise.all(terms.map(read))
      : terms.map((term) => (store.positionsFile(term) ? LATER : null));
    const occurrences = terms.map((term, i) => ({
      term, length: term.length, key: isKey(term), map: maps[i],
    })).filter((o) => o.map !== null);
    const byTerm = new Map(terms.map((term, i) => [term, maps[i]]));
    // Some of its terms keep no positions: at an end, read as pairs.
    const loose = terms.some((term) => byTerm.get(term) === null);
    const item = { terms, plain, byTerm, loose, typed: token.term };
    if (occurrences.length) return { occurrences, ...item };
    const word = !token.prefix && !isKey(token.term) && terms.length === 1;
    return { gap: word ? token.term.length : null, ...item };
  }));
}

/**
 * Where x (of this length) ends where y starts, as a positions map (field
 * -> document id -> x's starts), worked out for a document only when the
 * chain test asks for it: a common x may have tens of thousands.
 */
class Joined {
  constructor(x, length, y) {
    this.x = x;
    this.length = length;
    this.y = y;
  }

  get(field) {
    const [xs, ys] = [this.x.get(field), this.y.get(field)];
    if (!xs || !ys) return undefined;
    const { length } = this;
    return {
      get(id) {
        const [starts, next] = [xs.get(id), ys.get(id)];
        const at = starts && next ? starts.filter((start) => next.includes(start + length)) : [];
        return at.length ? at : undefined;
      },
    };
  }
}

/**
 * Two neighbouring elements as one, each term of the first with each of
 * the second: from the index's pairs (pairs.py) where one of the two keeps
 * pairs, else from the two terms' own positions. A combination that cannot
 * be checked (a pair too common to have kept positions, a word with
 * neither, one past MAX_PAIRS or MAX_JOINED) is left out; then finding
 * nothing proves nothing (`uncertain`), and none left is unknown (gap null).
 */
async function pairElement(left, right, store, read) {
  // The typed word first, then its commonest completions: the pairs looked
  // up are the first MAX_PAIRS.
  const often = (term, typed) => (term === typed ? Infinity
    : postingsFrequency(store.piece(term)?.postings(term)));
  const ordered = ({ terms, typed }) => terms.map((term) => [often(term, typed), term])
    .sort((a, b) => b[0] - a[0]).map(([, term]) => term);
  const [firsts, seconds] = [ordered(left), ordered(right)];
  const all = firsts.flatMap((x) => seconds.map((y) => [x, y]));
  const paired = all.filter(([x, y]) => store.keepsPairs(x) || store.keepsPairs(y));
  // Joined from their own positions: words only (a key's are spans).
  const own = all.filter(([x, y]) => !store.keepsPairs(x) && !store.keepsPairs(y)
    && !isKey(x) && !isKey(y));
  const combos = [...paired.slice(0, MAX_PAIRS), ...own.slice(0, MAX_JOINED)];
  const fromPairs = combos.map((_, i) => i < Math.min(paired.length, MAX_PAIRS));
  const maps = await Promise.all(combos.map(async ([x, y], i) => {
    if (fromPairs[i]) return store.pairPositions(x, y);
    const [a, b] = [left.byTerm.get(x), right.byTerm.get(y)];
    if (!a || !b) return null;
    const [xs, ys] = await Promise.all([fetched(a, x, read), fetched(b, y, read)]);
    return new Joined(xs, x.length, ys);
  }));
  const kept = combos.map((_, i) => i).filter((i) => maps[i] !== null);
  const uncertain = kept.length < all.length;
  if (!kept.length) return { gap: null };
  return {
    occurrences: kept.map((i) => ({
      term: pairKey(...combos[i]), length: combos[i][0].length + combos[i][1].length,
      key: fromPairs[i] && pairSpans(...combos[i]), map: maps[i],
    })),
    // Pairs are kept in some fields only (manifest.pairFields).
    paired: kept.some((i) => fromPairs[i]),
    uncertain,
  };
}

/**
 * A word without positions at the start or end of a chain has no neighbour
 * to fix it: there it is read with its neighbour as a pair (so its length
 * need not be known: an unfinished word's expansions pair too). With three
 * elements both ends may be pairs sharing the middle word: the second then
 * starts where that word does (`shift`, its length).
 */
async function withPairs(items, store, read) {
  const n = items.length;
  if (n < 2) return items;
  const open = (item) => item.gap !== undefined || item.loose;
  const head = open(items[0]);
  const tail = open(items[n - 1]);
  if (!head && !tail) return items;
  if (n === 2) return [await pairElement(items[0], items[1], store, read)];
  const out = items.slice(head ? 2 : 0, tail ? n - 2 : n);
  // Both ends' pair files are fetched at once.
  const [first, last] = await Promise.all([head && pairElement(items[0], items[1], store, read),
    tail && pairElement(items[n - 2], items[n - 1], store, read)]);
  if (head) out.unshift(first);
  if (tail) {
    if (head && n === 3) {
      if (items[1].plain.length !== 1) return [{ gap: null }];
      last.shift = items[1].plain[0].length;
    }
    out.push(last);
  }
  return out;
}

/**
 * The chain as positioned elements, each with the gap it must leave before
 * it; or null when it cannot be checked: an unknown element, or a word
 * without positions at its start or end that no pair fixes. Precision
 * before recall: such a chain matches nothing, and the page offers the
 * looser reading.
 */
function checked(items) {
  if (!items.length || items.some((item) => item.gap === null)) return null;
  if (items[0].gap !== undefined || items.at(-1).gap !== undefined) return null;
  const run = [];
  let before = 0;
  for (const item of items) {
    if (item.gap !== undefined) before += item.gap;
    else {
      run.push({ ...item, before: before - (item.shift || 0) });
      before = 0;
    }
  }
  return run;
}

/** A chain as checked() reads it, its elements' positions fetched (LATER). */
async function positioned(chain, byToken, store, read, eager) {
  const items = await withPairs(await elements(chain, byToken, store, read, eager), store, read);
  await Promise.all(items.flatMap((item) => (item.occurrences || []).map(async (o) => {
    o.map = await fetched(o.map, o.term, read);
  })));
  return checked(items);
}

/** Does the run stand together in document id, in one of these fields? */
export function standsTogether(run, id, fields) {
  for (const field of fields) {
    let ends = null;
    for (const { occurrences, before } of run) {
      const next = new Set();
      for (const { length, key, map } of occurrences) {
        const at = map.get(field)?.get(id);
        if (!at) continue;
        const step = key ? 2 : 1;
        for (let i = 0; i < at.length; i += step) {
          if (ends === null || ends.has(at[i] - before)) next.add(key ? at[i + 1] : at[i] + length);
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
 * together. `partial` is true where a chain needed pairs, which only some
 * fields keep (manifest.pairFields: the title and the lead): it was checked
 * there only.
 */
export async function chainTest(chains, byToken, store, fields) {
  const known = new Map(); // term -> Promise of its positions
  const read = (term) => {
    if (!known.has(term)) known.set(term, store.positions(term));
    return known.get(term);
  };
  const all = (eager) => Promise.all(chains.map((chain) =>
    positioned(chain, byToken, store, read, eager)));
  let runs;
  try {
    runs = await all(false);
  } catch (error) {
    if (!(error instanceof NotInFile)) throw error;
    runs = await all(true);
  }
  if (runs.includes(null)) return Object.assign(() => false, { unchecked: true });
  // Checked in the fields that keep pairs only, where a run needed them.
  const pairFields = store.manifest.pairFields || [];
  const partial = !fields.every((f) => pairFields.includes(f))
    && runs.some((run) => run.some((element) => element.paired));
  // Where a pair too common to keep positions was left out, finding nothing
  // is no proof either: unchecked, for the page's message.
  const unchecked = runs.some((run) => run.some((element) => element.uncertain));
  return Object.assign((id) => runs.every((run) => standsTogether(run, id, fields)),
    { unchecked, partial });
}
