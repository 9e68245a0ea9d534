// The search page: form, ?q= and filters in the URL, results as you type,
// rendering and announcements. Engine code lives in engine.js.
//
// Page contract (tests and outside tools rely on it; README):
// - search.html?q=... renders ranked results inside #search-results, with
//   optional category, year, sort (newest) and from / to (YYYY-MM);
// - each result's first link is the article, carrying the query (?highlight=);
// - #search-results has aria-busy="true" while searching and "false" once
//   the results (or a message) for the current query are shown.

import { el } from "./dom.js";
import { problemNotes, readRange } from "./date-range.js";
import { SearchEngine } from "./engine.js";
import { IndexCache } from "./index-cache.js";
import { looserLinks } from "./looser-links.js";
import { IndexLoadError } from "./pieces.js";
import { NEWEST, RELEVANCE, readSort } from "./result-order.js";
import { fillSnippet, needles, resultItem } from "./result-list.js";
import { SearchControls } from "./search-controls.js";
import { readState, stateQuery } from "./search-url.js";
import { groupDigits } from "./thai-format.js";
import { MAX_QUERY_CHARS, isSearchable, prepareQuery } from "./text.js";

const DEBOUNCE_MS = 150;

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
    this.controls = new SearchControls();
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
    for (const select of [this.category, this.year, ...this.controls.selects()]) {
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
    const state = readState(window.location.search);
    this.input.value = state.q;
    // Searched as typed (typed=1) while the words stay the same, filters or not.
    this.typedFor = state.typed === "1" ? state.q.trim() : null;
    if (this.headerInput) this.headerInput.value = this.input.value;
    this.wanted = { category: state.category, year: state.year };
    this.applyFilterValues();
    this.controls.show(state);
  }

  applyFilterValues() {
    for (const [select, value] of [[this.category, this.wanted.category], [this.year, this.wanted.year]]) {
      if ([...select.options].some((o) => o.value === value)) select.value = value;
    }
  }

  fillFilters() {
    const { categories, years, calendar } = this.engine.manifest;
    if (this.category.options.length <= 1) {
      for (const name of categories) this.category.append(el("option", { value: name }, name));
      for (const [year] of [...years].reverse()) {
        this.year.append(el("option", { value: String(year) }, `พ.ศ. ${year + calendar.eraOffset}`));
      }
    }
    this.applyFilterValues();
    this.controls.fill(this.engine.manifest);
  }

  filters() {
    return { category: this.category.value || this.wanted.category,
      year: this.year.value || this.wanted.year };
  }

  /** The search the page holds, as the URL's parameters (search-url.js). */
  state() {
    return { q: this.input.value, ...this.filters(), ...this.controls.read(),
      typed: this.typedFor !== null && this.typedFor === this.input.value.trim() ? "1" : "" };
  }

  // History: the first keystroke after a committed search (page load,
  // Enter, a filter) starts a new entry; later keystrokes replace it, so the
  // back button returns to the previous search, not to each letter typed.
  update({ push, now = false }) {
    this.wanted = { category: this.category.value, year: this.year.value };
    const url = `${window.location.pathname}${stateQuery(this.state())}`;
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

  /**
   * Sort and range as searched: what the URL or the controls ask, less what
   * cannot be used (a sort or a month that does not exist, a range that
   * ends before it starts); `notes()` says what was ignored.
   */
  searched() {
    const state = this.state();
    const { sort, ignored } = readSort(state.sort);
    const { from, to, problems } = readRange(state.from, state.to);
    this.controls.showLabel({ from, to });
    return { order: { sort, from, to }, notes: () => this.notes(problems, ignored) };
  }

  /** A note (p.search-note) for each part of the URL ignored, naming months in the Buddhist era. */
  notes(problems, ignored) {
    const notes = problemNotes(problems, this.engine.manifest?.calendar)
      .map(({ before, value, after }) => el("p", { class: "search-note" }, before,
        ...(value === null ? [] : [el("bdi", {}, value)]), after));
    if (ignored) {
      notes.push(el("p", { class: "search-note" }, "ไม่มีการเรียงลำดับแบบ ",
        el("bdi", {}, [...ignored].slice(0, 24).join("")), " จึงเรียงตามความตรงกับคำค้น"));
    }
    return notes;
  }

  async run() {
    const generation = ++this.generation;
    // Lone surrogates and very long input are made safe first (text.js).
    const { query, truncated } = prepareQuery(this.input.value);
    const { order, notes } = this.searched();
    this.results.setAttribute("aria-busy", "true");
    if (!query.trim()) {
      this.finish(generation, notes(), "พิมพ์คำค้นเพื่อค้นหาข่าว");
      return;
    }
    // The query is shown isolated (bdi), so bidi controls in it cannot
    // reorder the sentence around it.
    const quoted = () => ["“", el("bdi", {}, query.trim()), "”"];
    if (!isSearchable(query)) {
      this.finish(generation, [...notes(), el("p", { class: "search-empty" }, "คำค้น ", ...quoted(),
        " ไม่มีตัวอักษรหรือตัวเลขให้ค้น กรุณาพิมพ์คำภาษาไทย อังกฤษ หรือตัวเลข")],
      "คำค้นไม่มีตัวอักษรหรือตัวเลขให้ค้น");
      return;
    }
    const shortened = truncated ? [el("p", { class: "search-partial" },
      `คำค้นยาวเกิน ${MAX_QUERY_CHARS} ตัวอักษร จึงค้นเฉพาะส่วนต้น (query shortened)`)] : [];
    try {
      let found = await this.engine.search(query, { ...this.filters(), ...order });
      if (generation !== this.generation) return;
      const said = [...shortened, ...notes()];
      // Looser readings keep the rest of the search, as searched.
      const hrefFor = (q) => `${window.location.pathname}${stateQuery({ ...this.state(), ...order,
        sort: order.sort === RELEVANCE ? "" : order.sort, q })}`;
      // Nothing as typed: what the reader may have meant (correction.js),
      // unless the URL asks for the search as typed. Loaded only then.
      const notice = found.total ? null : await import("./correction-notice.js").catch(() => null);
      const fix = notice && await notice.corrected(this.engine, query, { ...this.filters(), ...order });
      if (generation !== this.generation) return;
      const fixHref = (q, typed) => (typed ? notice.asTypedHref(hrefFor(q)) : hrefFor(q));
      if (fix?.found) {
        found = fix.found;
        said.push(notice.correctedNotice(fix.fixed, query.trim(), fixHref));
      }
      const looser = (beside) => looserLinks(found.looser, beside, hrefFor, this.engine.manifest);
      if (!found.total) {
        const suggested = [...(fix?.fixed.suggestions
          ? [notice.suggestionsNotice(fix.fixed, fixHref)] : []), ...looser(false)];
        this.finish(generation, [...said, el("p", { class: "search-empty" },
          "ไม่พบข่าวที่ตรงกับ ", ...quoted()), ...suggested],
        fix?.fixed.suggestions ? notice.correctionStatus(fix.fixed)
          : found.looser ? "ไม่พบข่าวที่ตรงกับคำค้น มีลิงก์ให้ค้นแบบแยกคำ" : "ไม่พบข่าวที่ตรงกับคำค้น");
        return;
      }
      this.found = { ...found, query: fix?.fixed.query || query.trim(), sort: order.sort, hrefFor };
      this.shown = 0;
      const list = el("ol", { class: "search-list" });
      this.list = list; // "show more" of an older list, still on screen, does nothing
      const nodes = [...said, ...looser(true), el("div", { class: "search-pages" }, list)];
      await this.appendPage(list, generation);
      if (generation !== this.generation) return;
      const count = groupDigits(found.total);
      this.finish(generation, nodes,
        fix?.found ? notice.correctionStatus(fix.fixed, count) : `พบ ${count} ข่าว`);
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

  /** The next page of results (manifest.pageSize): false if a newer search replaced these. */
  async appendPage(list, generation) {
    const { results, tokens, query } = this.found;
    const { pageSize, variants, calendar } = this.engine.manifest;
    const batch = results.slice(this.shown, this.shown + pageSize);
    const docs = await Promise.all(batch.map((r) => this.engine.doc(r.id)));
    if (generation !== this.generation) return false;
    const marks = needles(tokens, variants);
    const items = docs.map((doc) => resultItem(doc,
      { site: this.root.dataset.site, query, marks, calendar }));
    list.append(...items);
    // The snippets follow, fetched once the results are on screen, and only
    // for those near it (a page of 20 would fetch 20 texts a phone does not show).
    const fill = (i) => this.engine.text(docs[i]).then((text) => fillSnippet(items[i], text, marks), () => {});
    setTimeout(() => {
      if (!("IntersectionObserver" in window)) return docs.forEach((_, i) => fill(i));
      const near = new IntersectionObserver((entries) => entries.filter((e) => e.isIntersecting)
        .forEach((e) => { near.unobserve(e.target); fill(items.indexOf(e.target)); }),
      { rootMargin: "600px 0px" });
      return items.forEach((item) => near.observe(item));
    }, 0);
    this.shown += batch.length;
    this.pageEnd(list);
    return true;
  }

  /**
   * After the results shown: the "show more" button while there are more,
   * else, where relevance listed only some of the matches, how to see all.
   */
  pageEnd(list) {
    const pages = list.parentNode || list;
    const { results, total, sort, hrefFor } = this.found;
    let more = pages.querySelector(".search-more");
    const left = results.length - this.shown;
    if (left > 0) {
      if (!more) {
        more = el("button", { type: "button", class: "search-more" });
        more.addEventListener("click", () => this.showMore(list, more));
        pages.append(more);
      }
      const next = Math.min(left, this.engine.manifest.pageSize);
      more.textContent = `แสดงเพิ่มอีก ${groupDigits(next)} ข่าว (เหลือ ${groupDigits(left)} ข่าว)`;
      return;
    }
    more?.remove();
    if (total > results.length && sort === RELEVANCE) {
      const url = new URL(hrefFor(this.found.query), window.location.href);
      url.searchParams.set("sort", NEWEST);
      pages.append(el("p", { class: "search-capped" },
        `แสดง ${groupDigits(results.length)} ข่าวที่ตรงที่สุดจาก ${groupDigits(total)} ข่าว `,
        el("a", { href: `${url.pathname}${url.search}` }, "ดูทั้งหมดเรียงจากใหม่ที่สุด")));
    }
  }

  /**
   * "Show more": focus stays where the reader is. The button stays
   * focusable while the page loads (aria-disabled, not disabled, which
   * would drop the focus), then focus moves to the first result added.
   */
  async showMore(list, more) {
    if (more.getAttribute("aria-disabled") === "true" || list !== this.list) return;
    more.setAttribute("aria-disabled", "true");
    more.parentNode.querySelector(".search-more-error")?.remove();
    const first = this.shown;
    const generation = this.generation;
    try {
      if (await this.appendPage(list, generation)) list.children[first]?.querySelector("a")?.focus();
    } catch {
      if (generation === this.generation) {
        more.before(el("p", { class: "search-error search-more-error", role: "alert" },
          "โหลดผลการค้นหาเพิ่มไม่สำเร็จ กดปุ่มเพื่อลองอีกครั้ง"));
      }
    } finally {
      more.removeAttribute("aria-disabled");
    }
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
