// Query words from the index's own vocabulary (as Material for MkDocs
// splits queries against its index): Thai runs are segmented against the
// terms and dictionary words the pieces hold, so the words searched are
// words the build wrote. Used by engine.js.

import {
  isBoundary, markCuts, normalize, ownTable, phraseRegex, pieces, spelling, thaiTerm,
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
    // Forms found only as written, marks and all (อก.: the word อก is not
    // them), and their keys: the build decides which (variants.py).
    this.marked = ownTable(manifest.variants.marked ?? {});
    this.markedTerms = new Set(Object.keys(this.marked).map(thaiTerm)); // อก
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

  /** Whether a word is an index term or dictionary word. Valid after store.prepareWords([word]). */
  isEntry(word) {
    return Boolean(this.store.vocabulary(word)?.has(word)) || word in this.variantTerms;
  }

  /** Whether a word has postings. Valid after store.prepareWords([word]). */
  isTerm(word) {
    return Boolean(this.store.vocabulary(word)?.isTerm(word));
  }

  /**
   * Whether an index term starts with prefix. Its first two pieces are
   * checked (in parallel): when the range spans pieces, the second begins
   * with the prefix. `full`: load the pieces themselves, which the engine
   * then expands the prefix from, else their word lists.
   */
  async hasPrefix(prefix, full) {
    const first = this.store.pieceOf(prefix);
    const last = Math.min(this.store.pieceOf(`${prefix}\uffff`), first + 1);
    const pieces = [first];
    if (last > first) pieces.push(last);
    const load = (p) => (full ? this.store.load(p) : this.store.loadWords(p));
    const loaded = await Promise.all(pieces.map(load));
    return loaded.some((piece) => piece.termsWithPrefix(prefix).length > 0);
  }

  /**
   * Words for one Thai run: the fewest index words that spell it, cut only
   * where a word boundary is possible (isBoundary). A run the build cut
   * elsewhere (newmm gives a stray mark or a lone leading vowel of damaged
   * text its own word: ได้้, เเผน) has no such spelling; it is read with a
   * cut allowed anywhere, so that its words are still the index's.
   * `marks`: where the reader typed an abbreviation mark (markCuts);
   * `keyAt(i, j)`: the key of run[i..j) when it was typed as a form that
   * needs its marks (a word then, whether the index has it or not; read as
   * {term, prefix: false, key, surface: as typed}).
   */
  async segment(run, allowPrefix, marks = new Set(), keyAt = () => undefined) {
    return (await this.fewestWords(run, allowPrefix, isBoundary, marks, keyAt))
      ?? (await this.fewestWords(run, allowPrefix, () => true, marks, keyAt))
      ?? [keyAt(0, run.length) ?? { term: run, prefix: false }];
  }

  /**
   * The fewest index words that spell a run, cut where canCut(run, i),
   * found breadth first, one round of piece fetches per layer (every
   * candidate word at every position reached with as many words). In a
   * layer, a position reached at an abbreviation mark comes first (อ.กระบุรี
   * is อ กระ บุรี, as newmm reads it, not อก ระ บุรี), then one reached by a
   * longer first word. A rest that is not a whole word but begins an index
   * term may end the query as a prefix (the reader is still typing it); a
   * whole rest wins over it. Null when no such spelling exists.
   */
  async fewestWords(run, allowPrefix, canCut, marks, keyAt) {
    const n = run.length;
    const came = new Map([[0, null]]); // position -> [previous position, word]
    const path = (i, last) => {
      const words = [last];
      for (let at = i; came.get(at); at = came.get(at)[0]) {
        const [from, term] = came.get(at);
        words.unshift(keyAt(from, at) ?? { term, prefix: false });
      }
      return words;
    };
    let layer = [0];
    while (layer.length) {
      const ends = new Map(layer.map((i) => {
        const js = [];
        for (let j = n; j > i; j--) if (canCut(run, j)) js.push(j);
        if (marks.size) js.sort((a, b) => marks.has(b) - marks.has(a)); // stable
        return [i, js];
      }));
      const spans = layer.flatMap((i) => ends.get(i).map((j) => [i, j]));
      // The whole run is most often one word, which the engine will need
      // with its postings: its piece comes in this round, as do the keys of
      // forms typed with their marks (a word then, whatever the index has).
      // The rest are only asked whether they are words: their word lists.
      const full = [...(came.size === 1 ? this.withKeys([run]) : []),
        ...spans.map(([i, j]) => keyAt(i, j)?.key).filter(Boolean)];
      await Promise.all([full.length ? this.store.prepare(full) : null,
        this.store.prepareWords(spans.map(([i, j]) => run.slice(i, j)))]);
      const rest = layer.find((i) => keyAt(i, n) || this.isEntry(run.slice(i)));
      if (rest !== undefined) {
        return path(rest, keyAt(rest, n) ?? { term: run.slice(rest), prefix: false });
      }
      if (allowPrefix) {
        const open = layer.filter((i) => n - i >= this.prefixMin);
        const has = await Promise.all(open.map((i) => this.hasPrefix(run.slice(i), i === 0)));
        const k = has.indexOf(true);
        if (k >= 0) return path(open[k], { term: run.slice(open[k]), prefix: true });
      }
      const next = [];
      for (const i of layer) {
        for (const j of ends.get(i)) {
          if (j === n || came.has(j)) continue;
          const word = run.slice(i, j);
          if (!keyAt(i, j) && ((j - i === 1 && !this.isTerm(word)) || !this.isEntry(word))) continue;
          came.set(j, [i, word]);
          next.push(j);
        }
      }
      layer = next;
    }
    return null;
  }

  async word(text, kind, allowPrefix) {
    if (kind === "thai") {
      const run = thaiTerm(text);
      if (!run) return [];
      const spelled = spelling(text);
      const keyAt = run === text || !this.markedTerms.size ? undefined : (i, j) => {
        const term = run.slice(i, j);
        const surface = this.markedTerms.has(term) && spelled(i, j).find((s) => s in this.marked);
        return surface ? { term, prefix: false, key: this.marked[surface], surface } : undefined;
      };
      const words = await this.segment(run, allowPrefix, markCuts(text), keyAt);
      // The unfinished last word of a glued run: read as the start of a
      // longer term too (its whole word among them). A run that is one
      // whole word is never expanded: วัด is not วัดผล; nor is a form typed
      // with the marks it needs (อก. is not อกหัก).
      const last = words[words.length - 1];
      if (allowPrefix && words.length > 1 && !last.prefix && !last.key
          && last.term.length >= this.prefixMin) {
        words[words.length - 1] = { term: last.term, prefix: true, whole: true };
      }
      return words;
    }
    await this.store.prepare(this.withKeys([text]));
    if (allowPrefix && text.length >= this.prefixMin && !this.isEntry(text)
        && (await this.hasPrefix(text, true))) {
      return [{ term: text, prefix: true }];
    }
    return [{ term: text, prefix: false }];
  }

  /**
   * A raw query as lunr clauses and word-order rules:
   * - tokens: [{term, prefix}], each required (variant forms become their group key);
   * - chains: runs of tokens that must stand together in this order in one
   *   field: the words of a Thai run typed without spaces, and of a quoted phrase;
   * - literals: the words typed as variant forms (their keys are the tokens),
   *   and quoted: those of them typed inside quotes;
   * - looser: the query read loosely, for when the strict reading finds
   *   nothing: split, the query with the chains' words spaced (or null), and
   *   each, the words typed between spaces (or null when there is one).
   */
  async parse(query) {
    const normalized = normalize(query);
    const segments = quoteSegments(normalized);
    const words = [];
    segments.forEach((segment, s) => {
      let last = 0;
      const add = (text) => {
        for (const [kind, piece] of pieces(text)) words.push({ kind, text: piece, segment: s });
      };
      if (this.phrases) {
        for (const m of segment.text.matchAll(this.phrases)) {
          add(segment.text.slice(last, m.index));
          words.push({ key: this.phraseKeys[m[0]], text: m[0], segment: s });
          last = m.index + m[0].length;
        }
      }
      add(segment.text.slice(last));
    });
    // A phrase's key is searched as it is: its piece can come with the first round.
    const keys = words.filter((w) => w.key).map((w) => w.key);
    if (keys.length) this.store.prepare(keys).catch(() => {}); // the engine reports failures
    const open = !/ $/.test(query) && !segments.at(-1)?.closed;
    const read = [];
    for (let w = 0; w < words.length; w++) {
      const word = words[w];
      if (word.key) {
        read.push({ word, tokens: [{ term: word.key, prefix: false, surface: word.text }] });
        continue;
      }
      const isLast = w === words.length - 1 && open;
      const tokens = (await this.word(word.text, word.kind, isLast)).map((token) => {
        const key = token.prefix ? undefined : token.key ?? this.variantTerms[token.term];
        return { ...(key ? { term: key, prefix: false } : token), surface: token.surface ?? token.term };
      });
      read.push({ word, tokens });
    }
    const chains = [];
    segments.forEach((segment, s) => {
      const mine = read.filter((r) => r.word.segment === s);
      if (segment.quoted) chains.push(mine.flatMap((r) => r.tokens));
      else for (const r of mine) if (r.word.kind === "thai") chains.push(r.tokens);
    });
    const seen = new Set();
    const all = read.flatMap((r) => r.tokens);
    const tokens = all.filter((t) => {
      const id = tokenId(t);
      return seen.has(id) ? false : seen.add(id);
    }).map(clause);
    const strict = chains.filter((chain) => chain.length > 1);
    const surfaces = read.map((r) => r.tokens.map((t) => t.surface).join(" ")).filter(Boolean);
    const typed = [...new Set(read.map((r) => r.word.text))];
    const looser = { split: strict.length ? surfaces.join(" ") : null,
      each: typed.length > 1 ? typed : null };
    // The words typed as a variant form (หวย for ~หวย): searched too, but
    // optional, so that articles with the form as typed rank first.
    const literals = [...new Set(all.filter((t) => t.term !== t.surface && !t.prefix
      && t.surface && !/\s/.test(t.surface)).map((t) => t.surface))];
    // Those typed in quotes: there their articles come first (typedFirst).
    const quotedSurfaces = new Set(read.filter((r) => segments[r.word.segment].quoted)
      .flatMap((r) => r.tokens.map((t) => t.surface)));
    const quoted = literals.filter((l) => quotedSurfaces.has(l));
    return { tokens, chains: strict.map((chain) => chain.map(clause)), looser, literals, quoted };
  }
}

/** A token as a lunr clause: {term, prefix}, and whole when the prefix is a whole word. */
function clause({ term, prefix, whole }) {
  return whole ? { term, prefix, whole } : { term, prefix };
}

/** A token's identity among the lunr clauses. */
export function tokenId(token) {
  return `${token.term}|${token.prefix}`;
}

// Quotation marks: straight, and the curly ones phones type.
const QUOTE = /["\u201c\u201d]/;

/**
 * A normalized query cut at quotation marks: [{text, quoted, closed}]. A
 * quote not closed yet (the reader is typing) runs to the end.
 */
export function quoteSegments(normalized) {
  const out = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < normalized.length; i++) {
    if (!QUOTE.test(normalized[i])) continue;
    out.push({ text: normalized.slice(start, i), quoted, closed: true });
    quoted = !quoted;
    start = i + 1;
  }
  out.push({ text: normalized.slice(start), quoted, closed: false });
  return out.filter((segment) => pieces(segment.text).length);
}
