// Text pipeline shared with the index builder (the plugin's
// normalize.py, tokens.py, variants.py): the same steps and the same regular
// expressions. tests/vectors/text_pipeline.json is checked by both sides.

import {
  COMBINING, DIGIT_ZERO, DIGITS, LEADING_VOWELS, NIKHAHIT, PAIYANNOI, SARA_AA, SARA_AM, TONE_MARKS,
  WORD,
} from "./thai-chars.js";

const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/g;
const DECOMPOSED_SARA_AM = new RegExp(`([${TONE_MARKS}]?)${NIKHAHIT}([${TONE_MARKS}]?)${SARA_AA}`, "g");
const THAI_DIGIT = new RegExp(`[${DIGITS}]`, "g");
// Spelled out: JavaScript's and Python's \s differ.
const WHITESPACE =
  /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

// normalize()'s steps as [pattern, replacement]: CLEAN after NFC, SPACES
// after lower case. text-view.js applies the very same ones to an article's
// text, keeping where each character came from.
export const CLEAN_STEPS = Object.freeze([
  [ZERO_WIDTH, ""],
  [DECOMPOSED_SARA_AM, `$1$2${SARA_AM}`],
  [THAI_DIGIT, (d) => String(d.charCodeAt(0) - DIGIT_ZERO.charCodeAt(0))],
]);
export const SPACE_STEPS = Object.freeze([[WHITESPACE, " "], [/^ | $/g, ""]]);

/** NFC, zero-width removed, sara am recomposed, Thai digits, lower case, spaces. */
export function normalize(text) {
  let out = String(text).normalize("NFC");
  for (const [pattern, replacement] of CLEAN_STEPS) out = out.replace(pattern, replacement);
  out = out.toLowerCase();
  for (const [pattern, replacement] of SPACE_STEPS) out = out.replace(pattern, replacement);
  return out;
}

const THAI_CHARS = WORD;
const THAI_RUN = `[${THAI_CHARS}]+(?:\\.[${THAI_CHARS}]+)*\\.?`;
export const WORD_CHARS = "a-z0-9\u00df-\u00f6\u00f8-\u024f";
const LATIN_WORD = `[${WORD_CHARS}]+(?:[-.@_/][${WORD_CHARS}]+)*@?`;
const PIECE = new RegExp(`(${THAI_RUN})|(${LATIN_WORD})`, "g");
const CONNECTOR = /[-.@_/]/;
const ABBREVIATION_MARKS = new RegExp(`[.${PAIYANNOI}]`, "g");

/** [["thai" | "latin", text], ...] in order; everything else separates. */
export function pieces(normalized) {
  const out = [];
  for (const m of normalized.matchAll(PIECE)) {
    out.push(m[1] !== undefined ? ["thai", m[1]] : ["latin", m[2]]);
  }
  return out;
}

/** The index spelling of a Thai word: abbreviation marks removed. */
export function thaiTerm(word) {
  return word.replace(ABBREVIATION_MARKS, "");
}

/** Where abbreviation marks stood in thaiTerm(word): อ.กระบุรี -> {1}. */
export function markCuts(word) {
  const cuts = new Set();
  let at = 0;
  for (const part of word.split(ABBREVIATION_MARKS)) {
    at += part.length;
    cuts.add(at);
  }
  cuts.delete(at); // the end of the word is no cut inside it
  return cuts;
}

const ABBREVIATION_MARK = new RegExp(`^[.${PAIYANNOI}]$`);

/**
 * For a Thai piece as typed, spelled(i, j): the ways characters i..j of
 * thaiTerm(word) stand in it, with the marks inside them, and none, some
 * or all of the marks typed right before and right after them, all of them
 * first: for ก.อุตฯ, spelled(0, 4) is [ก.อุตฯ, ก.อุต]; for พณ.ฯ, spelled(0, 2)
 * is [พณ.ฯ, พณ., พณ], as newmm may cut พณ. ฯ at build time (variants.py's
 * forms that need their marks are words only as written).
 */
export function spelling(word) {
  const at = []; // at[i]: where thaiTerm(word)[i] stands in word
  for (let k = 0; k < word.length; k++) if (!ABBREVIATION_MARK.test(word[k])) at.push(k);
  return (i, j) => {
    const before = i === 0 ? 0 : at[i - 1] + 1; // where the marks before character i begin
    const after = j < at.length ? at[j] : word.length; // where those after character j - 1 end
    const out = [];
    for (let a = before; a <= at[i]; a++) {
      for (let b = after; b > at[j - 1]; b--) out.push(word.slice(a, b));
    }
    return out;
  };
}

/** A Latin/digit word and, when joined, its parts: covid-19, covid, 19;
 *  a handle before an @ keeps its @ too (line@thaigov -> line@). */
export function latinTerms(word) {
  const terms = [word];
  const bare = word.replace(/@+$/, "");
  if (bare !== word) terms.push(bare);
  if (bare.includes("@")) terms.push(bare.slice(0, bare.indexOf("@") + 1));
  const parts = bare.split(CONNECTOR).filter(Boolean);
  if (parts.length > 1) terms.push(...parts);
  return [...new Set(terms)];
}

function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** The phrase-variant alternation, built exactly as variants.phrase_regex. */
export function phraseRegex(phrases) {
  const edge = `[${WORD_CHARS}]`;
  const edgeTest = new RegExp(`^${edge}$`);
  const sorted = [...phrases].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const parts = sorted.map((phrase) => {
    let body = escapeRegex(phrase);
    if (edgeTest.test(phrase[0])) body = `(?<!${edge})${body}`;
    if (edgeTest.test(phrase[phrase.length - 1])) body = `${body}(?!${edge})`;
    return body;
  });
  return parts.length ? new RegExp(parts.join("|"), "g") : null;
}

// Thai characters that cannot start a word (they attach to the letter before).
const COMBINING_START = new RegExp(`^[${COMBINING}]`);
// ...and leading vowels, which cannot end one.
const LEADING_VOWEL = new RegExp(`[${LEADING_VOWELS}]$`);

/** Could a word boundary fall between text[0..i) and text[i..)? */
export function isBoundary(text, i) {
  if (i <= 0 || i >= text.length) return true;
  return !COMBINING_START.test(text.slice(i)) && !LEADING_VOWEL.test(text.slice(0, i));
}

// Hostile or broken queries: a query is searched only after prepareQuery.
// Longer queries cost time that grows with the square of the length (every
// way to split a Thai run is tried), and no headline needs more.
export const MAX_QUERY_CHARS = 200;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A typed or linked query made safe to search: well-formed UTF-16 (a lone
 * surrogate becomes U+FFFD) and at most `max` code units, cut at a space
 * when one is near and never inside a surrogate pair.
 * @returns {{query: string, truncated: boolean}}
 */
export function prepareQuery(raw, max = MAX_QUERY_CHARS) {
  const text = String(raw ?? "").replace(LONE_SURROGATE, "\ufffd");
  if (text.length <= max) return { query: text, truncated: false };
  let cut = max;
  const code = text.charCodeAt(cut);
  if (code >= 0xdc00 && code <= 0xdfff) cut -= 1;
  const space = text.lastIndexOf(" ", cut);
  if (space > max / 2) cut = space;
  return { query: text.slice(0, cut), truncated: true };
}

/** Does a query hold a word to search for (Thai, Latin letters or digits)? */
export function isSearchable(query) {
  return pieces(normalize(query)).length > 0;
}

/** A lookup table from JSON without the Object prototype ("constructor" is no key). */
export function ownTable(object) {
  return Object.assign(Object.create(null), object);
}
