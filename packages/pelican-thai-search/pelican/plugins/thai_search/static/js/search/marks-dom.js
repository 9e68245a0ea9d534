// Marking a query's words in an article's own text (article-marks.js
// loads this): the text is read in runs that end at blocks and line
// breaks, each run seen as the search sees text (text-view.js), the words
// found there (query-marks.js) wrapped in <mark class="search-mark"> around
// the very characters written. Nothing from the query becomes markup: the
// query is cut (prepareQuery) and shown as text.

import { el } from "./dom.js";
import { findMarks, markTargets } from "./query-marks.js";
import { prepareQuery } from "./text.js";
import { textView } from "./text-view.js";

const INLINE = new Set(["A", "ABBR", "B", "BDI", "BDO", "CITE", "CODE", "DATA", "DFN", "EM", "I",
  "KBD", "MARK", "Q", "S", "SAMP", "SMALL", "SPAN", "STRONG", "SUB", "SUP", "TIME", "U", "VAR"]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "BUTTON",
  "SVG", "MATH"]);
// The query as the bar shows it: at most this many characters.
const SHOWN_CHARS = 40;

function blockOf(node) {
  let at = node.parentElement;
  while (at && INLINE.has(at.tagName)) at = at.parentElement;
  return at;
}

/** The runs of text in scope: [{text, nodes: [[text node, where it starts in text]]}]. */
export function textRuns(scope) {
  const runs = [];
  let run = null;
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === Node.ELEMENT_NODE && SKIP.has(node.tagName.toUpperCase())
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (!INLINE.has(node.tagName.toUpperCase())) run = null; // a block or a line break
      continue;
    }
    const block = blockOf(node);
    if (!run || run.block !== block) runs.push(run = { block, text: "", nodes: [] });
    run.nodes.push([node, run.text.length]);
    run.text += node.data;
  }
  return runs;
}

/** Wrap run.text[start..end) for each range; returns the first <mark> of each range. */
function wrap(run, ranges) {
  const firsts = new Array(ranges.length);
  for (const [node, start] of [...run.nodes].reverse()) {
    const end = start + node.data.length;
    for (let r = ranges.length - 1; r >= 0; r--) {
      const [a, b] = ranges[r];
      if (b <= start || a >= end) continue;
      const from = Math.max(a, start) - start;
      const to = Math.min(b, end) - start;
      if (to < node.data.length) node.splitText(to);
      const middle = from > 0 ? node.splitText(from) : node;
      const mark = el("mark", { class: "search-mark" });
      middle.replaceWith(mark);
      mark.append(middle);
      firsts[r] = mark; // the loop goes backwards: the last set is the first
    }
  }
  return firsts;
}

/** Mark the targets in one element: the first <mark> of each match, in order. */
function markScope(scope, targets) {
  const found = [];
  for (const run of textRuns(scope)) {
    const view = textView(run.text);
    if (!view) continue;
    const ranges = findMarks(view.text, targets).map(([a, b]) => [view.from[a], view.to[b - 1]]);
    if (ranges.length) found.push(...wrap(run, ranges));
  }
  return found;
}

/** Take every mark out again, leaving the text as it was. */
export function clearMarks(root = document) {
  for (const mark of root.querySelectorAll("mark.search-mark")) {
    const parent = mark.parentNode;
    mark.replaceWith(...mark.childNodes);
    parent.normalize();
  }
}

function shorten(query) {
  const chars = [...query];
  return chars.length > SHOWN_CHARS ? `${chars.slice(0, SHOWN_CHARS).join("")}…` : query;
}

/** The bar at the foot of the screen: how many places, and a button to clear them. */
function showBar(query, count) {
  const quoted = ["“", el("bdi", {}, shorten(query)), "”"];
  const button = el("button", { type: "button", class: "search-marks-clear" },
    count ? "ล้างการเน้นคำ" : "ปิด");
  const bar = el("div", { class: "search-marks-bar", role: "region", "aria-label": "คำค้นในข่าวนี้" },
    el("p", { class: "search-marks-count" }, ...(count
      ? ["เน้นคำค้น ", ...quoted, ` ในข่าวนี้ ${count} แห่ง`]
      : ["ไม่พบคำค้น ", ...quoted, " ในข่าวนี้"])),
    button);
  button.addEventListener("click", () => {
    clearMarks();
    bar.remove();
    document.body.classList.remove("has-search-marks");
    // The button is gone: focus goes to the article's heading, not to the page's start.
    const heading = document.querySelector("[data-search-marks] h1, article h1, h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  });
  document.body.append(bar);
  document.body.classList.add("has-search-marks");
}

/**
 * Mark the query's words in the elements marked data-search-marks (else
 * the page's <article>), scroll to the first, and show the bar. A query
 * with nothing to search (empty, only punctuation) marks nothing and shows
 * no bar.
 */
export function markArticle(raw) {
  const query = prepareQuery(raw).query.trim();
  const targets = markTargets(query);
  if (!targets.length) return [];
  let scopes = [...document.querySelectorAll("[data-search-marks]")];
  if (!scopes.length) scopes = [document.querySelector("article, main") || document.body];
  scopes = scopes.filter((scope) => !scopes.some((other) => other !== scope && other.contains(scope)));
  const found = scopes.flatMap((scope) => markScope(scope, targets));
  showBar(query, found.length);
  if (found.length && !window.location.hash) found[0].scrollIntoView({ block: "center" });
  return found;
}
