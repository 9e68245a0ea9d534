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
 * The result chunks holding the rows of these documents that no piece
 * brought: the files the first page fetches.
 * @param {number[]} ids  @param {Map} rows  @param {number} perChunk
 */
export function chunksOf(ids, rows, perChunk) {
  return [...new Set(ids.filter((id) => !rows.has(id)).map((id) => Math.floor(id / perChunk)))];
}
