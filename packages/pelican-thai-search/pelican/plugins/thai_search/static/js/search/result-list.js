// One search result as the page shows it: the title linking to the article
// (carrying the query, for the marks on the article: article-marks.js),
// date and category, and a snippet with the query's words marked. Every
// string becomes text (dom.js), never markup.

import { isKey } from "./contract.js";
import { el } from "./dom.js";
import { snippet } from "./highlight.js";
import { langAttrs } from "./lang.js";
import { HIGHLIGHT_PARAM } from "./search-url.js";
import { shortThaiDate } from "./thai-format.js";

/** The article's URL with the query: <site>/<url>?highlight=<query>. */
export function articleHref(site, url, query) {
  const q = String(query ?? "").trim();
  return q ? `${site}/${url}?${new URLSearchParams({ [HIGHLIGHT_PARAM]: q })}` : `${site}/${url}`;
}

/** The strings to mark in titles and snippets: each token's term, or every form of a variant key. */
export function needles(tokens, { terms, phrases, marked = {} }) {
  const out = [];
  const forms = [...Object.entries(terms), ...Object.entries(phrases), ...Object.entries(marked)];
  for (const token of tokens) {
    if (isKey(token.term)) {
      for (const [form, key] of forms) if (key === token.term) out.push(form);
    } else {
      out.push(token.term);
    }
  }
  return out;
}

function appendParts(node, parts) {
  for (const part of parts) node.append(part.match ? el("mark", {}, part.text) : part.text);
}

/** li.result for a document: {url, title, date, category}. */
export function resultItem(doc, { site, query, marks, calendar }) {
  const title = el("a", { href: articleHref(site, doc.url, query), ...langAttrs(doc.title) });
  appendParts(title, snippet(doc.title, marks, 1000));
  return el("li", { class: "result" },
    el("h2", { class: "result-title" }, title),
    el("p", { class: "result-meta" },
      el("time", { datetime: doc.date }, shortThaiDate(doc.date, calendar)), " · ",
      el("span", langAttrs(doc.category), doc.category)),
    el("p", { class: "result-snippet" }));
}

/** Fill a result's snippet from the article's text, once it has come. */
export function fillSnippet(item, text, marks) {
  const excerpt = item.querySelector(".result-snippet");
  const parts = snippet(text, marks);
  if (langAttrs(parts.map((part) => part.text).join("")).lang) excerpt.lang = "en";
  appendParts(excerpt, parts);
}
