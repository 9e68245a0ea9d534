// Query words from the index's own vocabulary (as Material for MkDocs
// splits queries against its index): Thai runs are segmented against the
// terms and dictionary words the pieces hold, so the words searched are
// words the build wrote. Used by engine.js.

import { isBoundary, normalize, ownTable, phraseRegex, pieces, thaiTerm } from "./text.js";

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

  /**
   * The words and the group keys of those that are variant forms: a key's
   * postings are searched instead (engine.js), so its piece comes in the
   * same round rather than one round later.
   */
  withKeys(words) {
    return [...words, ...words.map((w) => this.variantTerms[w]).filter(Boolean)];
  }

  isEntry(word) {
    return Boolean(this.store.piece(word)?.has(word)) || word in this.variantTerms;
  }

  isTerm(word) {
    return Boolean(this.store.piece(word)?.postings(word));
  }

  /**
   * Whether an index term starts with prefix. Its first two pieces are
   * checked (in parallel): when the range spans pieces, the second begins
   * with the prefix.
   */
  async hasPrefix(prefix) {
    const first = this.store.pieceOf(prefix);
    const last = Math.min(this.store.pieceOf(`${prefix}\uffff`), first + 1);
    const pieces = [first];
    if (last > first) pieces.push(last);
    const loaded = await Promise.all(pieces.map((p) => this.store.load(p)));
    return loaded.some((piece) => piece.termsWithPrefix(prefix).length > 0);
  }

  /**
   * Words for one Thai run, longest word first, backtracking when the rest
   * cannot be spelled; pieces are fetched only for the positions explored.
   * A rest that is not a whole word but begins an index term may end the
   * query as a prefix (the reader is still typing it).
   */
  async segment(run, allowPrefix) {
    const failed = new Set();
    const walk = async (i) => {
      const rest = run.slice(i);
      const ends = [];
      for (let j = run.length; j > i; j--) if (isBoundary(run, j)) ends.push(j);
      await this.store.prepare(this.withKeys(ends.map((j) => run.slice(i, j))));
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
    await this.store.prepare(this.withKeys([text]));
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
    // A phrase's key is searched as it is: its piece can come with the first round.
    const keys = spans.filter((span) => span.key).map((span) => span.key);
    if (keys.length) this.store.prepare(keys).catch(() => {}); // the engine reports failures
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
