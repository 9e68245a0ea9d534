// Registers the service worker (the thai_offline plugin writes it at the
// site root) for offline reading and repeat searches. Offline reading is a
// bonus: without service workers, or when registration fails, the site
// works as before.
const script = document.querySelector("script[data-service-worker]");

function register() {
  // A page opened before the worker took over was not seen by it: ask it to
  // keep a copy too, so the first article read is readable offline.
  const wasControlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker
    .register(script.dataset.serviceWorker, { scope: script.dataset.scope })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      if (!wasControlled) registration.active?.postMessage({ cachePage: window.location.href });
    })
    .catch(() => {});
}

// Not before the page has loaded, settled (a search from ?q= is usually
// done by then) and the browser is idle: installing the worker downloads
// the theme files again, which must not slow the first page or its search.
const SETTLE_MS = 2000;

function whenIdle() {
  setTimeout(() => {
    if ("requestIdleCallback" in window) window.requestIdleCallback(register, { timeout: 3000 });
    else register();
  }, SETTLE_MS);
}

if (script && "serviceWorker" in navigator) {
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
}
