// The index files as the build writes them (index_writer.py, positions.py,
// pairs.py), decoded and checked: a term piece, the postings of a very
// common term, positions and result rows. Nothing here fetches.

import { FILE_NAME, PAIR_SEPARATOR, ROW_FIELDS, isKey } from "./contract.js";
import { IndexLoadError } from "./fetching.js";

export function upperBound(sorted, value) {
  // index of the last element <= value, or -1
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

// The manifest's piece bounds are front coded (index_files.py code_bounds):
// one character, BOUND_SHARED plus the UTF-16 units shared with the bound
// before, then the rest.
const BOUND_SHARED = 0x30;

/** The sorted piece bounds from the manifest's codedBounds; null if malformed. */
export function decodeBounds(coded) {
  if (!Array.isArray(coded)) return null;
  const bounds = [];
  let before = "";
  for (const item of coded) {
    const shared = typeof item === "string" && item ? item.charCodeAt(0) - BOUND_SHARED : -1;
    if (shared < 0 || shared > before.length) return null;
    before = before.slice(0, shared) + item.slice(1);
    bounds.push(before);
  }
  return bounds;
}

export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** A piece's listed completions: prefix -> [term, ...]. */
const isCompletions = (value) => isObject(value) && Object.values(value)
  .every((terms) => Array.isArray(terms) && terms.every((t) => typeof t === "string"));

/** A piece's pair files: [[first pair, file name], ...], in the order of their first pairs. */
const isPairFiles = (value) => Array.isArray(value) && value.every((item) => Array.isArray(item)
  && item.length === 2 && typeof item[0] === "string" && FILE_NAME.test(item[1]));

// A pair key: its two terms with the separator between, which no term holds (pairs.py).
export const pairKey = (first, second) => `${first}${PAIR_SEPARATOR}${second}`;

// A pair with a variant key keeps [start, end] spans, as a key does (pairs.is_key_pair).
export const pairSpans = (first, second) => isKey(first) || isKey(second);

/** A result row as the build writes it: [url, title, ISO date, category, text file]. */
export function isRow(row) {
  return Array.isArray(row) && row.length === ROW_FIELDS.length && typeof row[0] === "string"
    && typeof row[1] === "string" && /^\d{4}-\d{2}-\d{2}$/.test(row[2])
    && Number.isInteger(row[3]) && FILE_NAME.test(row[4]);
}

/** A month of the month table: ["2024-03", first id, last id]. */
export function isMonthSpan(span) {
  return Array.isArray(span) && span.length === 3 && /^\d{4}-\d{2}$/.test(span[0])
    && Number.isInteger(span[1]) && Number.isInteger(span[2]) && span[1] <= span[2];
}

/** Delta-coded field postings as [{field, ids, weights}] (lunr weights). */
function decodePostings(raw) {
  if (!Array.isArray(raw)) throw new TypeError("postings");
  return raw.map(([field, deltas, weights]) => {
    if (!Number.isInteger(field) || !Array.isArray(deltas) || !Array.isArray(weights)
        || deltas.length !== weights.length) throw new TypeError("postings");
    const ids = new Array(deltas.length);
    let id = 0;
    for (let i = 0; i < deltas.length; i++) ids[i] = id += deltas[i];
    return { field, ids, weights: weights.map((w) => w / 1000) };
  });
}

/**
 * A term's positions as written by positions.py: [[field, doc id deltas,
 * tfs, positions], ...] -> Map(field -> Map(doc id -> positions)), `width`
 * numbers an occurrence.
 */
export function decodePositions(raw, width) {
  if (!Array.isArray(raw)) throw new TypeError("positions");
  const out = new Map();
  for (const entry of raw) {
    const [field, deltas, tfs, flat] = Array.isArray(entry) ? entry : [];
    if (!Number.isInteger(field) || !Array.isArray(deltas) || !Array.isArray(tfs)
        || !Array.isArray(flat) || deltas.length !== tfs.length) throw new TypeError("positions");
    const docs = new Map();
    let id = 0;
    let at = 0;
    for (let i = 0; i < deltas.length; i++) {
      id += deltas[i];
      const next = at + tfs[i] * width;
      if (!(next <= flat.length)) throw new TypeError("positions");
      docs.set(id, flat.slice(at, next));
      at = next;
    }
    out.set(field, docs);
  }
  return out;
}

/**
 * A very common term: the set of its documents, the exact postings of its
 * best documents (where it weighs most), and one typical weight for the rest.
 */
export class CommonPosting {
  constructor({ c, n, f, w, b = [], p = null, a = 0 }) {
    if (typeof c !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(c) || !Number.isInteger(f)
        || (p !== null && !FILE_NAME.test(p))) {
      throw new TypeError("bitmap");
    }
    this.positionsFile = p; // its own file of positions, or none (the commonest words)
    // Without positions of its own: are its pairs with its neighbours kept? (pairs.py)
    this.pairs = a === 1;
    this.encoded = c;
    this.count = n;
    this.field = f;
    this.weight = w / 1000;
    this.best = decodePostings(b);
    this.exact = null; // id -> [[field, weight], ...], built on first use
  }

  /** A document's weights as [[field, weight], ...]: exact for the best, else the typical one. */
  weights(id) {
    if (!this.exact) {
      this.exact = new Map();
      for (const { field, ids, weights } of this.best) {
        ids.forEach((doc, i) => {
          if (!this.exact.has(doc)) this.exact.set(doc, []);
          this.exact.get(doc).push([field, weights[i]]);
        });
      }
    }
    return this.exact.get(id) || [[this.field, this.weight]];
  }

  /** The bitmap, decoded on first use: the query parser only asks whether a word is a term. */
  get bits() {
    if (!this.decoded) {
      const binary = atob(this.encoded);
      this.decoded = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) this.decoded[i] = binary.charCodeAt(i);
    }
    return this.decoded;
  }

  has(id) {
    return ((this.decoded || this.bits)[id >> 3] & (1 << (id & 7))) !== 0;
  }
}

/** One decoded term piece: terms with postings, and known words without. */
export class Piece {
  constructor(data, url) {
    const rows = data?.rows ?? {};
    if (!isObject(data?.terms) || !Array.isArray(data.words) || !isObject(rows)
        || !Object.entries(rows).every(([id, row]) => /^\d+$/.test(id) && isRow(row))
        || (data.p !== undefined && !FILE_NAME.test(data.p))
        || (data.c !== undefined && !isCompletions(data.c))
        || (data.q !== undefined && !isPairFiles(data.q))) {
      throw new IndexLoadError(url, "corrupt piece");
    }
    // The positions of this piece's listed terms (word order), fetched only when needed.
    this.positionsFile = data.p ?? null;
    this.url = url;
    this.raw = data.terms;
    this.words = new Set(data.words);
    // Result rows of the first page of the one-word query of each frequent term here.
    this.rows = rows;
    this.sortedKeys = null; // for prefix queries only, sorted on first use
    // The commonest completions of the prefixes too wide to expand that
    // would stand here: prefix -> terms (completions.py).
    this.completions = data.c ?? {};
    // The files of the pairs that sort here: [[first pair, file], ...].
    this.pairFiles = data.q ?? [];
    this.decoded = new Map();
  }

  has(entry) {
    return this.isTerm(entry) || this.words.has(entry);
  }

  isTerm(entry) {
    return Object.prototype.hasOwnProperty.call(this.raw, entry);
  }

  /**
   * A term's postings, or null: [{field, ids, weights}] (lunr weights), or
   * for a very common term a CommonPosting (bitmap of documents).
   */
  postings(term) {
    if (!Object.prototype.hasOwnProperty.call(this.raw, term)) return null;
    let out = this.decoded.get(term);
    if (!out) {
      const raw = this.raw[term];
      try {
        out = Array.isArray(raw) ? decodePostings(raw) : new CommonPosting(raw);
      } catch (error) {
        throw new IndexLoadError(this.url, `corrupt posting of ${term}: ${error.message}`);
      }
      this.decoded.set(term, out);
    }
    return out;
  }

  /** The listed completions of a wide prefix, or null. */
  listedCompletions(prefix) {
    return Object.prototype.hasOwnProperty.call(this.completions, prefix)
      ? this.completions[prefix] : null;
  }

  termsWithPrefix(prefix) {
    this.sortedKeys ||= Object.keys(this.raw).sort();
    return this.sortedKeys.filter((k) => k.startsWith(prefix));
  }
}

/**
 * A term piece's entries without their postings (w/<p>-<version>.json):
 * what the query parser asks of a piece it only explores. Answers as the
 * piece itself would (has, isTerm, termsWithPrefix).
 */
export class WordList {
  static check(data) {
    const strings = (list) => Array.isArray(list) && list.every((w) => typeof w === "string");
    return strings(data?.terms) && strings(data?.words);
  }

  /** data: as WordList.check() accepts it. */
  constructor(data) {
    this.terms = new Set(data.terms);
    this.sortedTerms = data.terms; // sorted by the build
    this.words = new Set(data.words);
  }

  has(entry) {
    return this.terms.has(entry) || this.words.has(entry);
  }

  isTerm(entry) {
    return this.terms.has(entry);
  }

  termsWithPrefix(prefix) {
    return this.sortedTerms.filter((t) => t.startsWith(prefix));
  }
}
