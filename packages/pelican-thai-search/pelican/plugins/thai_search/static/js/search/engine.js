// The search engine: query words from the index's own vocabulary, and
// lunr.js for matching and scoring over the pieces a query needs.
// Page code (search-page.js) only calls SearchEngine#search and #doc.

import { closenessTokens, fetchClosenessPositions, rerank } from "./closeness.js";
import { requiredDocs } from "./candidates.js";
import { FORMAT_VERSION, categoryTerm } from "./contract.js";
import { completionFactors, postingsFrequency } from "./completion.js";
import { CommonPosting, IndexLoadError, PieceStore, fetchJson, fetchText } from "./pieces.js";
import { QueryParser, tokenId } from "./query-parser.js";
import { chainTest } from "./word-order.js";
import { prepareQuery } from "./text.js";
import { idSpan } from "./date-range.js";
import { NEWEST, chunksOf, newestFirst, typedFirst } from "./result-order.js";

// The index format this code reads (contract.js).
export const INDEX_VERSION = FORMAT_VERSION;

/**
 * The looser reading to offer: {split: query} or {each: [query, ...]}, or
 * null; with `unchecked` when a glued run's word order could not be checked
 * (a word among the commonest, which keep no positions, at its start or end,
 * or an unfinished word or variant with no positions: word-order.js).
 */
function offer({ split, each }, splitFinds, unchecked = false, partial = false) {
  const extra = unchecked ? { unchecked: true } : partial ? { partial: true } : {};
  if (split && splitFinds) return { split, ...extra };
  return each ? { each, ...extra } : null;
}

export class SearchEngine {
  /**
   * @param {{lunr, baseUrl: string, fetcher?: Function, textFetcher?: Function,
   *   cache?: IndexCache}} options
   * fetcher: url -> its JSON; textFetcher: url -> a snippet file's text
   * (with a fetcher of its own, an engine reads snippets only through a
   * textFetcher); cache: where fetched files are kept for offline searches
   * (index-cache.js).
   */
  constructor({ lunr, baseUrl, fetcher = null, textFetcher = null, cache = null }) {
    this.lunr = lunr;
    this.baseUrl = baseUrl.replace(/\/?$/, "/");
    // A file an older build named (a page opened before a deploy): the
    // next search reads the manifest again, and with it the new names.
    const renewing = (fetch) => (url) => fetch(url).catch((error) => {
      if (/HTTP 404/.test(error?.message)) this.ready = null;
      throw error;
    });
    this.fetcher = renewing(fetcher || ((url) => fetchJson(url, cache)));
    const noTexts = (url) => Promise.reject(new IndexLoadError(url, "no textFetcher"));
    this.textFetcher = renewing(textFetcher || (fetcher ? noTexts : (url) => fetchText(url, cache)));
    this.ready = null;
  }

  /** Fetch manifest.json once; a failed load can be retried. */
  open() {
    if (!this.ready) {
      this.ready = this.fetcher(`${this.baseUrl}manifest.json`).then((manifest) => {
        if (!manifest || manifest.version !== INDEX_VERSION || !Array.isArray(manifest.pieces?.codedBounds)) {
          throw new IndexLoadError(`${this.baseUrl}manifest.json`, `not a version ${INDEX_VERSION} index`);
        }
        this.manifest = manifest;
        this.store = new PieceStore(this.baseUrl, manifest, this.fetcher, this.textFetcher);
        this.parser = new QueryParser(this.store, manifest);
        this.fields = manifest.fields.filter((f) => f !== manifest.facetField);
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
    const numbers = this.store.prefixRange(token.term);
    if (!numbers) { // too wide to load: the commonest completions, listed at build time
      await this.store.prepare([token.term]);
      const listed = this.store.piece(token.term).listedCompletions(token.term) || [];
      await this.store.prepare(listed);
      const terms = listed.filter((t) => t.startsWith(token.term)
        && this.store.piece(t).postings(t));
      // A whole word keeps its own documents among them.
      if (token.whole && !terms.includes(token.term)) {
        return [...terms, ...await this.expand({ term: token.term, prefix: false })];
      }
      return terms;
    }
    const pieces = await Promise.all(numbers.map((p) => this.store.load(p)));
    return pieces.flatMap((piece) => piece.termsWithPrefix(token.term));
  }

  /**
   * A small lunr.Index holding only these terms, with global weights, for
   * the documents in `candidates` (all documents of listed postings when
   * null). A very common term gives each candidate that has it its exact
   * weights if it is one of the term's best documents, else the typical weight.
   * `factors` scales the weights of a prefix's completions (completion.js).
   */
  buildIndex(terms, keep, candidates, factors = new Map()) {
    const { lunr } = this;
    const fields = this.manifest.fields;
    const invertedIndex = Object.create(null);
    const vectors = Object.create(null);
    let factor = 1;
    const add = (termIndex, posting, name, id, weight) => {
      posting[name][id] = {};
      (vectors[`${name}/${id}`] ||= []).push(termIndex, weight * factor);
    };
    terms.forEach((term, termIndex) => {
      factor = factors.get(term) ?? 1;
      const posting = { _index: termIndex };
      for (const f of fields) posting[f] = Object.create(null);
      const found = this.store.piece(term).postings(term);
      if (found instanceof CommonPosting) {
        for (const id of candidates) {
          if (!found.has(id)) continue;
          for (const [field, weight] of found.weights(id)) add(termIndex, posting, fields[field], id, weight);
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
   * Start fetching the result rows of the first page while lunr ranks. A
   * document's score in lunr is the sum of its weights for the query's
   * terms, divided by a norm that is the same for every document, so the
   * highest sums are lunr's first page. Scoring thousands of documents
   * takes lunr a few milliseconds, which this download overlaps.
   */
  prefetchFirstRows(terms, candidates, factors) {
    const sums = new Map();
    const common = [];
    for (const term of terms) {
      const found = this.store.piece(term).postings(term);
      const factor = factors.get(term) ?? 1;
      if (found instanceof CommonPosting) {
        common.push([found, factor]);
        continue;
      }
      for (const { ids, weights } of found) {
        for (let i = 0; i < ids.length; i++) {
          if (candidates.has(ids[i])) sums.set(ids[i], (sums.get(ids[i]) || 0) + weights[i] * factor);
        }
      }
    }
    if (!sums.size) for (const id of candidates) sums.set(id, 0); // very common words only
    for (const [c, factor] of common) {
      for (const [id, sum] of sums) {
        if (c.has(id)) sums.set(id, c.weights(id).reduce((total, [, w]) => total + w * factor, sum));
      }
    }
    const best = [...sums].sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, this.manifest.pageSize);
    this.prefetchRows(best.map(([id]) => id));
  }

  /** Start fetching the result chunks of these documents' rows (doc() reports errors). */
  prefetchRows(ids) {
    for (const chunk of chunksOf(ids, this.store.rows, this.manifest.docs.perChunk)) {
      this.store.chunk(chunk).catch(() => {});
    }
  }

  /**
   * lunr's scores for the documents of `index` (buildIndex): it holds only
   * the candidates, which have every word already (requiredDocs), so the
   * words are scored as optional clauses. A required clause would make lunr
   * build a set of every candidate for each word and field and intersect
   * them, a third of a warm search's time, to find the same documents;
   * scores do not depend on presence. The facet stays required.
   */
  runQuery(index, tokens, facet, optional = []) {
    const { lunr } = this;
    const { OPTIONAL } = lunr.Query.presence;
    return index.query((q) => {
      for (const term of optional) {
        q.term(term, { fields: this.fields, presence: OPTIONAL, usePipeline: false });
      }
      for (const token of tokens) {
        q.term(token.term, {
          fields: this.fields,
          presence: OPTIONAL,
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
   * Search. Every word is required, and the words of a glued Thai run or a
   * quoted phrase must stand together in that order in one field. When that
   * finds nothing, `looser` is the looser reading to offer (query-parser.js).
   * Filters: a category, a year, a range of months (from, to: "YYYY-MM" or
   * "", checked by the page, date-range.js); sort: "newest" lists every
   * match newest first, without ranking (result-order.js), else by relevance.
   * count: whether anything matches, and no more (no ranking, no rows
   * fetched): total is 0 or more, results empty.
   * @returns {{tokens, results: {id, score}[], total, looser}}
   */
  async search(query, { category = "", year = "", from = "", to = "", sort = "", count = false } = {}) {
    await this.open();
    const { tokens, chains, looser, literals, quoted } = await this.parser.parse(prepareQuery(query).query);
    const none = { tokens, results: [], total: 0, looser: offer(looser, false) };
    if (!tokens.length) return { ...none, looser: null };
    // The month table is fetched only for a range, alongside the words' pieces.
    const months = from || to ? this.store.months() : null;
    months?.catch(() => {}); // reported where it is awaited
    const expanded = await Promise.all(tokens.map((t) => this.expand(t)));
    const catIndex = category ? this.manifest.categories.indexOf(category) : -1;
    const facet = catIndex >= 0 ? categoryTerm(catIndex) : null;
    const span = year ? this.manifest.years.find(([y]) => String(y) === String(year)) : null;
    if ((category && !facet) || (year && !span)) return none;
    const range = months ? idSpan(await months, { from, to }) : null;
    if (months && !range) return none; // no article in those months
    if (expanded.some((terms) => !terms.length)) return none; // a word no article has
    const terms = [...new Set(expanded.flat())];
    const content = [...terms];
    let inCategory = () => true;
    if (facet) {
      await this.store.prepare([facet]);
      const found = this.store.piece(facet).postings(facet);
      if (!found) return none;
      terms.push(facet);
      // The category narrows the candidates before any are cut (fromBits).
      const members = found instanceof CommonPosting ? found
        : new Set(found.flatMap(({ ids }) => ids));
      inCategory = (id) => members.has(id);
    }
    const [low, high] = [Math.max(span?.[1] ?? 0, range?.[0] ?? 0),
      Math.min(span?.[2] ?? Infinity, range?.[1] ?? Infinity)];
    const keep = span || range ? (id) => id >= low && id <= high && inCategory(id) : inCategory;
    const newest = sort === NEWEST;
    // Word order: positions are fetched only for the words of chains.
    const byToken = new Map(tokens.map((t, i) => [tokenId(t), expanded[i]]));
    // Closeness ranks the first page: positions of whole, uncommon words,
    // fetched while the documents are matched and ranked.
    const close = newest || count ? [] : closenessTokens(tokens, expanded, this.store);
    const closePositions = close.length ? fetchClosenessPositions(close, this.store) : null;
    closePositions?.catch(() => {}); // reported where it is awaited
    const together = chains.length
      ? await chainTest(chains, byToken, this.store, this.positionFields()) : null;
    // Newest first ranks nothing, so it lists every match, however many.
    const pool = requiredDocs(this.store, this.manifest, expanded, keep, together,
      newest ? Infinity : this.manifest.commonLimit);
    if (count) return { tokens, results: [], total: pool.total ?? pool.ids.size, looser: null };
    if (!pool.ids.size) {
      // The looser reading offered: the words spaced if some document has
      // them all, else each word typed on its own.
      const split = together && looser.split && requiredDocs(this.store, this.manifest, expanded, keep).ids.size;
      return { ...none,
        looser: offer(looser, split, Boolean(together?.unchecked), Boolean(together?.partial)) };
    }
    // Found where word order could be checked only in some fields: the
    // looser reading is offered beside the results.
    const wider = together?.partial && looser.split ? { split: looser.split, partial: true } : null;
    if (newest) {
      const results = newestFirst(pool.ids);
      this.prefetchRows(results.slice(0, this.manifest.pageSize).map((r) => r.id));
      return { tokens, results, total: results.length, looser: wider };
    }
    const factors = completionFactors(tokens, expanded,
      (term) => postingsFrequency(this.store.piece(term).postings(term)));
    this.prefetchFirstRows(content, pool.ids, factors);
    // Variant forms as typed (หวย for ~หวย), optional: their articles rank
    // higher; in quotes, first (typedFirst), the rest of the group's after.
    await this.store.prepare(literals);
    const typed = literals.filter((t) => !terms.includes(t) && this.store.piece(t)?.postings(t));
    const index = this.buildIndex([...terms, ...typed], keep, pool.ids, factors);
    const hits = this.runQuery(index, tokens, facet, typed);
    let results = hits
      .map((hit) => ({ id: Number(hit.ref), score: hit.score }))
      .sort((a, b) => b.score - a.score || b.id - a.id);
    if (closePositions) results = rerank(results, await closePositions, this.positionFields());
    results = typedFirst(results, hits, typed.filter((t) => quoted.includes(t)));
    const total = pool.total !== null ? pool.total : results.length;
    return { tokens, results, total, looser: total ? wider : offer(looser, false) };
  }

  /**
   * What a query that found nothing may have meant (correction.js):
   * {query, how} to show instead, {suggestions}, or null. Each is offered
   * only if it finds something with the same filters.
   */
  async correct(query, filters = {}) {
    await this.open();
    const finds = async (q) => (await this.search(q, { ...filters, count: true })).total > 0;
    try {
      // Loaded only for a query that found nothing; made again for a new build.
      if (this.corrector?.manifest !== this.manifest) {
        this.corrector = new (await import("./correction.js")).Corrector(this);
      }
      return await this.corrector.correct(prepareQuery(query).query, finds);
    } catch {
      return null; // no correction is no error: the page still says nothing was found
    }
  }

  /** The numbers of the fields that keep positions: every field but the facet. */
  positionFields() {
    return this.manifest.fields.map((f, i) => (f === this.manifest.facetField ? -1 : i))
      .filter((i) => i >= 0);
  }

  async doc(id) {
    await this.open();
    return this.store.doc(id);
  }

  async text(doc) {
    return this.store.text(doc);
  }
}
