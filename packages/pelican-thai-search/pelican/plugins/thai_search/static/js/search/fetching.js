// Fetching the index's files: one file at a time, JSON or a snippet text,
// from the page's offline copy when it has one (index-cache.js), with a
// clear error when a file cannot be had.

import { decodeText } from "./text-file.js";

export class IndexLoadError extends Error {
  constructor(url, cause) {
    super(`search index unavailable: ${url}${cause ? ` (${cause.message || cause})` : ""}`);
    this.name = "IndexLoadError";
    this.url = url;
  }
}

/**
 * Fetch url and read its body with read(response); any failure is an
 * IndexLoadError. With a `cache` (IndexCache), each file fetched is noted to
 * be stored in it, and a file the network cannot give (offline) is read
 * from it.
 */
async function fetchFile(url, cache, read) {
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
    data = await read(response);
  } catch (error) {
    throw new IndexLoadError(url, error);
  }
  cache?.keep(url); // stored when the reader pauses (index-cache.js)
  return data;
}

/** Default fetcher: a JSON file. */
export function fetchJson(url, cache = null) {
  return fetchFile(url, cache, (response) => response.json());
}

/** Default text fetcher: a snippet text file (text-file.js). */
export function fetchText(url, cache = null) {
  return fetchFile(url, cache, async (response) => {
    // A host's page in place of a missing file (a "soft 404") would read as
    // windows-874 letters: it is an error, not a snippet.
    if (/^\s*text\/html/i.test(response.headers.get("content-type") || "")) throw new Error("an HTML page");
    return decodeText(new Uint8Array(await response.arrayBuffer()));
  });
}
