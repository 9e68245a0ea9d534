// The order of a result list: by relevance (lunr's scores and closeness,
// engine.js), or newest first. Document ids are positions in date order,
// the newest the highest (docs/search-index.md), so newest first is an
// order of ids alone: no document's data is fetched to sort, only the rows
// of the page shown.

export const RELEVANCE = "relevance";
export const NEWEST = "newest";

/**
 * The sort named in the URL's `sort`: RELEVANCE when absent or empty (the
 * default), NEWEST for "newest"; anything else is ignored as RELEVANCE
 * with `ignored` holding what was given, for the page's note.
 * @returns {{sort: string, ignored?: string}}
 */
export function readSort(raw) {
  const value = String(raw ?? "");
  if (value === NEWEST) return { sort: NEWEST };
  if (value === "" || value === RELEVANCE) return { sort: RELEVANCE };
  return { sort: RELEVANCE, ignored: value };
}

/** Results newest first, from a set or list of document ids: [{id, score: 0}]. */
export function newestFirst(ids) {
  return Array.from(ids).sort((a, b) => b - a).map((id) => ({ id, score: 0 }));
}

/**
 * Ranked results with the documents that have every word as typed first
 * ("ขาย หวย" in quotes: its articles before those with only ลอตเตอรี่ of
 * its variant group), each tier in its own order. For quoted phrases only:
 * elsewhere the form as typed only weighs more (a strict tier put articles
 * that say Facebook before the reader's own that say เฟซบุ๊ก).
 * `hits`: lunr's, whose matchData names the terms each document matched;
 * `typed`: the forms as typed.
 */
export function typedFirst(results, hits, typed) {
  if (!typed.length) return results;
  const withTyped = new Set(hits.filter((hit) => typed.every((t) => t in hit.matchData.metadata))
    .map((hit) => Number(hit.ref)));
  if (!withTyped.size || withTyped.size === results.length) return results;
  return [...results.filter((r) => withTyped.has(r.id)), ...results.filter((r) => !withTyped.has(r.id))];
}

/**
 * The result chunks holding the rows of these documents that no piece
 * brought: the files the first page fetches.
 * @param {number[]} ids  @param {Map} rows  @param {number} perChunk
 */
export function chunksOf(ids, rows, perChunk) {
  return [...new Set(ids.filter((id) => !rows.has(id)).map((id) => Math.floor(id / perChunk)))];
}
