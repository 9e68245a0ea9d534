// Correction: what a query that found nothing may have meant. Used by
// engine.js (SearchEngine#correct) only after a search found nothing, so a
// query with results fetches none of this. The files: the table the
// manifest names ("typos") and its pieces (the plugin's correction_files.py).

import { TYPOS_DIR } from "./contract.js";
import { IndexLoadError } from "./fetching.js";
import { isObject, upperBound } from "./piece-data.js";
import { isBoundary, normalize, pieces, thaiTerm } from "./text.js";
import { distance, lookupKeys, neighbourSet, otherLayout } from "./typos.js";

// A candidate this close (typos.js's COST) may be suggested; this close, and
// clearly ahead of the next, corrects the query by itself.
export const SUGGEST_COST = 1.5;
export const CONFIDENT_COST = 1;
// Clearly ahead: this much closer, or as close and this many times as common.
const AHEAD_COST = 0.25;
const AHEAD_DF = 5;
const SUGGESTIONS = 3;

/**
 * Candidates for one typed word, closest first: [{term, df, cost}], and
 * whether the first is clearly ahead (confident).
 */
export function ranked(rules, near, word, found) {
  const seen = new Map();
  for (const [term, df] of found) {
    if (term === word || seen.has(term)) continue;
    const cost = distance(rules, near, word, term);
    if (cost <= SUGGEST_COST) seen.set(term, { term, df, cost });
  }
  const list = [...seen.values()].sort((x, y) => x.cost - y.cost || y.df - x.df
    || (x.term < y.term ? -1 : 1));
  const [first, second] = list;
  const confident = Boolean(first) && first.cost <= CONFIDENT_COST && (!second
    || second.cost - first.cost >= AHEAD_COST || first.df >= AHEAD_DF * second.df);
  return { list, confident };
}

export class Corrector {
  /** engine: a SearchEngine, open (its store, parser and manifest). */
  constructor(engine) {
    this.engine = engine;
    this.manifest = engine.manifest; // a new build's manifest makes a new Corrector (engine.js)
    this.pieces = new Map();
    this.table = null;
  }

  async loadTable() {
    const { store, manifest } = this.engine;
    if (!this.table) {
      const url = `${store.base}${TYPOS_DIR}/${manifest.typos}.json`;
      this.table = store.fetcher(url).then((table) => {
        if (!isObject(table) || !Array.isArray(table.pieces?.bounds) || !table.layout) {
          throw new IndexLoadError(url, "corrupt data");
        }
        this.near = neighbourSet(table);
        return table;
      });
      this.table.catch(() => { this.table = null; });
    }
    return this.table;
  }

  /** [[term, df], ...] stored under these keys (their pieces, fetched in parallel). */
  async stored(table, keys) {
    const { store } = this.engine;
    const numbers = [...new Set(keys.map((k) => Math.max(0, upperBound(table.pieces.bounds, k))))];
    const loaded = await Promise.all(numbers.map((p) => {
      if (!this.pieces.has(p)) {
        const url = store.groupFile(TYPOS_DIR, table.pieces, p);
        const data = url ? store.fetcher(url) : Promise.reject(new IndexLoadError(`typos ${p}`, "missing"));
        const checked = data.then((d) => {
          if (!isObject(d)) throw new IndexLoadError(url, "corrupt data");
          return d;
        });
        checked.catch(() => this.pieces.delete(p));
        this.pieces.set(p, checked);
      }
      return this.pieces.get(p);
    }));
    const byPiece = new Map(numbers.map((p, i) => [p, loaded[i]]));
    return keys.flatMap((k) => {
      const piece = byPiece.get(Math.max(0, upperBound(table.pieces.bounds, k)));
      return Object.prototype.hasOwnProperty.call(piece, k) ? piece[k] : [];
    });
  }

  /**
   * The words of a normalized query that may be misspelled: pieces that
   * are no index term nor dictionary word (a real word on no page stays as
   * typed: เสือ never becomes เสื้อ), and that find nothing on their own (a
   * glued run of known words that stands together somewhere is no typo).
   */
  async unknownWords(normalized, finds) {
    const { parser, store } = this.engine;
    const words = pieces(normalized).map(([kind, text]) => [kind, kind === "thai" ? thaiTerm(text) : text])
      .filter(([, word]) => word);
    await store.prepareWords(words.map(([, word]) => word));
    // Numbers are never typos: 2566 is not 2565.
    const open = words.filter(([, word]) => !parser.isEntry(word) && !/\d/.test(word));
    const alone = await Promise.all(open.map(([kind, word]) => (kind === "thai" ? finds(word) : false)));
    return open.filter((_, i) => !alone[i]).map(([, word]) => word);
  }

  /** ranked() candidates for a typed word. */
  async candidates(table, word) {
    return ranked(table, this.near, word, await this.stored(table, lookupKeys(table, word)));
  }

  /**
   * Candidates for an unknown word; for a Thai run that no term is close
   * to, the run read as a known term and a misspelled one glued to it
   * (ราคาทุเรียญ: ราคา + ทุเรียน), the longest known term first, at the
   * start, else at the end.
   */
  async options(table, word) {
    const whole = await this.candidates(table, word);
    const chars = [...word];
    if (whole.list.length || !/[\u0e01-\u0e2e]/.test(word) || chars.length < 4) return whole;
    const { store } = this.engine;
    // Both sides two letters or more, cut where a word may begin.
    const cuts = chars.slice(2, -1).map((_, k) => k + 2)
      .filter((i) => isBoundary(word, chars.slice(0, i).join("").length));
    const heads = cuts.map((i) => chars.slice(0, i).join(""));
    const tails = cuts.map((i) => chars.slice(i).join(""));
    await store.prepareWords([...heads, ...tails]);
    const isTerm = (w) => this.engine.parser.isTerm(w);
    const tries = [...cuts.map((_, k) => [heads[k], tails[k], true]).reverse(),
      ...cuts.map((_, k) => [tails[k], heads[k], false])];
    for (const [known, rest, known1st] of tries) {
      // A real word is never corrected, inside a run too: ส่งออกข้าว is not ส่งออกข่าว.
      if (!isTerm(known) || this.engine.parser.isEntry(rest)) continue;
      const found = await this.candidates(table, rest);
      if (!found.list.length) continue;
      const glue = (c) => ({ ...c, term: known1st ? known + c.term : c.term + known });
      return { list: found.list.map(glue), confident: found.confident };
    }
    return whole;
  }

  /**
   * What the query may have meant: {query, how: "layout" | "typo"} to search
   * instead (confident), or {suggestions: [query, ...]}, or null. `finds`
   * (query) -> Promise<boolean>: whether a query has results; a correction
   * or suggestion is offered only if it does.
   */
  async correct(raw, finds) {
    const table = await this.loadTable();
    let normalized = normalize(raw);
    // The other layout: Latin keys as Thai, or Thai as Latin when no Thai
    // word typed is a real one (ดี is not fu); searched as a finished query,
    // its last word no prefix (ai, ฟร, is not ฟรี).
    let swapped = otherLayout(table, raw);
    if (swapped && /[\u0e01-\u0e5b]/.test(raw)) {
      const words = pieces(normalized).map(([, text]) => thaiTerm(text) || text);
      await this.engine.store.prepareWords(words);
      if (words.some((word) => this.engine.parser.isEntry(word))) swapped = null;
    }
    if (swapped && (await finds(`${swapped} `))) return { query: swapped, how: "layout" };
    const unknown = await this.unknownWords(normalized, finds);
    if (!unknown.length) return null;
    const options = await Promise.all(unknown.map(async (word) => {
      const found = await this.options(table, word);
      // A Latin word is corrected only by slips, never by a whole edit (iran is not iraq).
      const latin = !/[\u0e01-\u0e5b]/.test(word);
      return latin && found.list[0]?.cost >= CONFIDENT_COST ? { ...found, confident: false } : found;
    }));
    if (options.some((o) => !o.list.length)) return null;
    if (options.every((o) => o.confident)) {
      unknown.forEach((word, i) => { normalized = replaceWord(normalized, word, options[i].list[0].term); });
      if (await finds(normalized)) return { query: normalized, how: "typo" };
    }
    // Suggestions: the first unknown word's closest candidates, the others' best.
    const rest = (q) => unknown.slice(1).reduce((s, w, i) => replaceWord(s, w, options[i + 1].list[0].term), q);
    const base = normalize(raw);
    const tries = options[0].list.slice(0, SUGGESTIONS).map((c) => rest(replaceWord(base, unknown[0], c.term)));
    const ok = await Promise.all(tries.map((q) => finds(q)));
    const suggestions = tries.filter((_, i) => ok[i]);
    return suggestions.length ? { suggestions } : null;
  }
}

/** The query with a typed word (a whole piece) replaced. */
function replaceWord(query, word, meant) {
  return pieces(query).map(([kind, text]) => ((kind === "thai" ? thaiTerm(text) : text) === word
    ? meant : text)).join(" ");
}
