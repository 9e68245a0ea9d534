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
 * `cache` (IndexCache), each file fetched is stored in it, and a file the
 * network cannot give (offline) is read from it.
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
    if (!cache) return await response.json();
    // The text, not response.clone(): a cloned body is read through a
    // stream tee, which cost a first search about 20 ms at 63k articles.
    const text = await response.text();
    data = JSON.parse(text);
    cache.keep(url, text);
  } catch (error) {
    throw new IndexLoadError(url, error);
  }
  return data;
}
