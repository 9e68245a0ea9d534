// Registers the service worker (the thai_offline plugin writes it at the
// site root) for offline reading and repeat searches. Offline reading is a
// bonus: without service workers, or when registration fails, the site
// works as before.
const script = document.querySelector("script[data-service-worker]");

if (script && "serviceWorker" in navigator) {
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
