// Where a query's words stand in a text, for marking them on the article a
// search result led to (article-marks.js). The query is read as the search
// reads it (text.js, query-parser.js's quotes): a Thai run typed without
// spaces is one target, marked only where its words stand together (one
// space between them counts as together); words typed apart are each a
// target; a quoted phrase is one. Letters, vowels and tone marks must all
// agree: ข่าว never marks ขาว, nor the start of a cluster its marks belong
// to. Abbreviation marks inside a word are skipped as the index skips them
// (ธ.ก.ส. is ธกส), but a final dot must agree (อก. is not อก). Pure: works
// on normalized text (text-view.js).

import { quoteSegments } from "./query-parser.js";
import { PAIYANNOI } from "./thai-chars.js";
import {
  WORD_CHARS, isBoundary, normalize, pieces, prepareQuery, thaiTerm,
} from "./text.js";

const MARK = new RegExp(`^[.${PAIYANNOI}]$`);
const LATIN_EDGE = new RegExp(`^[${WORD_CHARS}]$`);

/**
 * One piece of a target: its letters, whether Thai, whether the typed form
 * ends with a dot or has marks inside, and where a space may stand inside
 * it (isBoundary).
 */
function part(kind, text) {
  const thai = kind === "thai";
  const letters = thai ? thaiTerm(text) : text;
  const spaces = new Set();
  if (thai) for (let i = 1; i < letters.length; i++) if (isBoundary(letters, i)) spaces.add(i);
  const dot = thai && text.endsWith(".");
  const inner = thai && thaiTerm(text.slice(0, -1)) !== text.slice(0, -1);
  return { thai, letters, dot, inner, spaces };
}

/**
 * The targets of a query (as typed or linked, made safe by prepareQuery):
 * [{parts}]. Each ends where a word can end: an unfinished last word, which
 * the search completes from the index's words, is marked where it stands
 * whole (ราคายางพ in ราคายางพารา: a Thai word may end there), not inside a
 * cluster (ข่ of ข่าว) or a Latin word (covi of covid): the article page
 * has no index to tell the words it completes to.
 */
export function markTargets(raw) {
  const normalized = normalize(prepareQuery(raw).query);
  const segments = quoteSegments(normalized);
  const targets = [];
  segments.forEach((segment) => {
    const found = pieces(segment.text).map(([kind, text]) => part(kind, text))
      .filter((p) => p.letters);
    if (segment.quoted) {
      if (found.length) targets.push({ parts: found });
    } else {
      for (const p of found) targets.push({ parts: [p] });
    }
  });
  return targets;
}

/**
 * Match part p at text[i..]: the end, or -1. Abbreviation marks inside are
 * skipped (ธ.ก.ส. is ธกส, ก.อุตฯ is กอุต), and a final ฯ (กรุงเทพฯ). A final
 * dot is loose only for an abbreviation with marks inside, typed or
 * written: alone it tells a form from a word (อก. is not อก).
 */
function matchPart(text, i, p) {
  let at = i;
  let skipped = false;
  for (let k = 0; k < p.letters.length; k++) {
    if (k > 0 && p.thai) {
      if (MARK.test(text[at] ?? "") && text[at + 1] !== " ") {
        at += 1;
        skipped = true;
      }
      if (text[at] === " " && p.spaces.has(k)) at += 1;
    }
    if (text[at] !== p.letters[k]) return -1;
    at += 1;
  }
  if (!p.thai) return at;
  if (text[at] === PAIYANNOI) at += 1;
  const loose = skipped || p.inner;
  if (text[at] === ".") return p.dot || loose ? at + 1 : -1;
  return p.dot && !loose ? -1 : at;
}

/** Could a word start at i and end at j? Thai by cluster (isBoundary), Latin by letters around. */
function edges(text, i, j, first, last) {
  if (first.thai) {
    if (!isBoundary(text, i) || MARK.test(text[i - 1] ?? "")) return false;
  } else if (LATIN_EDGE.test(text[i - 1] ?? "")) {
    return false;
  }
  return last.thai ? isBoundary(text, j) : !LATIN_EDGE.test(text[j] ?? "");
}

/** Match a whole target at text[i..]: the end, or -1. Its parts may stand one space apart. */
function matchTarget(text, i, { parts }) {
  let at = i;
  for (const [k, p] of parts.entries()) {
    if (k > 0 && text[at] === " ") at += 1;
    at = matchPart(text, at, p);
    if (at < 0) return -1;
  }
  return edges(text, i, at, parts[0], parts.at(-1)) ? at : -1;
}

/**
 * Where the targets stand in a normalized text: [[start, end], ...] in
 * order, never overlapping (the longest match wins at a position).
 */
export function findMarks(text, targets) {
  const out = [];
  const firsts = new Set(targets.map((t) => t.parts[0].letters[0]));
  let i = 0;
  while (i < text.length) {
    let end = -1;
    if (firsts.has(text[i])) {
      for (const target of targets) end = Math.max(end, matchTarget(text, i, target));
    }
    if (end > i) {
      out.push([i, end]);
      i = end;
    } else {
      i += 1;
    }
  }
  return out;
}
