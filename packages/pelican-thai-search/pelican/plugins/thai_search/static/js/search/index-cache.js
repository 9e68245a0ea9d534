// Keeps the index files a search fetched in Cache Storage, so that the
// same searches work offline: a file the network cannot give is read from
// here (fetching.js, fetchJson).
//
// The page, not the service worker, keeps these files, once searching has
// paused for a moment and the browser is idle, so no search waits for a
// cache write (a write costs the page's main thread about 0.2 ms, and a
// search fetches 10 to 20 files); and the worker stays out of
// the way of index requests (thai_offline's sw.js routes them straight to
// the network, so an online search pays nothing for the worker).
// The cache's name and size limit come from the offline script tag
// (data-index-cache, data-index-limit), written from THAI_OFFLINE.

const TRIM_EVERY = 32; // listing a cache's keys is slow: not after every put
const QUIET_MS = 1500; // no file fetched for this long: the reader is reading
const IDLE_TIMEOUT_MS = 2000;
const JSON_TYPE = "application/json; charset=utf-8";

export class IndexCache {
  /** @param {{name: string, limit: number, caches?: CacheStorage, quietMs?: number}} options */
  constructor({ name, limit, caches = globalThis.caches, quietMs = QUIET_MS }) {
    this.name = name;
    this.limit = limit;
    this.caches = caches;
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
   * Queue a file to store: its URL and JSON text, once fetched and parsed.
   * The manifest too: offline, the last one fetched names the files kept.
   */
  keep(url, text) {
    this.queue.push([url, text]);
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
        const [url, text] = this.queue.shift();
        const response = new Response(text, { headers: { "Content-Type": JSON_TYPE } });
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

function whenIdle(callback) {
  if (typeof globalThis.requestIdleCallback === "function") {
    globalThis.requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
  } else {
    setTimeout(callback, 0);
  }
}
