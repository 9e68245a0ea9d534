// Service worker: offline reading and repeat searches on a flaky connection.
// Rendered by the thai_offline plugin at the site root (its scope is every
// page). VERSION is a hash of this file and of the files precached: a new
// theme installs a new worker, which drops the old shell cache.
//
// - pages (navigations): network first, the cached copy when offline or slow;
// - theme CSS, JS, fonts, lunr: precached, then stale while revalidate;
// - search index files (manifest.json and the pieces): not handled here.
//   The search code keeps the files it fetched in the INDEX cache and reads
//   them from there offline (js/search/index-cache.js); a static route sends
//   index requests straight to the network, without starting this worker.
const VERSION = {{ version|tojson }};
const PREFIX = "thai-news-";
const SHELL = `${PREFIX}shell-${VERSION}`;
const PAGES = `${PREFIX}pages`;
const INDEX = {{ index_cache|tojson }};
const SCOPE = new URL(self.registration.scope);
const at = (path) => new URL(path, SCOPE).pathname;
const PRECACHE = {{ precache|tojson }}.map(at);
const STATIC_DIR = at({{ static_dir|tojson }});
const INDEX_DIR = {% if index_dir %}at({{ index_dir|tojson }}){% else %}null{% endif %};
// Paths the worker leaves alone (the web editor, /admin/): never cached.
const BYPASS = {{ bypass|tojson }}.map(at);
const LIMITS = { [PAGES]: {{ page_limit }} };
const TRIM_EVERY = 32;
const NETWORK_TIMEOUT_MS = {{ network_timeout_ms }};
const SITENAME = {{ sitename|tojson }};

/**
 * Index requests go to the network without this worker (its fetch event
 * would cost a search several milliseconds per file; a route read from
 * the cache, a few). Browsers without static routes call the fetch handler,
 * which leaves them to the network too.
 */
function addIndexRoute(event) {
  if (!INDEX_DIR || typeof event.addRoutes !== "function") return Promise.resolve();
  return event.addRoutes([{ condition: { urlPattern: `${INDEX_DIR}*` }, source: "network" }])
    .catch(() => {});
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await addIndexRoute(event);
    const cache = await caches.open(SHELL);
    // One missing file must not stop the others (nor the worker).
    await Promise.all(PRECACHE.map((url) => cache.add(url).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keep = new Set([SHELL, PAGES, INDEX]);
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// offline.js asks for the page that was open before the worker took over.
self.addEventListener("message", (event) => {
  const url = typeof event.data?.cachePage === "string" ? new URL(event.data.cachePage) : null;
  if (url && url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname)
      && !BYPASS.some((path) => url.pathname.startsWith(path))) {
    event.waitUntil(refresh(new Request(url.href), PAGES).catch(() => {}));
  }
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  if (BYPASS.some((path) => url.pathname.startsWith(path))) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, PAGES, event).catch(offlinePage));
  } else if (INDEX_DIR && url.pathname.startsWith(INDEX_DIR)) {
    return; // the search code keeps these (see above)
  } else if (url.pathname.startsWith(STATIC_DIR)) {
    event.respondWith(staleWhileRevalidate(request, SHELL, event));
  } else if (request.destination === "image") {
    event.respondWith(staleWhileRevalidate(request, PAGES, event));
  }
});

const opened = {};
/** One open handle per cache name, for the life of the worker. */
function open(name) {
  opened[name] ||= caches.open(name);
  return opened[name];
}

/** Keep a good same-origin response; now and then drop the oldest entries over the limit. */
const stored = {};
async function store(name, request, response) {
  if (!response.ok || response.type !== "basic") return;
  const cache = await open(name);
  await cache.put(request, response);
  const limit = LIMITS[name];
  stored[name] = (stored[name] || 0) + 1;
  if (limit && stored[name] % TRIM_EVERY === 1) {  // listing the keys is slow: not on every put
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old);
  }
}

/**
 * The network's response, at once; the copy is stored in the background
 * (the page does not wait for the cache write).
 */
async function refresh(request, name, event) {
  const response = await fetch(request);
  const saving = store(name, request, response.clone()).catch(() => {});
  if (event) event.waitUntil(saving);
  else await saving;
  return response;
}

/** The cached copy; for a page, the same page with any query (search.html?q=). */
async function cached(request, name) {
  const cache = await open(name);
  return (await cache.match(request))
    || (request.mode === "navigate" ? cache.match(request, { ignoreSearch: true }) : undefined);
}

async function networkFirst(request, name, event) {
  const network = refresh(request, name, event);
  const first = await Promise.race([
    network.then((response) => ({ response }), () => ({ failed: true })),
    new Promise((resolve) => { setTimeout(() => resolve({ slow: true }), NETWORK_TIMEOUT_MS); }),
  ]);
  if (first.response) return first.response;
  return (await cached(request, name)) || network;
}

async function staleWhileRevalidate(request, name, event) {
  const hit = await cached(request, name);
  const network = refresh(request, name, event);
  if (!hit) return network;
  event.waitUntil(network.catch(() => {}));
  return hit;
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Offline and never opened: a short Thai page, not the browser's error. */
function offlinePage() {
  const home = escapeHtml(SCOPE.pathname);
  const html = `<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ออฟไลน์ – ${escapeHtml(SITENAME)}</title>
<link rel="stylesheet" href="${escapeHtml(STATIC_DIR)}css/site.css">
</head><body><main class="container"><h1 class="page-title">ไม่มีการเชื่อมต่ออินเทอร์เน็ต</h1>
<p>หน้านี้ยังไม่เคยเปิดบนเครื่องนี้ จึงอ่านแบบออฟไลน์ไม่ได้ ข่าวที่เคยเปิดแล้วยังอ่านได้ตามปกติ</p>
<p><a href="${home}">กลับหน้าแรก</a></p></main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
