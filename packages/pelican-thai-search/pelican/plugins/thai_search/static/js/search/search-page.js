// The search page: form, ?q= and filters in the URL, results as you type,
// rendering and announcements. Engine code lives in engine.js.
//
// Page contract (tests and outside tools rely on it):
// - search.html?q=... renders ranked results inside #search-results;
// - each result's first link is the article;
// - #search-results has aria-busy="true" while searching and "false" once
//   the results (or a message) for the current query are shown.

import { isKey } from "./contract.js";
import { el } from "./dom.js";
import { SearchEngine } from "./engine.js";
import { snippet } from "./highlight.js";
import { IndexCache } from "./index-cache.js";
import { IndexLoadError } from "./pieces.js";
import { langAttrs } from "./lang.js";
import { groupDigits, shortThaiDate } from "./thai-format.js";
import { MAX_QUERY_CHARS, isSearchable, prepareQuery } from "./text.js";

const DEBOUNCE_MS = 150;
// A glued run with one of the commonest words where nothing fixes it (no
// positions kept: word-order.js) cannot be checked for word order: say so,
// not that its words never stand together.
const UNCHECKED = "คำค้นนี้มีคำที่พบบ่อยมาก จึงตรวจไม่ได้ว่าคำอยู่ติดกันหรือไม่ ";
// Such a word keeps its neighbours only in some fields (manifest.pairFields):
// there the run was checked, and the page says where.
const FIELD_NAMES = { title: "หัวข้อ", meta: "ย่อหน้านำ", body: "เนื้อข่าว" };

class SearchPage {
  constructor(root) {
    this.root = root;
    this.form = document.getElementById("search-form");
    this.input = document.getElementById("search-q");
    this.category = document.getElementById("search-category");
    this.year = document.getElementById("search-year");
    this.status = document.getElementById("search-status");
    this.results = document.getElementById("search-results");
    this.headerInput = document.getElementById("header-q");
    this.engine = new SearchEngine({ lunr: window.lunr, baseUrl: root.dataset.index,
      cache: IndexCache.fromPage() });
    this.generation = 0;
    this.timer = null;
    this.shown = 0;
  }

  start() {
    this.readUrl();
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.update({ push: true, now: true });
    });
    this.input.addEventListener("input", () => this.update({ push: false }));
    for (const select of [this.category, this.year]) {
      select.addEventListener("change", () => this.update({ push: true, now: true }));
    }
    if (this.headerInput) {
      this.headerInput.closest("form").addEventListener("submit", (event) => {
        event.preventDefault();
        this.input.value = this.headerInput.value;
        this.update({ push: true, now: true });
        this.input.focus();
      });
    }
    window.addEventListener("popstate", () => {
      this.readUrl();
      this.run();
    });
    this.engine.open().then(() => this.fillFilters(), () => {});
    this.run();
  }

  readUrl() {
    this.committed = true;
    const params = new URLSearchParams(window.location.search);
    this.input.value = params.get("q") || "";
    if (this.headerInput) this.headerInput.value = this.input.value;
    this.wanted = { category: params.get("category") || "", year: params.get("year") || "" };
    this.applyFilterValues();
  }

  applyFilterValues() {
    for (const [select, value] of [[this.category, this.wanted.category], [this.year, this.wanted.year]]) {
      if ([...select.options].some((o) => o.value === value)) select.value = value;
    }
  }

  fillFilters() {
    const { categories, years } = this.engine.manifest;
    if (this.category.options.length <= 1) {
      for (const name of categories) this.category.append(el("option", { value: name }, name));
      for (const [year] of [...years].reverse()) {
        this.year.append(el("option", { value: String(year) }, `พ.ศ. ${year + 543}`));
      }
    }
    this.applyFilterValues();
  }

  filters() {
    return { category: this.category.value || this.wanted.category,
      year: this.year.value || this.wanted.year };
  }

  // History: the first keystroke after a committed search (page load,
  // Enter, a filter) starts a new entry; later keystrokes replace it, so the
  // back button returns to the previous search, not to each letter typed.
  update({ push, now = false }) {
    const params = new URLSearchParams();
    const q = this.input.value.trim();
    if (q) params.set("q", q);
    this.wanted = { category: this.category.value, year: this.year.value };
    if (this.wanted.category) params.set("category", this.wanted.category);
    if (this.wanted.year) params.set("year", this.wanted.year);
    const url = `${window.location.pathname}${params.toString() ? `?${params}` : ""}`;
    const current = `${window.location.pathname}${window.location.search}`;
    if (url !== current && (push || this.committed)) window.history.pushState(null, "", url);
    else if (url !== current) window.history.replaceState(null, "", url);
    this.committed = push;
    if (this.headerInput) this.headerInput.value = this.input.value;
    this.results.setAttribute("aria-busy", "true");
    this.generation += 1; // results of a search still running are stale now
    clearTimeout(this.timer);
    if (now) this.run();
    else this.timer = setTimeout(() => this.run(), DEBOUNCE_MS);
  }

  async run() {
    const generation = ++this.generation;
    // Lone surrogates and very long input are made safe first (text.js).
    const { query, truncated } = prepareQuery(this.input.value);
    this.results.setAttribute("aria-busy", "true");
    if (!query.trim()) {
      this.finish(generation, [], "พิมพ์คำค้นเพื่อค้นหาข่าว");
      return;
    }
    // The query is shown isolated (bdi), so bidi controls in it cannot
    // reorder the sentence around it.
    const quoted = () => ["“", el("bdi", {}, query.trim()), "”"];
    if (!isSearchable(query)) {
      this.finish(generation, [el("p", { class: "search-empty" }, "คำค้น ", ...quoted(),
        " ไม่มีตัวอักษรหรือตัวเลขให้ค้น กรุณาพิมพ์คำภาษาไทย อังกฤษ หรือตัวเลข")],
      "คำค้นไม่มีตัวอักษรหรือตัวเลขให้ค้น");
      return;
    }
    const notes = truncated ? [el("p", { class: "search-partial" },
      `คำค้นยาวเกิน ${MAX_QUERY_CHARS} ตัวอักษร จึงค้นเฉพาะส่วนต้น (query shortened)`)] : [];
    try {
      let found = await this.engine.search(query, this.filters());
      if (generation !== this.generation) return;
      // Nothing as typed: what the reader may have meant (correction.js),
      // unless the URL asks for the search as typed. Loaded only then.
      const notice = found.total ? null : await import("./correction-notice.js");
      const asTyped = notice && new URLSearchParams(window.location.search).get(notice.AS_TYPED) === "1";
      const fixed = !notice || asTyped ? null : await this.engine.correct(query, this.filters());
      if (generation !== this.generation) return;
      const href = (q, typed) => this.href(q, typed && notice.AS_TYPED);
      if (fixed?.query) {
        found = await this.engine.search(fixed.query, this.filters());
        if (generation !== this.generation) return;
        notes.push(notice.correctedNotice(fixed, query.trim(), href));
      }
      if (!found.total) {
        const suggested = fixed?.suggestions
          ? [notice.suggestionsNotice(fixed, href)] : this.looser(found.looser);
        this.finish(generation, [...notes, el("p", { class: "search-empty" },
          "ไม่พบข่าวที่ตรงกับ ", ...quoted()), ...suggested],
        fixed?.suggestions ? notice.correctionStatus(fixed)
          : found.looser ? "ไม่พบข่าวที่ตรงกับคำค้น มีลิงก์ให้ค้นแบบแยกคำ" : "ไม่พบข่าวที่ตรงกับคำค้น");
        return;
      }
      this.found = found;
      this.shown = 0;
      const list = el("ol", { class: "search-list" });
      const nodes = [...notes, ...this.looser(found.looser, true),
        el("div", { class: "search-pages" }, list)];
      await this.appendPage(list, generation);
      if (generation !== this.generation) return;
      const label = fixed?.query ? notice.correctionStatus(fixed, groupDigits(found.total))
        : `พบ ${groupDigits(found.total)} ข่าว`;
      this.finish(generation, nodes, label);
    } catch (error) {
      if (generation !== this.generation) return;
      const retry = el("button", { type: "button", class: "search-retry" }, "ลองอีกครั้ง");
      retry.addEventListener("click", () => this.run());
      const message = error instanceof IndexLoadError
        ? "โหลดข้อมูลการค้นหาไม่สำเร็จ กรุณาตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง "
        : "ค้นหาด้วยคำนี้ไม่สำเร็จ กรุณาลองคำอื่นหรือลองอีกครั้ง ";
      this.finish(generation, [el("p", { class: "search-error", role: "alert" }, message), retry],
        message.trim());
    }
  }

  async appendPage(list, generation) {
    const { results } = this.found;
    const size = this.engine.manifest.pageSize;
    const batch = results.slice(this.shown, this.shown + size);
    const docs = await Promise.all(batch.map((r) => this.engine.doc(r.id)));
    if (generation !== this.generation) return;
    const needles = this.needles();
    const items = docs.map((doc) => this.renderResult(doc, needles));
    list.append(...items);
    // The snippets follow, fetched once the results are on screen: starting
    // ten requests costs the page a few milliseconds it should not wait for.
    setTimeout(() => {
      docs.forEach((doc, i) => {
        this.engine.text(doc).then((text) => this.fillSnippet(items[i], text, needles), () => {});
      });
    }, 0);
    this.shown += batch.length;
    list.parentNode?.querySelector(".search-more")?.remove();
    if (this.shown < results.length) {
      const more = el("button", { type: "button", class: "search-more" },
        `แสดงเพิ่ม (${groupDigits(results.length - this.shown)} ข่าว)`);
      more.addEventListener("click", async () => {
        more.disabled = true;
        const first = this.shown;
        await this.appendPage(list, this.generation);
        list.children[first]?.querySelector("a")?.focus();
      });
      list.parentNode.append(more);
    }
  }

  /**
   * The looser reading as links (ordinary ?q= URLs, with the filters kept):
   * instead of results, or beside them (`beside`) where word order was
   * checked in some fields only.
   */
  looser(reading, beside = false) {
    if (!reading) return [];
    const link = (q) => el("a", { href: this.href(q) }, el("bdi", {}, q));
    if (reading.split) {
      const where = this.pairFieldNames();
      const why = reading.unchecked ? UNCHECKED
        : reading.partial && beside ? `คำค้นนี้มีคำที่พบบ่อยมาก จึงตรวจคำที่อยู่ติดกันได้เฉพาะใน${where} `
          : reading.partial
            ? `ไม่พบคำเหล่านี้อยู่ติดกันใน${where} (คำค้นนี้มีคำที่พบบ่อยมาก จึงตรวจได้เฉพาะส่วนนี้) `
            : "ไม่พบคำเหล่านี้อยู่ติดกัน ";
      return [el("p", { class: "search-looser" }, why,
        el("span", {}, "ค้นหาแบบแยกคำ: ", link(reading.split)))];
    }
    return [el("p", { class: "search-looser" }, "ไม่พบข่าวที่มีครบทุกคำ ค้นหาทีละคำ: ",
      ...reading.each.map(link))];
  }

  /** This page's URL for a query, the filters kept; `asTyped`: the parameter that keeps it uncorrected. */
  href(q, asTyped = "") {
    const params = new URLSearchParams({ q });
    for (const [name, value] of Object.entries(this.filters())) if (value) params.set(name, value);
    if (asTyped) params.set(asTyped, "1");
    return `${window.location.pathname}?${params}`;
  }

  /** The fields that keep pairs, in Thai: หัวข้อและย่อหน้านำ. */
  pairFieldNames() {
    const { fields, pairFields = [] } = this.engine.manifest;
    return pairFields.map((f) => FIELD_NAMES[fields[f]] || fields[f]).join("และ");
  }

  needles() {
    const { terms, phrases, marked = {} } = this.engine.manifest.variants;
    const out = [];
    for (const token of this.found.tokens) {
      if (isKey(token.term)) {
        const forms = [...Object.entries(terms), ...Object.entries(phrases), ...Object.entries(marked)];
        for (const [form, key] of forms) {
          if (key === token.term) out.push(form);
        }
      } else {
        out.push(token.term);
      }
    }
    return out;
  }

  fillSnippet(item, text, needles) {
    const excerpt = item.querySelector(".result-snippet");
    const parts = snippet(text, needles);
    if (langAttrs(parts.map((part) => part.text).join("")).lang) excerpt.lang = "en";
    for (const part of parts) {
      excerpt.append(part.match ? el("mark", {}, part.text) : part.text);
    }
  }

  renderResult(doc, needles) {
    const excerpt = el("p", { class: "result-snippet" });
    const title = el("a", { href: `${this.root.dataset.site}/${doc.url}`, ...langAttrs(doc.title) });
    for (const part of snippet(doc.title, needles, 1000)) {
      title.append(part.match ? el("mark", {}, part.text) : part.text);
    }
    return el("li", { class: "result" },
      el("h2", { class: "result-title" }, title),
      el("p", { class: "result-meta" },
        el("time", { datetime: doc.date }, shortThaiDate(doc.date, this.engine.manifest.calendar)), " · ",
        el("span", langAttrs(doc.category), doc.category)),
      excerpt);
  }

  finish(generation, nodes, announcement) {
    if (generation !== this.generation) return;
    this.results.replaceChildren(...(Array.isArray(nodes) ? nodes : []));
    this.status.textContent = announcement;
    this.results.setAttribute("aria-busy", "false");
  }
}

const root = document.getElementById("search-app");
if (root) new SearchPage(root).start();
