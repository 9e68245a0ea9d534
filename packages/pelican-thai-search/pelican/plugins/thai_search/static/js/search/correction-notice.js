// What a page says about a corrected search (SearchEngine#correct): the
// search page and the header box show the same words. Page code.

import { el } from "./dom.js";

/** The URL parameter of a search run exactly as typed, never corrected. */
export const AS_TYPED = "typed";

/**
 * Results shown for the corrected query: `แสดงผลของ <corrected> · ค้นหา
 * <typed> ตามที่พิมพ์`, the second part a link to the search as typed.
 * `href(query, asTyped)`: the search page's URL for a query.
 */
export function correctedNotice(fixed, typed, href, tag = "p") {
  return el(tag, { class: "search-corrected" }, "แสดงผลของ ", el("bdi", {}, fixed.query), " · ",
    el("a", { href: href(typed, true) }, "ค้นหา ", el("bdi", {}, typed), " ตามที่พิมพ์"));
}

/** Suggestions instead of results: `คุณหมายถึง <a> · <b>`, each a search link. */
export function suggestionsNotice(fixed, href, tag = "p") {
  const links = fixed.suggestions.flatMap((q, i) => [
    ...(i ? [" · "] : []), el("a", { href: href(q, false) }, el("bdi", {}, q))]);
  return el(tag, { class: "search-suggest" }, "คุณหมายถึง ", ...links);
}

/** The status line's words (announced): for a correction, or for suggestions. */
export function correctionStatus(fixed, count) {
  return fixed.query
    ? `ไม่พบข่าวตามคำที่พิมพ์ แสดงผลของ ${fixed.query}: พบ ${count} ข่าว`
    : `ไม่พบข่าวที่ตรงกับคำค้น คุณหมายถึง ${fixed.suggestions.join(" หรือ ")}`;
}
