// An in-memory index in the real piece format, for tests that need the
// query parser over a known vocabulary (text.test.js, pipeline-batch.mjs):
// one piece per 8 entries, fake postings for the terms, none for the words.
import { PieceStore } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/pieces.js";

/**
 * Sorted bounds as the manifest codes them (index_files.py code_bounds):
 * the UTF-16 units shared with the bound before, as one character from
 * U+0030, then the rest. For fixtures; bounds.test.js holds it to the
 * shared vectors.
 */
export function codeBounds(bounds) {
  let before = "";
  return bounds.map((bound) => {
    let shared = 0;
    while (shared < before.length && shared < bound.length && before[shared] === bound[shared]) shared++;
    const code = bound.charCodeAt(shared - 1);
    if (code >= 0xd800 && code <= 0xdbff) shared--; // not half a character
    before = bound;
    return String.fromCharCode(0x30 + shared) + bound.slice(shared);
  });
}

/**
 * A fixture's file at url: as the fixture holds it, or for a word list
 * (w/<p>-<version>.json) what the build writes beside the term piece
 * t/<p>-<version>.json (index_writer.py): its terms and words, without
 * postings; a corrupt piece's list is as corrupt. Undefined if neither.
 */
export function indexFile(files, url) {
  if (url in files) return files[url];
  const at = url.match(/^(.*\/)w(\/\d+-[^/]+\.json)$/);
  const piece = at ? files[`${at[1]}t${at[2]}`] : undefined;
  if (!piece?.terms || !Array.isArray(piece.words)) return piece;
  return { terms: Object.keys(piece.terms).sort(), words: [...piece.words].sort() };
}

/**
 * terms: index terms (they get postings); words: dictionary words without
 * documents; variants: the manifest's {terms, phrases}.
 * @returns {{manifest: object, store: PieceStore}}
 */
export function memoryIndex(terms, words, variants) {
  const isTerm = new Set(terms);
  const entries = [...new Set([...terms, ...words])].sort();
  const bounds = [];
  const files = {};
  for (let i = 0; i < entries.length; i += 8) {
    const piece = { terms: {}, words: [] };
    for (const e of entries.slice(i, i + 8)) {
      if (isTerm.has(e)) piece.terms[e] = [[0, [0], [1000]]];
      else piece.words.push(e);
    }
    files[`/x/t/${bounds.length}-g.json`] = piece; // one group, version "g"
    bounds.push(entries[i]);
  }
  const manifest = {
    version: 6, pieces: { count: bounds.length, codedBounds: codeBounds(bounds), perGroup: bounds.length, groups: ["g"] },
    prefixMin: 2, prefixMaxPieces: 6,
    variants, docs: { perChunk: 16, perGroup: 4, groups: [] }, categories: [], years: [],
    fields: ["title", "facet"], facetField: "facet",
  };
  const fetcher = async (url) => {
    const data = indexFile(files, url);
    if (data === undefined) throw new Error(`no ${url}`);
    return data;
  };
  return { manifest, store: new PieceStore("/x/", manifest, fetcher) };
}
