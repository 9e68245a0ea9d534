// Which language a piece of text is in, for lang="en" on English titles and
// snippets the browser renders (WCAG 3.1.2). Mirrors classify() in
// plugins/thai_lang/latin.py; tests/vectors/lang.json keeps them in step.

import { SPELLING } from "./thai-chars.js";

const LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f";
const LATIN = new RegExp(`[${LATIN_LETTERS}]`, "g");
const ANY_LATIN = new RegExp(`[${LATIN_LETTERS}]`);
const THAI = new RegExp(`[${SPELLING}]`, "g");
const ANY_THAI = new RegExp(`[${SPELLING}]`);

/** "en" when more than latinShare of the letters are Latin, "th" when there
 * are Thai letters otherwise, null when there are no letters to decide by. */
export function classify(text, latinShare = 0.5, minLetters = 2) {
  const value = String(text);
  // Most titles on a Thai site: no Latin letter, never English, and no
  // letter to count (each count is an array of every match), as latin.py.
  if (!ANY_LATIN.test(value)) return ANY_THAI.test(value) ? "th" : null;
  const latin = (value.match(LATIN) || []).length;
  const thai = (value.match(THAI) || []).length;
  if (latin >= minLetters && latin / (latin + thai) > latinShare) return "en";
  return thai ? "th" : null;
}

/** Attributes for el(): {lang: "en"} for English text, else none (the page is Thai). */
export function langAttrs(text) {
  return classify(text) === "en" ? { lang: "en" } : {};
}
