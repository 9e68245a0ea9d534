// The shared text-pipeline vectors, JS side (tests/test_text_vectors.py is
// the Python side of the same file).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { QueryParser } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/query-parser.js";
import {
  isBoundary, latinTerms, normalize, phraseRegex, pieces, thaiTerm,
} from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/text.js";
import { memoryIndex } from "./memory-index.mjs";

const data = JSON.parse(readFileSync(new URL("../vectors/text_pipeline.json", import.meta.url)));

for (const v of data.vectors) {
  test(`vector: ${JSON.stringify(v.input).slice(0, 40)}`, () => {
    const normalized = normalize(v.input);
    assert.equal(normalized, v.normalized);
    const found = pieces(normalized);
    assert.deepEqual(found, v.pieces);
    assert.deepEqual(found.map(([k, t]) => (k === "thai" ? thaiTerm(t) : t)), v.terms);
    const latin = Object.fromEntries(found.filter(([k]) => k === "latin").map(([, t]) => [t, latinTerms(t)]));
    assert.deepEqual(latin, v.latin_terms);
  });
}

test("query vectors: query words are the index's words", async () => {
  const vocabulary = [...new Set(data.vectors.flatMap((v) => v.index_terms))];
  const variants = JSON.parse(readFileSync(new URL("../vectors/variants.json", import.meta.url)));
  const { manifest, store } = memoryIndex(vocabulary, data.known_words, variants);
  const parser = new QueryParser(store, manifest);
  for (const q of data.queries) {
    const { tokens, chains } = await parser.parse(q.query);
    assert.deepEqual(tokens.map((t) => [t.term, t.prefix]), q.tokens, q.query);
    assert.deepEqual(chains.map((chain) => chain.map((t) => t.term)), q.chains, q.query);
  }
});

test("phrase regex: longest first, Latin edges are word boundaries", () => {
  const re = phraseRegex(["covid", "covid-19", "บ่อย ๆ"]);
  assert.deepEqual([..."covid-19 covidx บ่อย ๆ".matchAll(re)].map((m) => m[0]), ["covid-19", "บ่อย ๆ"]);
  assert.equal(phraseRegex([]), null);
});

test("word boundaries never split a Thai cluster", () => {
  assert.equal(isBoundary("ข่าว", 1), false); // before a tone mark
  assert.equal(isBoundary("เสือ", 1), false); // after a leading vowel
  assert.equal(isBoundary("ส่งออก", 3), true);
});
