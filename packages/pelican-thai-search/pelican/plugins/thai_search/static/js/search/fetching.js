// Fetching the index's files: one JSON file at a time, from the page's
// offline copy when it has one (index-cache.js), with a clear error when a
// file cannot be had.

export class IndexLoadError extends Error {
  constructor(url, cause) {
    super(`search index unavailable: ${url}${cause ? ` (${cause.message || cause})` : ""}`);
    this.name = "IndexLoadError";
    this.url = url;
  }
}

/**
 * Default fetcher: JSON over HTTP, any failure as IndexLoadError. With a
 * `cache` (IndexCache), each file fetched is noted to be stored in it, and
 * a file the network cannot give (offline) is read from it.
 */
export async function fetchJson(url, cache = null) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    response = await cache?.match(url);
    if (!response) throw new IndexLoadError(url, error);
    cache = null; // already stored
  }
  if (!response.ok) throw new IndexLoadError(url, `HTTP ${response.status}`);
  let data;
  try {
    data = await response.json();
  } catch (error) {
    throw new IndexLoadError(url, error);
  }
  cache?.keep(url); // stored when the reader pauses (index-cache.js)
  return data;
}
