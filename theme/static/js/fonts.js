// The web font (Sarabun) and the search page. Every page: once Sarabun's
// faces have loaded, remember it, so that the search page uses them from
// the cache (text-size-early.js). The search page on a first visit
// (html.fonts-later; site.css leaves Sarabun out there): fetch the faces
// once its results are shown (#search-results aria-busy="false", the page
// contract), so they never share the bandwidth with the index; the next
// page has them from the cache. Nothing is drawn again on this page.

const REMEMBER = "fonts-loaded";
// One character of each face's range (site.css unicode-range): Thai, Latin.
const SAMPLE = "ก a";
const FACES = ["400 1em Sarabun", "700 1em Sarabun"];

function remember() {
  try {
    window.localStorage.setItem(REMEMBER, "1");
  } catch {
    // Storage blocked: the search page keeps the reader's font.
  }
}

const sarabunLoaded = () => [...document.fonts]
  .some((face) => face.family.replace(/"/g, "") === "Sarabun" && face.status === "loaded");

function resultsShown(results) {
  return new Promise((resolve) => {
    const shown = () => results.getAttribute("aria-busy") === "false";
    if (shown()) return resolve();
    const watch = new MutationObserver(() => {
      if (shown()) { watch.disconnect(); resolve(); }
    });
    watch.observe(results, { attributes: true, attributeFilter: ["aria-busy"] });
  });
}

async function fetchLater() {
  const results = document.getElementById("search-results");
  if (results) await resultsShown(results);
  await Promise.all(FACES.map((face) => document.fonts.load(face, SAMPLE)));
  if (sarabunLoaded()) remember();
}

if (document.fonts) {
  if (document.documentElement.classList.contains("fonts-later")) {
    fetchLater().catch(() => {});
  } else {
    document.fonts.ready.then(() => { if (sarabunLoaded()) remember(); });
  }
}
