// Results as you type in the header search box, on every page but the
// search page itself (which drives the same box). Loads lunr and the engine
// only when the reader starts typing, so other pages stay light.

import { el } from "./search/dom.js";
import { langAttrs } from "./search/lang.js";

const form = document.querySelector("form.header-search");
const input = document.getElementById("header-q");
const panel = document.getElementById("header-results");
const DEBOUNCE_MS = 200;
const SHOWN = 5;

let engine = null;
let timer = null;
let generation = 0;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

async function getEngine() {
  if (!engine) {
    engine = (async () => {
      // typeof: an element with id="lunr" would also make window.lunr truthy.
      if (typeof window.lunr !== "function") await loadScript(form.dataset.lunr);
      const [{ SearchEngine }, { IndexCache }] = await Promise.all([
        import("./search/engine.js"), import("./search/index-cache.js")]);
      return new SearchEngine({ lunr: window.lunr, baseUrl: form.dataset.index,
        cache: IndexCache.fromPage() });
    })();
    engine.catch(() => { engine = null; });
  }
  return engine;
}

function close() {
  panel.hidden = true;
  input.setAttribute("aria-expanded", "false");
}

function show(nodes) {
  panel.replaceChildren(...nodes);
  panel.hidden = false;
  input.setAttribute("aria-expanded", "true");
}

async function run() {
  const mine = ++generation;
  if (!input.value.trim()) {
    close();
    return;
  }
  try {
    // Loaded on first use, like the engine, so other pages stay light.
    const [{ isSearchable, prepareQuery }, { groupDigits }, { HIGHLIGHT_PARAM }] =
      await Promise.all([import("./search/text.js"), import("./search/thai-format.js"),
        import("./search/search-url.js")]);
    const query = prepareQuery(input.value).query.trim();
    if (mine !== generation) return;
    if (!isSearchable(query)) {
      show([el("p", { class: "header-results-status", role: "status" },
        "พิมพ์คำภาษาไทย อังกฤษ หรือตัวเลขเพื่อค้นหา")]);
      return;
    }
    const search = await getEngine();
    let found = await search.search(query);
    // Nothing as typed: what the reader may have meant, as the search page does.
    const notice = found.total ? null : await import("./search/correction-notice.js").catch(() => null);
    const fixed = notice && await search.correct(query);
    if (fixed?.query) found = await search.search(fixed.query);
    const docs = await Promise.all(found.results.slice(0, SHOWN).map((r) => search.doc(r.id)));
    if (mine !== generation) return;
    const href = (q, asTyped = false) => `${form.action}?${new URLSearchParams(
      { q, ...(asTyped ? { [notice.AS_TYPED]: "1" } : {}) })}`;
    const all = href(fixed?.query || query);
    const count = groupDigits(found.total);
    const status = el("p", { class: "header-results-status", role: "status" },
      fixed ? notice.correctionStatus(fixed, count)
        : found.total ? `พบ ${count} ข่าว` : "ไม่พบข่าวที่ตรงกับคำค้น");
    const fixes = !fixed ? [] : [fixed.query ? notice.correctedNotice(fixed, query, href)
      : notice.suggestionsNotice(fixed, href)];
    const list = el("ul", { class: "header-results-list" },
      ...docs.map((doc) => el("li", {}, el("a", {
        // The article marks the words searched (article-marks.js), as from the search page.
        href: `${form.dataset.site}/${doc.url}?${new URLSearchParams({ [HIGHLIGHT_PARAM]: fixed?.query || query })}`,
        ...langAttrs(doc.title) }, doc.title))));
    const more = el("a", { class: "header-results-all", href: all }, "ดูผลการค้นหาทั้งหมด");
    // Nothing stands together: offer the looser reading, as the search page does.
    const loose = found.looser?.split || found.looser?.each?.join(" ");
    const looser = loose && el("a", { class: "header-results-all",
      href: `${form.action}?${new URLSearchParams({ q: loose })}` },
    found.looser.split ? "ค้นหาแบบแยกคำ: " : "ค้นหาทีละคำ: ", el("bdi", {}, loose));
    show(found.total ? [status, ...fixes, list, more]
      : [status, ...fixes, ...(looser ? [looser] : [])]);
  } catch {
    if (mine !== generation) return;
    show([el("p", { class: "header-results-status", role: "status" },
      "โหลดข้อมูลการค้นหาไม่สำเร็จ กด ", el("span", { lang: "en" }, "Enter"), " เพื่อไปยังหน้าค้นหา")]);
  }
}

if (form && input && panel && !document.getElementById("search-app")) {
  // A search box with a results popup: a combobox (aria-expanded is not
  // allowed on a plain searchbox), the panel a non-modal dialog.
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-haspopup", "dialog");
  input.setAttribute("aria-controls", "header-results");
  input.setAttribute("aria-expanded", "false");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", "ผลการค้นหาระหว่างพิมพ์");
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener("focus", () => { getEngine().catch(() => {}); }, { once: true });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault(); // the first Escape closes the panel, keeps the words
      close();
    }
  });
  document.addEventListener("click", (event) => {
    if (!form.contains(event.target) && !panel.contains(event.target)) close();
  });
}
