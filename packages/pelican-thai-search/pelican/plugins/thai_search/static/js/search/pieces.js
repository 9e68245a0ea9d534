// Loading the split index: manifest.json, term pieces and result data.
// Every file name but the manifest carries a hash of the content (of its
// group's files, for pieces and chunks), so files are cached forever and
// fetched at most once per page.

import {
  DOCS_DIR, POSITIONS_DIR, ROW_FIELDS, TERMS_DIR, TEXT_SUFFIX, TEXTS_DIR, WORDS_DIR, isKey,
} from "./contract.js";
import { IndexLoadError, fetchJson, fetchText } from "./fetching.js";
import {
  CommonPosting, Piece, decodeBounds, decodePositions, isMonthSpan, isObject, isRow, pairKey,
  pairSpans, WordList, upperBound,
} from "./piece-data.js";

export { CommonPosting, IndexLoadError, fetchJson, fetchText, isRow, pairKey, pairSpans };

/**
 * Finds and loads pieces. The manifest holds each term piece's first entry
 * (a short separator) and the version of each group of pieces, so finding
 * a term's piece, and its file name, needs no download.
 */
export class PieceStore {
  /** fetcher: url -> its JSON; textFetcher: url -> a snippet file's text. */
  constructor(baseUrl, manifest, fetcher = fetchJson, textFetcher = fetchText) {
    this.base = baseUrl.replace(/\/?$/, "/");
    this.manifest = manifest;
    this.fetcher = fetcher;
    this.textFetcher = textFetcher;
    this.bounds = decodeBounds(manifest.pieces.codedBounds);
    if (!this.bounds) throw new IndexLoadError(`${this.base}manifest.json`, "corrupt piece bounds");
    this.loaded = new Map(); // piece number -> Promise<Piece>
    this.ready = new Map(); // piece number -> Piece
    this.wordLists = new Map(); // piece number -> Promise<WordList>
    this.listed = new Map(); // piece number -> WordList
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
      const url = this.groupFile(TERMS_DIR, this.manifest.pieces, p);
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

  /**
   * What the index knows of piece p's entries, without their postings:
   * the piece if it is loaded or on its way, else its word list (a few
   * hundred bytes, where a piece is kilobytes: the query parser explores
   * every reading of a glued run, นายกรัฐมนตรี's นาย, นา and น too).
   * Either answers has, isTerm and termsWithPrefix.
   */
  loadWords(p) {
    if (this.loaded.has(p)) return this.loaded.get(p);
    const url = this.groupFile(WORDS_DIR, this.manifest.pieces, p);
    if (!url) return Promise.reject(new IndexLoadError(`word list ${p}`, "missing"));
    return this.fetchOnce(this.wordLists, p, url, WordList.check).then((data) => {
      if (!this.listed.has(p)) this.listed.set(p, new WordList(data));
      return this.listed.get(p);
    });
  }

  /** Load what loadWords() gives for the pieces of these entries, in parallel. */
  async prepareWords(entries) {
    await Promise.all([...new Set(entries.map((e) => this.pieceOf(e)))].map((p) => this.loadWords(p)));
  }

  /**
   * What the index knows of an entry's piece: the piece, or its word list
   * (has, isTerm, termsWithPrefix). Valid after prepareWords() or prepare().
   */
  vocabulary(entry) {
    const p = this.pieceOf(entry);
    return this.ready.get(p) ?? this.listed.get(p);
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
    const url = this.groupFile(DOCS_DIR, this.manifest.docs, c);
    if (!url) return Promise.reject(new IndexLoadError(`chunk ${c}`, "missing"));
    return this.fetchOnce(this.chunks, c, url,
      (d) => Array.isArray(d?.docs) && d.docs.length <= this.manifest.docs.perChunk
        && d.docs.every(isRow))
      .then((d) => d.docs);
  }

  /**
   * The month table, [["2024-03", first id, last id], ...] oldest first:
   * the file after the last result chunk, in the last group
   * (index_writer.py), fetched only for a date range.
   */
  months() {
    const { perChunk, groups } = this.manifest.docs;
    const count = Math.ceil(this.manifest.docCount / perChunk);
    if (!count || !groups.length) return Promise.resolve([]);
    const url = `${this.base}${DOCS_DIR}/${count}-${groups[groups.length - 1]}.json`;
    return this.fetchOnce(this.chunks, "months", url,
      (d) => Array.isArray(d?.months) && d.months.every(isMonthSpan)).then((d) => d.months);
  }

  /**
   * Where a term stands: field -> document id -> its positions (starts; a
   * variant key's as [start, end] pairs, flat), or null when the index
   * keeps none for it (the commonest words). Valid after prepare([term]).
   */
  async positions(term) {
    const file = this.positionsFile(term);
    if (!file) return null;
    return (await this.readPositions(file, term, isKey(term) ? 2 : 1)) || null;
  }

  /**
   * The file that would hold a term's positions, or null when the index
   * keeps none for it (known without a fetch). Valid after prepare([term]).
   */
  positionsFile(term) {
    const found = this.piece(term)?.postings(term);
    if (!found) return null;
    return (found instanceof CommonPosting ? found.positionsFile : this.piece(term).positionsFile) ?? null;
  }

  /**
   * One entry of a positions file, fetched once: decoded positions, 0 (a
   * pair too common to have kept them), or undefined where the file lacks it.
   */
  async readPositions(file, entry, width) {
    const url = `${this.base}${POSITIONS_DIR}/${file}.json`;
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
   * field -> document id -> the starts of first (a pair with a variant key:
   * its [start, end] spans, flat); an empty Map where the
   * pair never occurs; null where it is too common to have kept positions.
   * Only pairs with a word that keepsPairs are in the index.
   */
  async pairPositions(first, second) {
    const key = pairKey(first, second);
    await this.prepare([key]);
    const files = this.piece(key).pairFiles;
    const i = upperBound(files.map(([first]) => first), key);
    const width = pairSpans(first, second) ? 2 : 1;
    const found = i < 0 ? undefined : await this.readPositions(files[i][1], key, width);
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

  /** The start of a document's text, for its snippet. */
  text(doc) {
    return this.textFetcher(`${this.base}${TEXTS_DIR}/${doc.textFile}${TEXT_SUFFIX}`);
  }
}
