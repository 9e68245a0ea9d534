// The page's store of fetched index files (index-cache.js). Node has no
// Cache Storage, so a small in-memory one stands in for it here; the
// browser test (tests/test_offline.py) runs the real one, offline.
import assert from "node:assert/strict";
import { test } from "node:test";

import { IndexCache } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/index-cache.js";

/** How a file is fetched again to be stored: here, every file is "{}". */
const fetchAgain = async () => new Response("{}", {
  headers: { "Content-Type": "application/json; charset=utf-8" } });

/** Insertion-ordered caches with the methods IndexCache uses. */
function memoryCaches() {
  const stores = new Map();
  return {
    stores,
    async open(name) {
      if (!stores.has(name)) stores.set(name, new Map());
      const entries = stores.get(name);
      return {
        async put(url, response) { entries.delete(url); entries.set(url, response); },
        async match(url) { return entries.get(url); },
        async keys() { return [...entries.keys()]; },
        async delete(url) { return entries.delete(url); },
      };
    },
  };
}

test("stores the files kept (the manifest too), as JSON responses", async () => {
  const caches = memoryCaches();
  const cache = new IndexCache({ name: "index", limit: 10, caches, quietMs: 0, fetch: fetchAgain });
  cache.keep("/search/t/abc.json");
  cache.keep("/search/manifest.json");
  await cache.flushing;
  assert.deepEqual([...caches.stores.get("index").keys()],
    ["/search/t/abc.json", "/search/manifest.json"]);
  const kept = await cache.match("/search/t/abc.json");
  assert.equal(await kept.text(), "{}");
  assert.match(kept.headers.get("Content-Type"), /^application\/json/);
  assert.equal(await cache.match("/search/t/none.json"), undefined);
});

test("keeps at most `limit` files, dropping the oldest", async () => {
  const caches = memoryCaches();
  const cache = new IndexCache({ name: "index", limit: 3, caches, quietMs: 0, fetch: fetchAgain });
  for (let i = 0; i < 40; i++) cache.keep(`/search/t/${i}.json`);
  await cache.flushing;
  // Trimmed after the 33rd put (every 32 puts): 3 kept then, 7 added since.
  const kept = [...caches.stores.get("index").keys()];
  assert.equal(kept.length, 10);
  assert.deepEqual(kept.slice(0, 3), ["/search/t/30.json", "/search/t/31.json", "/search/t/32.json"]);
  assert.equal(kept.at(-1), "/search/t/39.json");
});

test("files kept while a flush runs are stored by it", async () => {
  const caches = memoryCaches();
  const cache = new IndexCache({ name: "index", limit: 100, caches, quietMs: 0, fetch: fetchAgain });
  cache.keep("/search/t/a.json");
  const first = cache.flushing;
  cache.keep("/search/t/b.json");
  assert.equal(cache.flushing, first); // one flush at a time
  await first;
  assert.deepEqual([...caches.stores.get("index").keys()], ["/search/t/a.json", "/search/t/b.json"]);
});

test("a failing cache (quota) does not break searching", async () => {
  const caches = { async open() { return { async put() { throw new Error("quota"); }, async keys() { return []; }, async delete() {} }; } };
  const cache = new IndexCache({ name: "index", limit: 5, caches, quietMs: 0, fetch: fetchAgain });
  cache.keep("/search/t/a.json");
  await cache.flushing;
  assert.equal(cache.flushing, null);
});

test("fromPage: null without the offline tag's data", () => {
  assert.equal(IndexCache.fromPage({ querySelector: () => null }), null);
  assert.equal(IndexCache.fromPage(undefined), null);
});

test("fetchJson: offline, a kept file is read from the cache; others fail clearly", async () => {
  const { fetchJson, IndexLoadError } = await import("../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/pieces.js");
  const caches = memoryCaches();
  const cache = new IndexCache({ name: "index", limit: 10, caches, quietMs: 0, fetch: fetchAgain });
  const unreachable = "http://127.0.0.1:9/search/t/abc.json"; // nothing listens on port 9
  await (await caches.open("index")).put(unreachable, new Response('{"terms": {}}'));
  assert.deepEqual(await fetchJson(unreachable, cache), { terms: {} });
  await assert.rejects(fetchJson("http://127.0.0.1:9/search/t/other.json", cache), IndexLoadError);
  await assert.rejects(fetchJson(unreachable), IndexLoadError); // no cache given
});

test("nothing is written while files keep arriving (a search is running)", async () => {
  const caches = memoryCaches();
  // Files 10 ms apart, a quiet time of 300 ms: wide margins, as a busy CI
  // machine can delay a 10 ms timer by tens of milliseconds.
  const cache = new IndexCache({ name: "index", limit: 100, caches, quietMs: 300,
    fetch: fetchAgain });
  let last = 0;
  for (let i = 0; i < 5; i++) {
    cache.keep(`/search/t/${i}.json`);
    last = Date.now();
    await new Promise((resolve) => { setTimeout(resolve, 10); });
    assert.equal(caches.stores.get("index"), undefined); // not even opened yet
  }
  await cache.flushing;
  assert.equal(caches.stores.get("index").size, 5);
  assert.ok(Date.now() - last >= 300 - 2); // the quiet time after the last file (timer slack)
});

test("fetchJson: a file fetched is read once; the cache fetches it again to store it", async () => {
  const http = await import("node:http");
  const { fetchJson } = await import("../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/pieces.js");
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"words": ["ข่าว"]}');
  });
  await new Promise((resolve) => { server.listen(0, "127.0.0.1", resolve); });
  try {
    const url = `http://127.0.0.1:${server.address().port}/search/t/abc.json`;
    const caches = memoryCaches();
    const cache = new IndexCache({ name: "index", limit: 10, caches, quietMs: 0 });
    assert.deepEqual(await fetchJson(url, cache), { words: ["ข่าว"] });
    assert.deepEqual(await fetchJson(url), { words: ["ข่าว"] }); // no cache: plain json()
    await cache.flushing;
    assert.equal(await (await cache.match(url)).text(), '{"words": ["ข่าว"]}');
  } finally {
    server.close();
  }
});

test("a file that cannot be fetched again (offline by then) is not stored", async () => {
  const caches = memoryCaches();
  const failing = async (url) => {
    if (url.includes("gone")) throw new TypeError("Failed to fetch");
    return url.includes("missing") ? new Response("", { status: 404 }) : fetchAgain();
  };
  const cache = new IndexCache({ name: "index", limit: 10, caches, quietMs: 0, fetch: failing });
  for (const name of ["a", "gone", "missing", "b"]) cache.keep(`/search/t/${name}.json`);
  await cache.flushing;
  assert.deepEqual([...caches.stores.get("index").keys()], ["/search/t/a.json", "/search/t/b.json"]);
});

test("a file is stored as the browser's HTTP cache holds it, never fetched again", async () => {
  const asked = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, options) => {
    asked.push([url, options]);
    return new Response("{}", { status: 200 });
  };
  try {
    const caches = memoryCaches();
    const cache = new IndexCache({ name: "index", limit: 10, caches, quietMs: 0 });
    cache.keep("/search/manifest.json");
    await cache.flushing;
    assert.deepEqual(asked, [["/search/manifest.json", { cache: "only-if-cached", mode: "same-origin" }]]);
    assert.deepEqual([...caches.stores.get("index").keys()], ["/search/manifest.json"]);
  } finally {
    globalThis.fetch = realFetch;
  }
});
