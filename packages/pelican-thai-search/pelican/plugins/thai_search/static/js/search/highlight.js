// Snippets: a window of the article text around the first match, split into
// plain and matched parts. Rendering (as text nodes, never HTML) is the
// page's job, so nothing from an article or a query can become markup.

import { DIGITS, DIGIT_ZERO } from "./thai-chars.js";

const THAI_DIGIT = new RegExp(`[${DIGITS}]`, "g");

const arabic = (d) => String(d.charCodeAt(0) - DIGIT_ZERO.charCodeAt(0));

/** Lower case and Arabic digits, one output character per input character. */
function searchView(text) {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) {
    // A few letters lower-case to more code units (İ): keep those as they are.
    lower = "";
    for (const ch of text) {
      const mapped = ch.toLowerCase();
      lower += mapped.length === ch.length ? mapped : ch;
    }
  }
  return lower.replace(THAI_DIGIT, arabic);
}

/**
 * [{text, match}] covering a window of about `width` characters around the
 * first occurrence of any needle; the whole start of the text if none.
 */
export function snippet(text, needles, width = 160) {
  const view = searchView(text);
  const words = [...new Set(needles.filter((n) => n && n.length > 0))]
    .sort((a, b) => b.length - a.length);
  let first = -1;
  for (const w of words) {
    const at = view.indexOf(w);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  if (start > 0) {
    const space = text.lastIndexOf(" ", start);
    if (space > start - 30) start = space + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.indexOf(" ", end);
    if (space >= 0 && space < end + 30) end = space;
  }
  const parts = [];
  let i = start;
  while (i < end) {
    let hit = null;
    for (const w of words) {
      if (view.startsWith(w, i)) { hit = w; break; }
    }
    if (hit) {
      parts.push({ text: text.slice(i, i + hit.length), match: true });
      i += hit.length;
    } else {
      const last = parts[parts.length - 1];
      if (last && !last.match) last.text += text[i];
      else parts.push({ text: text[i], match: false });
      i += 1;
    }
  }
  if (start > 0) parts.unshift({ text: "… ", match: false });
  if (end < text.length) parts.push({ text: " …", match: false });
  return parts;
}
