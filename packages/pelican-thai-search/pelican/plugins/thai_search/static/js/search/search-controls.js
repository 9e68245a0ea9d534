// The search page's sort and date-range controls (thai_search/macros.html):
// a sort select, and a period of two months, each a month and a
// Buddhist-era year select, under a summary that names the range. The
// values are the URL's (sort=newest, from=2023-01, to=2023-06); the page
// (search-page.js) reads and sets them here.

import { el } from "./dom.js";
import { monthKey, parseMonth, rangeLabel, readRange } from "./date-range.js";

const byId = (id) => document.getElementById(id);

export class SearchControls {
  constructor() {
    this.sort = byId("search-sort");
    this.period = byId("search-period");
    this.label = this.period?.querySelector(".search-period-label");
    this.bounds = {
      from: { month: byId("search-from-month"), year: byId("search-from-year"), first: 1 },
      to: { month: byId("search-to-month"), year: byId("search-to-year"), first: 12 },
    };
    this.calendar = null; // the manifest's, once the index is open
    this.wanted = { sort: "", from: "", to: "" };
  }

  /** The selects, for change events. */
  selects() {
    return [this.sort, ...Object.values(this.bounds).flatMap((b) => [b.month, b.year])]
      .filter(Boolean);
  }

  /** Months and years from the manifest: the years that have articles, newest first. */
  fill({ calendar, years }) {
    this.calendar = calendar;
    for (const bound of Object.values(this.bounds)) {
      if (!bound.month || bound.month.options.length) continue;
      calendar.months.forEach((name, i) => {
        bound.month.append(el("option", { value: String(i + 1).padStart(2, "0") }, name));
      });
      for (const [year] of [...years].reverse()) this.addYear(bound.year, year);
    }
    this.show(this.wanted);
  }

  addYear(select, year) {
    const value = String(year);
    if ([...select.options].some((o) => o.value === value)) return;
    const option = el("option", { value }, `พ.ศ. ${year + this.calendar.eraOffset}`);
    // Newest first, after the empty choice.
    const later = [...select.options].find((o) => o.value && Number(o.value) < year);
    select.insertBefore(option, later || null);
  }

  /**
   * Show a state (sort, from, to as the URL gives them). A bound that is
   * no month is shown as no bound: it is ignored (the page says so).
   */
  show({ sort, from, to }) {
    this.wanted = { sort, from, to };
    if (this.sort) this.sort.value = sort === "newest" ? "newest" : "";
    if (!this.calendar) return;
    for (const [name, bound] of Object.entries(this.bounds)) {
      if (!bound.month || !bound.year) continue;
      const m = parseMonth(this.wanted[name]);
      if (m) this.addYear(bound.year, m.year);
      bound.year.value = m ? String(m.year) : "";
      bound.month.value = String(m ? m.month : bound.first).padStart(2, "0");
    }
    this.showLabel(readRange(from, to));
  }

  /** Name the range searched in the summary: ม.ค. 2566 – มิ.ย. 2566. */
  showLabel(range) {
    if (this.label && this.calendar) this.label.textContent = rangeLabel(range, this.calendar);
  }

  /** The state the controls hold: what was shown until the months and years are there. */
  read() {
    if (!this.calendar) return { ...this.wanted };
    // A theme without some control keeps the URL's value for it (package README).
    const bound = ({ month, year }, name) => (!month || !year ? this.wanted[name]
      : year.value ? monthKey(year.value, month.value) : "");
    return { sort: this.sort ? this.sort.value || "" : this.wanted.sort,
      from: bound(this.bounds.from, "from"), to: bound(this.bounds.to, "to") };
  }
}
