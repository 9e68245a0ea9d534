// The documents a query can match: those having every token (one of its
// terms, in any field), from listed postings and very common terms'
// bitmaps (pieces.js). lunr then ranks only these (engine.js).

import { CommonPosting } from "./pieces.js";

/** These terms' postings: very common terms' bitmaps, and the others' field lists. */
export function splitPostings(store, terms) {
  const common = [];
  const listed = [];
  for (const term of terms) {
    const found = store.piece(term).postings(term);
    if (found instanceof CommonPosting) common.push(found);
    else listed.push(...found);
  }
  return { common, listed };
}

/** A token's documents as a bitmap: its very common terms' bitmaps ORed, and its listed ids. */
function tokenBits(manifest, { common, listed }) {
  const bits = new Uint8Array((manifest.docCount + 7) >> 3);
  for (const c of common) {
    const theirs = c.bits;
    for (let i = 0; i < bits.length; i++) bits[i] |= theirs[i];
  }
  for (const { ids } of listed) for (const id of ids) bits[id >> 3] |= 1 << (id & 7);
  return bits;
}

/**
 * Documents of a bitmap too many to rank: the newest `limit`, and the
 * documents with exact weights (the best documents of these very common
 * terms, and the listed ones), which rank first; `total` counts them all.
 */
function fromBits(manifest, bits, { common, listed }, keep, limit) {
  const has = (id) => (bits[id >> 3] & (1 << (id & 7))) !== 0;
  const ids = new Set();
  let total = 0;
  for (let byte = bits.length - 1; byte >= 0; byte--) {
    for (let bit = 7; bits[byte] && bit >= 0; bit--) {
      const id = byte * 8 + bit;
      if (bits[byte] & (1 << bit) && id < manifest.docCount && keep(id)) {
        total += 1;
        if (ids.size < limit) ids.add(id);
      }
    }
  }
  const exact = [...common.flatMap((c) => c.best), ...listed];
  for (const { ids: some } of exact) for (const id of some) if (keep(id) && has(id)) ids.add(id);
  return { ids, total };
}

/**
 * The documents having every token (one of its terms, in any field).
 * Giving lunr only these changes no score (the weights are global) but
 * spares it every document that cannot match. When some token has only
 * listed terms, all of them (total: null, the results count them); when
 * every token has a very common term, see fromBits (`limit`: at most the
 * newest this many, the manifest's commonLimit unless given).
 */
export function requiredDocs(store, manifest, expanded, keep, accept = null,
  limit = manifest.commonLimit) {
  const tokens = expanded.map((terms) => splitPostings(store, terms));
  const idsOf = ({ listed }) => listed.flatMap(({ ids }) => ids);
  const start = tokens.filter((t) => !t.common.length)
    .map((t) => ({ token: t, ids: idsOf(t) }))
    .reduce((a, b) => (!a || b.ids.length < a.ids.length ? b : a), null);
  if (start) {
    const tests = tokens.filter((t) => t !== start.token).map((t) => {
      const listed = new Set(idsOf(t));
      return (id) => listed.has(id) || t.common.some((c) => c.has(id));
    });
    const ids = new Set();
    for (const id of start.ids) {
      if (keep(id) && tests.every((has) => has(id)) && (!accept || accept(id))) ids.add(id);
    }
    return { ids, total: null };
  }
  const all = tokenBits(manifest, tokens[0]);
  for (const t of tokens.slice(1)) {
    const bits = tokenBits(manifest, t);
    for (let i = 0; i < all.length; i++) all[i] &= bits[i];
  }
  const kept = accept ? (id) => keep(id) && accept(id) : keep;
  return fromBits(manifest, all, { common: tokens.flatMap((t) => t.common),
    listed: tokens.flatMap((t) => t.listed) }, kept, limit);
}

