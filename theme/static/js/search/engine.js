// The search engine: query words from the index's own vocabulary, and
// lunr.js for matching and scoring over the pieces a query needs.
// Page code (search-page.js) only calls SearchEngine#search and #doc.

import { CommonPosting, IndexLoadError, PieceStore, fetchJson } from "./pieces.js";
import {
  isBoundary, normalize, ownTable, phraseRegex, pieces, prepareQuery, thaiTerm,
} from "./text.js";

/**
 * Split a normalized query into words the index knows.
 * Thai runs are segmented against the vocabulary (terms and dictionary
 * words) with the fewest words; the last word may be an unfinished prefix
 * of an index term when it is not a whole word itself.
 */
export class QueryParser {
  constructor(store, manifest) {
    this.store = store;
    this.variantTerms = ownTable(manifest.variants.terms);
    this.phrases = phraseRegex(Object.keys(manifest.variants.phrases));
    this.phraseKeys = ownTable(manifest.variants.phrases);
    this.prefixMin = manifest.prefixMin;
  }

  isEntry(word) {
    return Boolean(this.store.piece(word)?.has(word)) || word in this.variantTerms;
  }

  isTerm(word) {
    return Boolean(this.store.piece(word)?.postings(word));
  }

  async hasPrefix(prefix) {
    const key = await this.store.locate(prefix);
    if ((await this.store.load(key)).termsWithPrefix(prefix).length) return true;
    const next = await this.store.next(key);
    if (next && next.bound.startsWith(prefix)) {
      return (await this.store.load(next.key)).termsWithPrefix(prefix).length > 0;
    }
    return false;
  }

  /**
   * Words for one Thai run, longest word first, backtracking when the rest
   * cannot be spelled; pieces are fetched only for the positions explored.
   * A rest that is not a whole word but begins an index term may end the
   * query as a prefix (the reader is still typing it).
   */
  async segment(run, allowPrefix) {
    // Fetch, in one parallel round, the group lists for every position the
    // walk may visit; then each position costs one round trip, not two.
    const starts = [];
    for (let i = 0; i < run.length; i++) if (isBoundary(run, i)) starts.push(run.slice(i));
    await this.store.prepareGroups(starts);
    const failed = new Set();
    const walk = async (i) => {
      const rest = run.slice(i);
      const ends = [];
      for (let j = run.length; j > i; j--) if (isBoundary(run, j)) ends.push(j);
      await this.store.prepare(ends.map((j) => run.slice(i, j)));
      if (this.isEntry(rest)) return [{ term: rest, prefix: false }];
      if (allowPrefix && rest.length >= this.prefixMin && (await this.hasPrefix(rest))) {
        return [{ term: rest, prefix: true }];
      }
      for (const j of ends) {
        if (j === run.length || failed.has(j)) continue;
        const word = run.slice(i, j);
        if ((j - i === 1 && !this.isTerm(word)) || !this.isEntry(word)) continue;
        const tail = await walk(j);
        if (tail) return [{ term: word, prefix: false }, ...tail];
        failed.add(j);
      }
      return null;
    };
    return (await walk(0)) || [{ term: run, prefix: false }];
  }

  async word(text, kind, allowPrefix) {
    if (kind === "thai") {
      const run = thaiTerm(text);
      return run ? this.segment(run, allowPrefix) : [];
    }
    await this.store.prepare([text]);
    if (allowPrefix && text.length >= this.prefixMin && !this.isEntry(text)
        && (await this.hasPrefix(text))) {
      return [{ term: text, prefix: true }];
    }
    return [{ term: text, prefix: false }];
  }

  /** [{term, prefix}] for a raw query; variant forms become their group key. */
  async parse(query) {
    const normalized = normalize(query);
    const spans = [];
    let last = 0;
    if (this.phrases) {
      for (const m of normalized.matchAll(this.phrases)) {
        spans.push({ text: normalized.slice(last, m.index) });
        spans.push({ key: this.phraseKeys[m[0]] });
        last = m.index + m[0].length;
      }
    }
    spans.push({ text: normalized.slice(last) });
    const words = [];
    spans.forEach((span, s) => {
      if (span.key) words.push({ key: span.key });
      else for (const [kind, text] of pieces(span.text)) words.push({ kind, text, span: s });
    });
    const tokens = [];
    for (let w = 0; w < words.length; w++) {
      const word = words[w];
      if (word.key) {
        tokens.push({ term: word.key, prefix: false });
        continue;
      }
      const isLast = w === words.length - 1 && !/ $/.test(query);
      for (const token of await this.word(word.text, word.kind, isLast)) {
        const key = token.prefix ? undefined : this.variantTerms[token.term];
        tokens.push(key ? { term: key, prefix: false } : token);
      }
    }
    const seen = new Set();
    return tokens.filter((t) => {
      const id = `${t.term}|${t.prefix}`;
      return seen.has(id) ? false : seen.add(id);
    });
  }
}

export class SearchEngine {
  /**
   * @param {{lunr, baseUrl: string, fetcher?: Function, cache?: IndexCache}} options
   * cache: where fetched files are kept for offline searches (index-cache.js).
   */
  constructor({ lunr, baseUrl, fetcher = null, cache = null }) {
    this.lunr = lunr;
    this.baseUrl = baseUrl.replace(/\/?$/, "/");
    this.fetcher = fetcher || ((url) => fetchJson(url, cache));
    this.ready = null;
  }

  /** Fetch manifest.json once; a failed load can be retried. */
  open() {
    if (!this.ready) {
      this.ready = this.fetcher(`${this.baseUrl}manifest.json`).then((manifest) => {
        if (!manifest || manifest.version !== 2 || !manifest.pieces?.groups) {
          throw new IndexLoadError(`${this.baseUrl}manifest.json`, "not a version 2 index");
        }
        this.manifest = manifest;
        this.store = new PieceStore(this.baseUrl, manifest, this.fetcher);
        this.parser = new QueryParser(this.store, manifest);
        this.fields = manifest.fields.filter((f) => f !== manifest.facetField);
        // The newest articles' chunk list: ties go to recent news, so most
        // first pages need it; fetched now, it costs no round trip later.
        const newest = manifest.docs.groups.length - 1;
        if (newest >= 0) this.store.docDir(newest).catch(() => {});
        return this;
      });
      this.ready.catch(() => { this.ready = null; });
    }
    return this.ready;
  }

  /** Terms for one token: the term itself, or every index term with the prefix. */
  async expand(token) {
    if (!token.prefix) {
      await this.store.prepare([token.term]);
      return this.store.piece(token.term).postings(token.term) ? [token.term] : [];
    }
    const keys = await this.store.prefixRange(token.term);
    if (!keys) return []; // too short a prefix to expand
    const pieces = await Promise.all(keys.map((key) => this.store.load(key)));
    return pieces.flatMap((piece) => piece.termsWithPrefix(token.term));
  }

  /**
   * A small lunr.Index holding only these terms, with global weights, for
   * the documents in `candidates` (all documents of listed postings when
   * null). A very common term gets its typical weight in its main field for
   * each candidate that has it.
   */
  buildIndex(terms, keep, candidates) {
    const { lunr } = this;
    const fields = this.manifest.fields;
    const invertedIndex = Object.create(null);
    const vectors = Object.create(null);
    const add = (termIndex, posting, name, id, weight) => {
      posting[name][id] = {};
      (vectors[`${name}/${id}`] ||= []).push(termIndex, weight);
    };
    terms.forEach((term, termIndex) => {
      const posting = { _index: termIndex };
      for (const f of fields) posting[f] = Object.create(null);
      const found = this.store.piece(term).postings(term);
      if (found instanceof CommonPosting) {
        for (const id of candidates) {
          if (found.has(id)) add(termIndex, posting, fields[found.field], id, found.weight);
        }
      } else {
        for (const { field, ids, weights } of found) {
          for (let i = 0; i < ids.length; i++) {
            if (keep(ids[i]) && (!candidates || candidates.has(ids[i]))) {
              add(termIndex, posting, fields[field], ids[i], weights[i]);
            }
          }
        }
      }
      invertedIndex[term] = posting;
    });
    const fieldVectors = Object.create(null);
    for (const ref in vectors) fieldVectors[ref] = new lunr.Vector(vectors[ref]);
    return new lunr.Index({
      invertedIndex,
      fieldVectors,
      tokenSet: lunr.TokenSet.fromArray([...terms].sort()),
      fields,
      pipeline: new lunr.Pipeline(),
    });
  }

  /**
   * Documents a query can match. With any ordinary term: the documents of
   * its postings. With only very common terms: those having all of them,
   * newest first, at most commonLimit; `total` counts them all.
   */
  candidates(terms, keep) {
    const common = [];
    const listed = new Set();
    for (const term of terms) {
      const found = this.store.piece(term).postings(term);
      if (found instanceof CommonPosting) common.push(found);
      else for (const { ids } of found) for (const id of ids) if (keep(id)) listed.add(id);
    }
    if (!common.length || listed.size) return { ids: listed, total: null };
    const ids = new Set();
    let total = 0;
    for (let id = this.manifest.docCount - 1; id >= 0; id--) {
      if (keep(id) && common.every((c) => c.has(id))) {
        total += 1;
        if (ids.size < this.manifest.commonLimit) ids.add(id);
      }
    }
    return { ids, total };
  }

  runQuery(index, tokens, facet, presence) {
    const { lunr } = this;
    return index.query((q) => {
      for (const token of tokens) {
        q.term(token.term, {
          fields: this.fields,
          presence,
          usePipeline: false,
          wildcard: token.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
        });
      }
      if (facet) {
        q.term(facet, { fields: [this.manifest.facetField], presence: lunr.Query.presence.REQUIRED,
          usePipeline: false });
      }
    });
  }

  /**
   * Search. Every word is required; when that finds nothing and there are
   * several words, the best partial matches are returned with partial: true.
   * @returns {{tokens, results: {id, score}[], total, partial}}
   */
  async search(query, { category = "", year = "" } = {}) {
    await this.open();
    const tokens = await this.parser.parse(prepareQuery(query).query);
    if (!tokens.length) return { tokens, results: [], total: 0, partial: false };
    const expanded = await Promise.all(tokens.map((t) => this.expand(t)));
    const catIndex = category ? this.manifest.categories.indexOf(category) : -1;
    const facet = catIndex >= 0 ? `~c${catIndex}` : null;
    const span = year ? this.manifest.years.find(([y]) => String(y) === String(year)) : null;
    if ((category && !facet) || (year && !span)) {
      return { tokens, results: [], total: 0, partial: false };
    }
    const keep = span ? (id) => id >= span[1] && id <= span[2] : () => true;
    const terms = [...new Set(expanded.flat())];
    if (facet) {
      await this.store.prepare([facet]);
      if (this.store.piece(facet).postings(facet)) terms.push(facet);
    }
    const content = terms.filter((t) => t !== facet);
    const pool = this.candidates(content, keep);
    const index = this.buildIndex(terms, keep, pool.ids);
    const { REQUIRED, OPTIONAL } = this.lunr.Query.presence;
    let partial = false;
    let hits = this.runQuery(index, tokens, facet, REQUIRED);
    if (!hits.length && tokens.length > 1) {
      hits = this.runQuery(index, tokens, facet, OPTIONAL).filter(
        (hit) => Object.keys(hit.matchData.metadata).some((t) => t !== facet));
      partial = hits.length > 0;
    }
    const results = hits
      .map((hit) => ({ id: Number(hit.ref), score: hit.score }))
      .sort((a, b) => b.score - a.score || b.id - a.id);
    const total = pool.total !== null && !partial && !facet ? pool.total : results.length;
    return { tokens, results, total, partial };
  }

  /**
   * After a reader's first results: fetch the remaining directory files in
   * the background (manifest.prefetchDirectories says whether, by their
   * total count), so each later query saves a round trip.
   */
  async prefetchDirectories() {
    await this.open();
    const { groups } = this.manifest.pieces;
    const limit = this.manifest.prefetchDirectories || 0;
    if (this.prefetched || groups.length + this.manifest.docs.groups.length > limit) return 0;
    this.prefetched = true;
    return this.store.prefetchDirectories();
  }

  async doc(id) {
    await this.open();
    return this.store.doc(id);
  }

  async text(doc) {
    return this.store.text(doc);
  }
}
