// Sort and date range in the engine (engine.js, result-order.js): newest
// first lists the same documents as relevance, by id alone; a range is an
// id span from the month table, fetched only when a range is asked; a
// search that uses neither fetches exactly what it fetched before.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

import { INDEX_VERSION, SearchEngine } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/engine.js";
import { IndexLoadError } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/pieces.js";
import { chunksOf, newestFirst, typedFirst } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/result-order.js";
import { codeBounds, indexFile } from "./memory-index.mjs";

const lunr = createRequire(import.meta.url)("lunr");

// Six documents in date order (ids), two per result chunk. Fields: title,
// body, facet. การ is very common (a bitmap of all six, its best document
// 1); ทุเรียน is listed.
const DATES = ["2023-01-05", "2023-01-20", "2023-03-01", "2023-06-30", "2024-02-01", "2024-02-09"];
const ROWS = DATES.map((date, id) => [`n${id}/`, `ข่าว ${id}`, date, id % 2, `00000000000${id}`]);
const TERMS = {
  "ทุเรียน": [[0, [0, 2], [2000, 2000]], [1, [3, 2], [300, 900]]], // title 0, 2; body 3, 5
  "~c0": [[2, [0, 2, 2], [0, 0, 0]]], // 0, 2, 4
  "~c1": [[2, [1, 2, 2], [0, 0, 0]]], // 1, 3, 5
};
const COMMON = { "การ": { c: "Pw==", n: 6, f: 1, w: 100, b: [[0, [1], [3000]]] } };
const MONTHS = [["2023-01", 0, 1], ["2023-03", 2, 2], ["2023-06", 3, 3], ["2024-02", 4, 5]];

function fixture({ commonLimit = 1000, pageSize = 2 } = {}) {
  const entries = [...Object.keys(TERMS), ...Object.keys(COMMON)].sort();
  const files = {};
  entries.forEach((entry, i) => {
    files[`/s/t/${i}-g0.json`] = { terms: { [entry]: TERMS[entry] ?? COMMON[entry] }, words: [] };
  });
  files["/s/manifest.json"] = {
    version: INDEX_VERSION, docCount: 6, fields: ["title", "body", "facet"], facetField: "facet",
    pieces: { count: entries.length, codedBounds: codeBounds(["", ...entries.slice(1)]), perGroup: 8, groups: ["g0"] },
    prefixMin: 2, prefixMaxPieces: 6, pageSize, commonLimit,
    categories: ["ด้านเศรษฐกิจ", "ด้านสังคม"], years: [[2023, 0, 3], [2024, 4, 5]],
    variants: { terms: {}, phrases: {} },
    docs: { perChunk: 2, perGroup: 2, groups: ["v0", "v1"] },
  };
  for (let c = 0; c < 3; c++) files[`/s/d/${c}-v${c >> 1}.json`] = { docs: ROWS.slice(2 * c, 2 * c + 2) };
  // The month table: the file after the last chunk, in the last group.
  files["/s/d/3-v1.json"] = { months: MONTHS };
  const log = [];
  const fetcher = async (url) => {
    log.push(url);
    const data = indexFile(files, url);
    if (data === undefined) throw new IndexLoadError(url, "HTTP 404");
    return data;
  };
  return Object.assign(new SearchEngine({ lunr, baseUrl: "/s/", fetcher }), { log, files });
}

const ids = (found) => found.results.map((r) => r.id);

test("newest first lists what relevance lists, highest id first", async () => {
  for (const [q, options] of [["ทุเรียน", {}], ["การ", {}], ["ทุเรียน การ", {}],
    ["ทุเรียน", { category: "ด้านสังคม" }], ["การ", { year: "2023" }]]) {
    const relevance = await fixture().search(q, options);
    const newest = await fixture().search(q, { ...options, sort: "newest" });
    assert.deepEqual(ids(newest), [...ids(relevance)].sort((a, b) => b - a), q);
    assert.equal(newest.total, relevance.total, q);
  }
  assert.deepEqual(ids(await fixture().search("ทุเรียน", { sort: "newest" })), [5, 3, 2, 0]);
});

test("newest first lists every match of a very common word, beyond what relevance ranks", async () => {
  const relevance = await fixture({ commonLimit: 2 }).search("การ");
  assert.deepEqual(ids(relevance).sort(), [1, 4, 5]); // the newest two and its best document
  assert.equal(relevance.total, 6);
  const newest = await fixture({ commonLimit: 2 }).search("การ", { sort: "newest" });
  assert.deepEqual(ids(newest), [5, 4, 3, 2, 1, 0]);
  assert.equal(newest.total, 6);
});

test("newest first fetches the rows of its first page only", async () => {
  const engine = fixture();
  const found = await engine.search("การ", { sort: "newest" });
  await Promise.all(found.results.slice(0, 2).map((r) => engine.doc(r.id)));
  assert.deepEqual(engine.log.filter((url) => url.includes("/d/")), ["/s/d/2-v1.json"]);
  assert.deepEqual(chunksOf([5, 4, 3], new Map([[3, []]]), 2), [2]);
  assert.deepEqual(newestFirst(new Set([2, 10, 1])), [{ id: 10, score: 0 }, { id: 2, score: 0 },
    { id: 1, score: 0 }]);
});

test("a range is the months' documents, with the year and the category", async () => {
  const search = (q, options) => fixture().search(q, options).then(ids);
  assert.deepEqual(await search("การ", { from: "2023-01", to: "2023-03", sort: "newest" }), [2, 1, 0]);
  assert.deepEqual(await search("การ", { from: "2023-02", sort: "newest" }), [5, 4, 3, 2]);
  assert.deepEqual(await search("การ", { to: "2023-01", sort: "newest" }), [1, 0]);
  assert.deepEqual((await search("ทุเรียน", { from: "2023-03", to: "2024-02" })).sort(), [2, 3, 5]);
  assert.deepEqual(await search("ทุเรียน", { from: "2023-03", category: "ด้านสังคม", sort: "newest" }),
    [5, 3]);
  assert.deepEqual(await search("การ", { from: "2023-03", year: "2023", sort: "newest" }), [3, 2]);
  // months without an article, and a year outside the range: nothing
  assert.deepEqual(await search("การ", { from: "2023-07", to: "2024-01" }), []);
  assert.deepEqual(await search("การ", { from: "2024-01", year: "2023" }), []);
});

test("sort and range add no request to a search that does not use them", async () => {
  const plain = fixture();
  await plain.search("ทุเรียน");
  const unused = fixture();
  await unused.search("ทุเรียน", { sort: "", from: "", to: "" });
  assert.deepEqual(unused.log, plain.log);
  assert.ok(!plain.log.includes("/s/d/3-v1.json"));
  const ranged = fixture();
  await ranged.search("ทุเรียน", { from: "2023-03" });
  // the month table, besides the pieces and the first page's rows
  const notRows = (log) => log.filter((url) => !/\/d\/[0-2]-/.test(url));
  assert.deepEqual(notRows(ranged.log), [...notRows(plain.log), "/s/d/3-v1.json"].sort((a, b) =>
    ranged.log.indexOf(a) - ranged.log.indexOf(b)));
});

test("a damaged month table is an error, not a wrong list", async () => {
  const engine = fixture();
  engine.files["/s/d/3-v1.json"] = { months: [["2023-1", 0, 1]] };
  await assert.rejects(engine.search("การ", { from: "2023-01" }), IndexLoadError);
});

test("relevance: the documents with every form as typed first, each tier in its order", () => {
  const hit = (ref, ...terms) => ({ ref: String(ref), matchData: { metadata: Object.fromEntries(terms.map((t) => [t, {}])) } });
  const results = [{ id: 5, score: 9 }, { id: 2, score: 8 }, { id: 7, score: 7 }, { id: 1, score: 6 }];
  const hits = [hit(5, "~หวย"), hit(2, "~หวย", "หวย"), hit(7, "~หวย"), hit(1, "~หวย", "หวย")];
  assert.deepEqual(typedFirst(results, hits, ["หวย"]).map((r) => r.id), [2, 1, 5, 7]);
  assert.deepEqual(typedFirst(results, hits, []), results);
  assert.deepEqual(typedFirst(results, hits, ["หวย", "รถเมล์"]), results); // none has both
});
