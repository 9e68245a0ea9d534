// Loading the split index: manifest.json, term pieces and result data.
// Every file name but the manifest carries a hash of the content (of its
// group's files, for pieces and chunks), so files are cached forever and
// fetched at most once per page.

import { FILE_NAME, PAIR_SEPARATOR, ROW_FIELDS, isKey } from "./contract.js";

export class IndexLoadError extends Error {
  constructor(url, cause) {
    super(`search index unavailable: ${url}${cause ? ` (${cause.message || cause})` : ""}`);
    this.name = "IndexLoadError";
    this.url = url;
  }
}

/**
 * Default fetcher: JSON over HTTP, any failure as IndexLoadError. With a
 * `cache` (IndexCache), each file fetched is stored in it, and a file the
 * network cannot give (offline) is read from it.
 */
export async function fetchJson(url, cache = null) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    response = await cache?.match(url);
    if (!response) throw new IndexLoadError(url, error);
    cache = null; // already stored
  }
  if (!response.ok) throw new IndexLoadError(url, `HTTP ${response.status}`);
  let data;
  try {
    if (!cache) return await response.json();
    // The text, not response.clone(): a cloned body is read through a
    // stream tee, which cost a first search about 20 ms at 63k articles.
    const text = await response.text();
    data = JSON.parse(text);
    cache.keep(url, text);
  } catch (error) {
    throw new IndexLoadError(url, error);
  }
  return data;
}

function upperBound(sorted, value) {
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


const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** A piece's listed completions: prefix -> [term, ...]. */
const isCompletions = (value) => isObject(value) && Object.values(value)
  .every((terms) => Array.isArray(terms) && terms.every((t) => typeof t === "string"));

/** A piece's pair files: [[first pair, file name], ...], in the order of their first pairs. */
const isPairFiles = (value) => Array.isArray(value) && value.every((item) => Array.isArray(item)
  && item.length === 2 && typeof item[0] === "string" && FILE_NAME.test(item[1]));

// A pair key: its two terms with the separator between, which no term holds (pairs.py).
export const pairKey = (first, second) => `${first}${PAIR_SEPARATOR}${second}`;

/** A result row as the build writes it: [url, title, ISO date, category, text file]. */
export function isRow(row) {
  return Array.isArray(row) && row.length === ROW_FIELDS.length && typeof row[0] === "string"
    && typeof row[1] === "string" && /^\d{4}-\d{2}-\d{2}$/.test(row[2])
    && Number.isInteger(row[3]) && FILE_NAME.test(row[4]);
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
function decodePositions(raw, width) {
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
class Piece {
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
    return Object.prototype.hasOwnProperty.call(this.raw, entry) || this.words.has(entry);
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
 * Finds and loads pieces. The manifest holds each term piece's first entry
 * (a short separator) and the version of each group of pieces, so finding
 * a term's piece, and its file name, needs no download.
 */
export class PieceStore {
  constructor(baseUrl, manifest, fetcher = fetchJson) {
    this.base = baseUrl.replace(/\/?$/, "/");
    this.manifest = manifest;
    this.fetcher = fetcher;
    this.bounds = manifest.pieces.bounds;
    this.loaded = new Map(); // piece number -> Promise<Piece>
    this.ready = new Map(); // piece number -> Piece
    this.chunks = new Map();
    this.rows = new Map(); // document id -> result row that came with a piece
    this.positionFiles = new Map();
  }

  fetchOnce(cache, key, url, check) {
    if (!cache.has(key)) {
      const promise = this.fetcher(url).then((data) => {
        if (!check(data)) throw new IndexLoadError(url, "corrupt data");
        return data;
      });
      promise.catch(() => cache.delete(key)); // a retry fetches again
      cache.set(key, promise);
    }
    return cache.get(key);
  }

  /** File i of a group series (term pieces, result chunks): <dir>/<i>-<group version>.json. */
  groupFile(dir, { perGroup, groups }, i) {
    const g = Math.floor(i / perGroup);
    return g < groups.length ? `${this.base}${dir}/${i}-${groups[g]}.json` : null;
  }

  /** The number of the piece that holds (or would hold) entry. */
  pieceOf(entry) {
    return Math.max(0, upperBound(this.bounds, entry));
  }

  load(p) {
    if (!this.loaded.has(p)) {
      const url = this.groupFile("t", this.manifest.pieces, p);
      const data = url ? this.fetcher(url) : Promise.reject(new IndexLoadError(`piece ${p}`, "missing"));
      const promise = data.then((raw) => {
        const piece = new Piece(raw, url);
        for (const id in piece.rows) this.rows.set(Number(id), piece.rows[id]);
        this.ready.set(p, piece);
        return piece;
      });
      promise.catch(() => this.loaded.delete(p)); // a retry fetches again
      this.loaded.set(p, promise);
    }
    return this.loaded.get(p);
  }

  /** Load the pieces holding these entries, in parallel. */
  async prepare(entries) {
    await Promise.all([...new Set(entries.map((e) => this.pieceOf(e)))].map((p) => this.load(p)));
  }

  /** Synchronous lookup, valid after prepare(). */
  piece(entry) {
    return this.ready.get(this.pieceOf(entry));
  }

  /** Numbers of the pieces spanning every entry that starts with prefix, or null if too many. */
  prefixRange(prefix) {
    const first = this.pieceOf(prefix);
    const last = this.pieceOf(`${prefix}\uffff`);
    if (last - first + 1 > this.manifest.prefixMaxPieces) return null;
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }

  /**
   * The rows of chunk c: d/<c>-<its group's version>.json, named from the
   * manifest alone. The request starts at once (not after an await), so
   * that it goes out before the caller's next synchronous work (the engine
   * ranks right after asking).
   */
  chunk(c) {
    const url = this.groupFile("d", this.manifest.docs, c);
    if (!url) return Promise.reject(new IndexLoadError(`chunk ${c}`, "missing"));
    return this.fetchOnce(this.chunks, c, url,
      (d) => Array.isArray(d?.docs) && d.docs.length <= this.manifest.docs.perChunk
        && d.docs.every(isRow))
      .then((d) => d.docs);
  }

  /**
   * Where a term stands: field -> document id -> its positions (starts; a
   * variant key's as [start, end] pairs, flat), or null when the index
   * keeps none for it (the commonest words). Valid after prepare([term]).
   */
  async positions(term) {
    const found = this.piece(term)?.postings(term);
    if (!found) return null;
    const file = found instanceof CommonPosting ? found.positionsFile : this.piece(term).positionsFile;
    if (!file) return null;
    return (await this.readPositions(file, term, isKey(term) ? 2 : 1)) || null;
  }

  /**
   * One entry of a positions file, fetched once: decoded positions, 0 (a
   * pair too common to have kept them), or undefined where the file lacks it.
   */
  async readPositions(file, entry, width) {
    const url = `${this.base}p/${file}.json`;
    const data = await this.fetchOnce(this.positionFiles, file, url, isObject);
    if (!Object.prototype.hasOwnProperty.call(data, entry)) return undefined;
    if (data[entry] === 0) return 0;
    try {
      return decodePositions(data[entry], width);
    } catch (error) {
      throw new IndexLoadError(url, `corrupt positions of ${entry}: ${error.message}`);
    }
  }

  /** Does this very common word keep pairs with its neighbours? Valid after prepare([term]). */
  keepsPairs(term) {
    const found = this.piece(term)?.postings(term);
    return found instanceof CommonPosting && found.pairs;
  }

  /**
   * Where the pair `first second` stands (first ends where second begins):
   * field -> document id -> the starts of first; an empty Map where the
   * pair never occurs; null where it is too common to have kept positions.
   * Only pairs with a word that keepsPairs are in the index.
   */
  async pairPositions(first, second) {
    const key = pairKey(first, second);
    await this.prepare([key]);
    const files = this.piece(key).pairFiles;
    const i = upperBound(files.map(([first]) => first), key);
    const found = i < 0 ? undefined : await this.readPositions(files[i][1], key, 1);
    return found === 0 ? null : found ?? new Map();
  }

  /** Result data for one document: {id, url, title, date, category, textFile}. */
  async doc(id) {
    const per = this.manifest.docs.perChunk;
    const row = this.rows.get(id) || (await this.chunk(Math.floor(id / per)))[id % per];
    if (!row) throw new IndexLoadError(`doc ${id}`, "missing");
    const field = Object.fromEntries(ROW_FIELDS.map((name, i) => [name, row[i]]));
    return { id, url: field.url, title: field.title, date: field.date,
      category: this.manifest.categories[field.category], textFile: field.text };
  }

  async text(doc) {
    const data = await this.fetcher(`${this.base}x/${doc.textFile}.json`);
    return typeof data?.text === "string" ? data.text : "";
  }
}
