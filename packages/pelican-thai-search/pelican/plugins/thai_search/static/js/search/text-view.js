// A text as the search reads it (text.js's normalize: NFC, zero-width
// characters removed, sara am recomposed, Thai digits, lower case, one
// space), with where each of its characters came from in the text as
// written: words found in the view are marked in the page's own text
// (article-marks.js). The steps are text.js's own, applied in its order.

import { CLEAN_STEPS, SPACE_STEPS, normalize } from "./text.js";

// A character and the combining marks after it: NFC and lower case change
// nothing across such clusters in Thai, Latin and digits.
const CLUSTER = /[^\p{M}]\p{M}*|\p{M}+/gsu;

/** Replace every match of pattern in chars ([{c, from, to}]): a replacement spans its match. */
function replaceMapped(chars, pattern, replacement) {
  const text = chars.map((ch) => ch.c).join("");
  const single = new RegExp(pattern.source, pattern.flags.replace("g", ""));
  const out = [];
  let done = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) continue;
    out.push(...chars.slice(done, start));
    const spanFrom = Math.min(...chars.slice(start, end).map((ch) => ch.from));
    const spanTo = Math.max(...chars.slice(start, end).map((ch) => ch.to));
    const replaced = match[0].replace(single, replacement);
    for (let i = 0; i < replaced.length; i++) out.push({ c: replaced[i], from: spanFrom, to: spanTo });
    done = end;
  }
  out.push(...chars.slice(done));
  return out;
}

/**
 * Each UTF-16 code unit of units ([{c, from, to}] whose c may be longer) on
 * its own, with its unit's span: view positions are string indices.
 */
function split(units) {
  const out = [];
  for (const { c, from, to } of units) for (let i = 0; i < c.length; i++) out.push({ c: c[i], from, to });
  return out;
}

/**
 * The view of a text: {text: normalize(text), from, to}, where view
 * character i came from text[from[i]..to[i]). Null in the rare text whose
 * normalization cannot be cut so (a composition across clusters): such a
 * text is not marked, rather than marked in the wrong place.
 */
export function textView(raw) {
  const text = String(raw);
  let chars = [];
  for (const m of text.matchAll(CLUSTER)) {
    chars.push({ c: m[0].normalize("NFC"), from: m.index, to: m.index + m[0].length });
  }
  chars = split(chars);
  for (const [pattern, replacement] of CLEAN_STEPS) chars = replaceMapped(chars, pattern, replacement);
  chars = split(chars.map((ch) => ({ ...ch, c: ch.c.toLowerCase() })));
  for (const [pattern, replacement] of SPACE_STEPS) chars = replaceMapped(chars, pattern, replacement);
  const view = chars.map((ch) => ch.c).join("");
  if (view !== normalize(text)) return null;
  return { text: view, from: chars.map((ch) => ch.from), to: chars.map((ch) => ch.to) };
}
