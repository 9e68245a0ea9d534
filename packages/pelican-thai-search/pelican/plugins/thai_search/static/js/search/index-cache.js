// Keeps the index files a search fetched in Cache Storage, so that the
// same searches work offline: a file the network cannot give is read from
// here (fetching.js, fetchJson and fetchText).
//
// The page, not the service worker, keeps these files, once searching has
// paused for a moment and the browser is idle, so no search waits for a
// cache write (a write costs the page's main thread about 1 ms, and a
// search fetches 10 to 20 files); and the worker stays out of
// the way of index requests (thai_offline's sw.js routes them straight to
// the network, so an online search pays nothing for the worker).
//
// A search notes only the URLs of the files it fetched: it reads each as
// JSON, the fastest way. When it is stored, the file is taken again from
// the browser's HTTP cache only ("only-if-cached": the copy the search
// read, fresh or stale, never the network: no second download, and the
// manifest stored is the one that named the files). A file the HTTP cache
// does not hold (a host that says no-store) is not kept. Reading each
// file's text for the cache as well, and parsing that, cost a warm query
// 3 to 6 ms at 63k articles (2026-12-07).
// The cache's name and size limit come from the offline script tag
// (data-index-cache, data-index-limit), written from THAI_OFFLINE.

const TRIM_EVERY = 32; // listing a cache's keys is slow: not after every put
const QUIET_MS = 1500; // no file fetched for this long: the reader is reading
const IDLE_TIMEOUT_MS = 2000;

export class IndexCache {
  /**
   * @param {{name: string, limit: number, caches?: CacheStorage, quietMs?: number,
   *   fetch?: Function}} options  fetch: how a file is fetched again to be stored
   */
  constructor({ name, limit, caches = globalThis.caches, quietMs = QUIET_MS,
    fetch = fetchStored }) {
    this.name = name;
    this.limit = limit;
    this.caches = caches;
    this.fetch = fetch;
    this.quietMs = quietMs;
    this.queue = [];
    this.stored = 0;
    this.lastKeep = 0;
    this.flushing = null; // settles once everything queued is stored
  }

  /** The page's cache, or null when the site has no service worker or the browser no caches. */
  static fromPage(doc = globalThis.document) {
    const tag = doc?.querySelector("script[data-index-cache]");
    const limit = Number(tag?.dataset.indexLimit);
    if (!tag?.dataset.indexCache || !(limit > 0) || !globalThis.caches
        || !("serviceWorker" in (globalThis.navigator || {}))) return null;
    return new IndexCache({ name: tag.dataset.indexCache, limit });
  }

  /** The stored copy of url, or undefined. */
  async match(url) {
    try {
      return await (await this.caches.open(this.name)).match(url);
    } catch {
      return undefined;
    }
  }

  /**
   * Queue a file to store, by its URL, once fetched and parsed. The
   * manifest too: offline, the last one fetched names the files kept.
   */
  keep(url) {
    this.queue.push(url);
    this.lastKeep = Date.now();
    this.flushing ||= this.flush();
  }

  /** Until no file was kept for quietMs (no search running), then an idle moment. */
  async quiet() {
    for (let wait = this.quietMs; wait > 0; wait = this.lastKeep + this.quietMs - Date.now()) {
      await new Promise((resolve) => { setTimeout(resolve, wait); });
    }
    await new Promise(whenIdle);
  }

  /** Store everything queued; now and then drop the oldest files over the limit. */
  async flush() {
    try {
      await this.quiet();
      const cache = await this.caches.open(this.name);
      while (this.queue.length) {
        if (Date.now() - this.lastKeep < this.quietMs) await this.quiet(); // a search began
        const url = this.queue.shift();
        const response = await this.fetch(url).catch(() => null); // offline by now
        if (!response?.ok) continue;
        await cache.put(url, response).catch(() => {}); // quota: offline copies are a bonus
        this.stored += 1;
        if (this.stored % TRIM_EVERY === 1) await this.trim(cache);
      }
    } finally {
      this.flushing = null;
    }
  }

  async trim(cache) {
    const keys = await cache.keys(); // oldest first
    for (const old of keys.slice(0, Math.max(0, keys.length - this.limit))) await cache.delete(old);
  }
}

/** The copy of url in the browser's HTTP cache; a 504 response if it has none. */
function fetchStored(url) {
  return globalThis.fetch(url, { cache: "only-if-cached", mode: "same-origin" });
}

function whenIdle(callback) {
  if (typeof globalThis.requestIdleCallback === "function") {
    globalThis.requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
  } else {
    setTimeout(callback, 0);
  }
}
