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
    this.sortedKeys = null; // for prefix queries only, sorted on first use
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
    this.sortedKeys ||= Object.keys(this.raw).sort();
    return this.sortedKeys.filter((k) => k.startsWith(prefix));
  }
}

/**
 * Finds and loads pieces. The manifest lists groups of pieces (the first
 * entry of each group and the file that lists the group's pieces), so its
 * size grows with the archive only by one line per group.
 */
export class PieceStore {
  constructor(baseUrl, manifest, fetcher = fetchJson) {
    this.base = baseUrl.replace(/\/?$/, "/");
    this.manifest = manifest;
    this.fetcher = fetcher;
    this.groupBounds = manifest.pieces.groups.map(([bound]) => bound);
    this.groupFiles = manifest.pieces.groups.map(([, file]) => file);
    this.dirs = new Map(); // group -> Promise<{bounds, files}>
    this.readyDirs = new Map(); // group -> {bounds, files}
    this.loaded = new Map(); // "group/piece" -> Promise<Piece>
    this.ready = new Map(); // "group/piece" -> Piece
    this.chunks = new Map();
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

  dir(g) {
    return this.fetchOnce(this.dirs, g, `${this.base}t/${this.groupFiles[g]}.json`,
      (d) => Array.isArray(d?.bounds) && Array.isArray(d?.files)
        && d.bounds.length === d.files.length && d.bounds.length > 0)
      .then((d) => { this.readyDirs.set(g, d); return d; });
  }

  groupOf(entry) {
    return Math.max(0, upperBound(this.groupBounds, entry));
  }

  /** The key of the piece that holds (or would hold) entry; its group must be loaded. */
  pieceOf(entry) {
    const g = this.groupOf(entry);
    const dir = this.readyDirs.get(g);
    return dir ? `${g}/${Math.max(0, upperBound(dir.bounds, entry))}` : null;
  }

  async locate(entry) {
    await this.dir(this.groupOf(entry));
    return this.pieceOf(entry);
  }

  /** The piece after `key`, as {key, bound}, or null at the end. */
  async next(key) {
    const [g, i] = key.split("/").map(Number);
    const dir = await this.dir(g);
    if (i + 1 < dir.files.length) return { key: `${g}/${i + 1}`, bound: dir.bounds[i + 1] };
    if (g + 1 < this.groupFiles.length) return { key: `${g + 1}/0`, bound: this.groupBounds[g + 1] };
    return null;
  }

  load(key) {
    if (!this.loaded.has(key)) {
      const [g, i] = key.split("/").map(Number);
      const promise = this.dir(g).then(async (dir) => {
        const url = `${this.base}t/${dir.files[i]}.json`;
        const piece = new Piece(await this.fetcher(url), url);
        this.ready.set(key, piece);
        return piece;
      });
      promise.catch(() => this.loaded.delete(key));
      this.loaded.set(key, promise);
    }
    return this.loaded.get(key);
  }

  /** Load the group lists for these entries, in parallel. */
  async prepareGroups(entries) {
    const groups = new Set();
    for (const entry of entries) {
      groups.add(this.groupOf(entry));
      groups.add(this.groupOf(entry.slice(0, 1)));
    }
    await Promise.all([...groups].map((g) => this.dir(g)));
  }

  /** Load the pieces holding these entries, in parallel. */
  async prepare(entries) {
    await Promise.all([...new Set(entries.map((e) => this.groupOf(e)))].map((g) => this.dir(g)));
    await Promise.all([...new Set(entries.map((e) => this.pieceOf(e)))].map((k) => this.load(k)));
  }

  /** Synchronous lookup, valid after prepare(). */
  piece(entry) {
    return this.ready.get(this.pieceOf(entry));
  }

  /** Keys of the pieces spanning every entry that starts with prefix, or null if too many. */
  async prefixRange(prefix) {
    const first = await this.locate(prefix);
    const last = await this.locate(`${prefix}\uffff`);
    const keys = [first];
    for (let key = first; key !== last;) {
      const following = await this.next(key);
      if (!following || keys.length >= this.manifest.prefixMaxPieces) return null;
      key = following.key;
      keys.push(key);
    }
    return keys;
  }

  /**
   * Every directory file (the piece lists of all term groups), a few at a
   * time, so that later queries skip that round trip (one already loaded
   * is not fetched again). Returns the number of directory files now loaded.
   */
  async prefetchDirectories(parallel = 4) {
    const jobs = this.groupFiles.map((_, g) => () => this.dir(g));
    let fetched = 0;
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        await job().then(() => { fetched += 1; }, () => {});
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return fetched;
  }

  /**
   * The rows of chunk c: d/<c>-<its group's version>.json, named from the
   * manifest alone. The request starts at once (not after an await), so
   * that it goes out before the caller's next synchronous work (the engine
   * ranks right after asking).
   */
  chunk(c) {
    const { perChunk, perGroup, groups } = this.manifest.docs;
    const g = Math.floor(c / perGroup);
    if (g >= groups.length) return Promise.reject(new IndexLoadError(`chunk ${c}`, "missing"));
    return this.fetchOnce(this.chunks, c, `${this.base}d/${c}-${groups[g]}.json`,
      (d) => Array.isArray(d?.docs) && d.docs.length <= perChunk).then((d) => d.docs);
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
