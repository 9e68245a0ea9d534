// Hostile queries: the guards in text.js and the engine over a small
// in-memory index in the real piece format. No query may throw or hang.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

import { INDEX_VERSION, SearchEngine } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/engine.js";
import { IndexLoadError } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/pieces.js";
import {
  MAX_QUERY_CHARS, isSearchable, normalize, ownTable, pieces, prepareQuery,
} from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/text.js";

const lunr = createRequire(import.meta.url)("lunr");

/** One document per term list; every term in its own piece, groups of 4. */
function engineFor(docs, { words = [], variants = { terms: {}, phrases: {} } } = {}) {
  const postings = Object.create(null);
  docs.forEach((terms, id) => {
    for (const term of terms) (postings[term] ||= [[0, [], []]])[0][1].push(id);
  });
  for (const p of Object.values(postings)) {
    p[0][1] = p[0][1].map((id, i, ids) => (i ? id - ids[i - 1] : id));
    p[0][2] = p[0][1].map(() => 1000);
  }
  const entries = [...new Set([...Object.keys(postings), ...words])].sort();
  const files = {};
  const groups = [];
  entries.forEach((entry, p) => {
    if (p % 4 === 0) groups.push(`g${p}`);
    files[`/s/t/${p}-${groups.at(-1)}.json`] = postings[entry]
      ? { terms: { [entry]: postings[entry] }, words: [] } : { terms: {}, words: [entry] };
  });
  files["/s/d/0-v.json"] = { docs: docs.map((_, id) => [`n${id}/`, `ข่าว ${id}`, "2024-01-01", 0, "0123456789ab"]) };
  files["/s/manifest.json"] = {
    version: INDEX_VERSION, docCount: docs.length, fields: ["title", "facet"], facetField: "facet",
    pieces: { count: entries.length, bounds: entries, perGroup: 4, groups }, prefixMin: 2, prefixMaxPieces: 6, pageSize: 10,
    commonLimit: 1000, categories: ["ด้านเศรษฐกิจ"], years: [[2024, 0, docs.length - 1]],
    variants, docs: { perChunk: 16, perGroup: 256, groups: ["v"] },
  };
  const fetcher = async (url) => {
    if (!(url in files)) throw new IndexLoadError(url, "HTTP 404");
    return files[url];
  };
  return new SearchEngine({ lunr, baseUrl: "/s/", fetcher });
}

const DOCS = [["ทุเรียน", "ส่งออก"], ["ทุเรียน", "constructor"], ["ข้าว", "title"]];
const WORDS = ["ตา", "วัด", "เรียน"];
const VARIANTS = { terms: { "ดิจิตอล": "~v0", "ดิจิทัล": "~v0" }, phrases: {} };

const HOSTILE = [
  "ก".repeat(10_000),
  "ทุเรียน".repeat(1500),
  "a".repeat(10_000),
  "ทุเรียน ".repeat(1500),
  "!!!???...,,,;;;",
  "«»—…‘’“”()[]{}<>",
  "title:ทุเรียน", "title:", "body:x", "ทุเรียน~2", "ทุเรียน^10", "ทุ*", "*", "+ทุเรียน -ส่งออก",
  "-", "+", ":", "~", "^", "::", "+-~^*:",
  "constructor", "__proto__", "toString", "hasOwnProperty", "ทุเรียน constructor",
  "\ud800", "ทุเรียน\udc00", "\udfff\ud800", "a\ud83d", "\ufffd\ufffd\ufffd",
  "", "   ", "\t\n", "\u200b\u200b", "\u202eทุเรียน", "🎉🇹🇭",
  "<script>window.__xss=1</script>", "\"><img src=x onerror=alert(1)>",
  "{{ 7*7 }}", "{% if %}",
];

test("prepareQuery: well-formed UTF-16, at most MAX_QUERY_CHARS, pairs never split", () => {
  assert.deepEqual(prepareQuery("\ud800"), { query: "\ufffd", truncated: false });
  assert.equal(prepareQuery("a\udc00b\ud83d\ude00").query, "a\ufffdb\ud83d\ude00");
  assert.equal(prepareQuery("\udfff\ud800").query, "\ufffd\ufffd");
  const long = prepareQuery("ก".repeat(10_000));
  assert.equal(long.truncated, true);
  assert.equal(long.query.length, MAX_QUERY_CHARS);
  const emoji = prepareQuery("😀".repeat(150)).query; // 300 code units
  assert.equal(emoji.length, MAX_QUERY_CHARS);
  assert.equal(emoji.isWellFormed?.() ?? !/[\ud800-\udbff]$/.test(emoji), true);
  const odd = prepareQuery(`a${"😀".repeat(150)}`).query; // a pair straddles the limit
  assert.equal(odd.length, MAX_QUERY_CHARS - 1);
  const spaced = prepareQuery("ทุเรียน ".repeat(100)).query;
  assert.ok(spaced.endsWith("ทุเรียน") && spaced.length <= MAX_QUERY_CHARS);
  assert.deepEqual(prepareQuery(undefined), { query: "", truncated: false });
});

test("isSearchable: a word, not only punctuation, symbols or emoji", () => {
  for (const q of ["ทุเรียน", "title:", "a", "2567", "๒๕๖๗"]) assert.equal(isSearchable(q), true, q);
  for (const q of ["", "  ", "!!!", "~^*+-:", "🎉🇹🇭", "\ufffd", "\u202e", "«»—…"]) {
    assert.equal(isSearchable(q), false, q);
  }
});

test("ownTable: JSON keys only, no prototype keys", () => {
  const table = ownTable(JSON.parse('{"a": "~1", "__proto__": "~2"}'));
  assert.equal(table.a, "~1");
  assert.equal(table.__proto__, "~2");
  assert.equal("constructor" in table, false);
  assert.equal(table.toString, undefined);
});

test("the text pipeline takes any string", () => {
  for (const q of HOSTILE) {
    const found = pieces(normalize(q));
    assert.ok(Array.isArray(found), q.slice(0, 12));
  }
  assert.deepEqual(pieces(normalize("\u202eทุเรียน\u202c")), [["thai", "ทุเรียน"]]);
});

test("hostile queries: a result or nothing, never an exception, never slow", async () => {
  const engine = engineFor(DOCS, { words: WORDS, variants: VARIANTS });
  for (const q of HOSTILE) {
    const started = Date.now();
    const found = await engine.search(q);
    assert.ok(Array.isArray(found.results) && Number.isInteger(found.total), q.slice(0, 12));
    assert.ok(found.tokens.every((t) => typeof t.term === "string"), q.slice(0, 12));
    assert.ok(Date.now() - started < 2000, `slow: ${q.slice(0, 12)} ${Date.now() - started} ms`);
  }
});

test("lunr syntax is text: title: and operators are not query syntax", async () => {
  const engine = engineFor(DOCS, { words: WORDS, variants: VARIANTS });
  const ids = async (q) => (await engine.search(q)).results.map((r) => r.id).sort();
  const field = await engine.search("title:ทุเรียน"); // the words title and ทุเรียน
  assert.equal(field.total, 0); // no document has both: the looser reading is offered
  assert.deepEqual(field.looser, { each: ["title", "ทุเรียน"] });
  assert.deepEqual(await ids("ทุเรียน~2"), []); // the words ทุเรียน and 2, not a fuzzy match
  assert.deepEqual((await engine.search("ทุเรียน~2")).looser, { each: ["ทุเรียน", "2"] });
  assert.deepEqual(await ids("+ทุเรียน -ส่งออก"), [0]);
  assert.deepEqual(await ids("ทุ*"), [0, 1]);
});

test("words that are Object.prototype names are ordinary words", async () => {
  const engine = engineFor(DOCS, { words: WORDS, variants: VARIANTS });
  assert.deepEqual((await engine.search("constructor")).results.map((r) => r.id), [1]);
  assert.equal((await engine.search("__proto__")).total, 0);
  const both = await engine.search("ทุเรียน constructor");
  assert.deepEqual(both.results.map((r) => r.id), [1]);
  assert.deepEqual(both.tokens, [{ term: "ทุเรียน", prefix: false },
    { term: "constructor", prefix: false }]);
});

test("a 10,000-character query is searched by its first words", async () => {
  const engine = engineFor(DOCS, { words: WORDS, variants: VARIANTS });
  const found = await engine.search(`ส่งออก ${"ก".repeat(10_000)}`);
  assert.ok(found.tokens.length >= 1 && found.tokens[0].term === "ส่งออก");
});
