// Loading the split index: manifest.json, term pieces and result data.
// Every file name but the manifest carries a content hash, so pieces are
// cached forever and fetched at most once per page.

export class IndexLoadError extends Error {
  constructor(url, cause) {
    super(`search index unavailable: ${url}${cause ? ` (${cause.message || cause})` : ""}`);
    this.name = "IndexLoadError";
    this.url = url;
  }
}

/** Default fetcher: JSON over HTTP, any failure as IndexLoadError. */
export async function fetchJson(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new IndexLoadError(url, error);
  }
  if (!response.ok) throw new IndexLoadError(url, `HTTP ${response.status}`);
  try {
    return await response.json();
  } catch (error) {
    throw new IndexLoadError(url, error);
  }
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

/** A very common term: the set of its documents and one typical weight. */
export class CommonPosting {
  constructor({ c, n, f, w }) {
    const binary = atob(c);
    this.bits = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) this.bits[i] = binary.charCodeAt(i);
    this.count = n;
    this.field = f;
    this.weight = w / 1000;
  }

  has(id) {
    return (this.bits[id >> 3] & (1 << (id & 7))) !== 0;
  }
}

/** One decoded term piece: terms with postings, and known words without. */
class Piece {
  constructor(data, url) {
    if (!data || typeof data.terms !== "object" || !Array.isArray(data.words)) {
      throw new IndexLoadError(url, "corrupt piece");
    }
    this.raw = data.terms;
    this.words = new Set(data.words);
    this.keys = Object.keys(data.terms).sort();
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
      out = Array.isArray(raw) ? raw.map(([field, deltas, weights]) => {
        const ids = new Array(deltas.length);
        let id = 0;
        for (let i = 0; i < deltas.length; i++) ids[i] = id += deltas[i];
        return { field, ids, weights: weights.map((w) => w / 1000) };
      }) : new CommonPosting(raw);
      this.decoded.set(term, out);
    }
    return out;
  }

  termsWithPrefix(prefix) {
    return this.keys.filter((k) => k.startsWith(prefix));
  }
}

export class PieceStore {
  constructor(baseUrl, manifest, fetcher = fetchJson) {
    this.base = baseUrl.replace(/\/?$/, "/");
    this.manifest = manifest;
    this.fetcher = fetcher;
    this.bounds = manifest.pieces.bounds;
    this.files = manifest.pieces.files;
    this.loaded = new Map(); // piece number -> Promise<Piece>
    this.ready = new Map(); // piece number -> Piece
    this.chunks = new Map();
  }

  pieceOf(entry) {
    return Math.max(0, upperBound(this.bounds, entry));
  }

  load(k) {
    if (!this.loaded.has(k)) {
      const url = `${this.base}t/${this.files[k]}.json`;
      const promise = this.fetcher(url).then((data) => {
        const piece = new Piece(data, url);
        this.ready.set(k, piece);
        return piece;
      });
      promise.catch(() => this.loaded.delete(k)); // a retry fetches again
      this.loaded.set(k, promise);
    }
    return this.loaded.get(k);
  }

  /** Load the pieces holding these entries, in parallel. */
  async prepare(entries) {
    const wanted = new Set(entries.map((e) => this.pieceOf(e)));
    await Promise.all([...wanted].map((k) => this.load(k)));
  }

  /** Synchronous lookups, valid after prepare(). */
  piece(entry) {
    return this.ready.get(this.pieceOf(entry));
  }

  /** Pieces spanning every entry that starts with prefix, or null if too many. */
  prefixRange(prefix) {
    const first = this.pieceOf(prefix);
    const last = this.pieceOf(prefix + "\uffff");
    return last - first + 1 > this.manifest.prefixMaxPieces ? null : [first, last];
  }

  async chunk(c) {
    if (!this.chunks.has(c)) {
      const url = `${this.base}d/${this.manifest.docs.chunks[c]}.json`;
      const promise = this.fetcher(url).then((data) => {
        if (!data || !Array.isArray(data.docs)) throw new IndexLoadError(url, "corrupt data");
        return data.docs;
      });
      promise.catch(() => this.chunks.delete(c));
      this.chunks.set(c, promise);
    }
    return this.chunks.get(c);
  }

  /** Result data for one document: {id, url, title, date, category, textFile}. */
  async doc(id) {
    const per = this.manifest.docs.perChunk;
    const rows = await this.chunk(Math.floor(id / per));
    const row = rows[id % per];
    if (!row) throw new IndexLoadError(`doc ${id}`, "missing");
    const [url, title, date, category, textFile] = row;
    return { id, url, title, date, category: this.manifest.categories[category], textFile };
  }

  async text(doc) {
    const data = await this.fetcher(`${this.base}x/${doc.textFile}.json`);
    return typeof data?.text === "string" ? data.text : "";
  }
}
