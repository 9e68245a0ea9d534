// Query side: the engine over a small in-memory index in the real piece
// format, and snippets.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

import { INDEX_VERSION, SearchEngine } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/engine.js";
import { snippet } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/highlight.js";
import { IndexLoadError } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/pieces.js";
import { decodeBounds } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/piece-data.js";
import { codeBounds, indexFile } from "./memory-index.mjs";

const lunr = createRequire(import.meta.url)("lunr");

// Three documents (ids are date order). Fields: title, body, facet.
const TERMS = {
  "ทุเรียน": [[0, [0], [2000]], [1, [1, 1], [500, 500]]], // title of 0; body of 1, 2 (tied)
  "ส่งออก": [[1, [0, 2], [300, 300]]], // body of 0 and 2
  "ข้าว": [[1, [1], [700]]], // body of 1
  "อุตสาหกรรม": [[1, [2], [600]]],
  "~c0": [[2, [0, 1], [0, 0]]],
  "~c1": [[2, [2], [0]]],
};
const WORDS = ["ตา", "วัด"];
// A very common term: a bitmap of docs 0-2, typical weight 0.1 in the body,
// exact weight in the title of its best document (2), and the rows of its
// one-word query's first page in its piece.
const COMMON = { "การ": { c: "Bw==", n: 3, f: 1, w: 100, b: [[0, [2], [3000]]] } };
const ROWS = [["a/", "ก", "2023-01-01", 0, "00000000000a"], ["b/", "ข", "2023-05-01", 0, "00000000000b"],
  ["c/", "ค", "2024-02-02", 1, "00000000000c"]];

function fixture({ corrupt = null, missing = null, commonRows = true, commonLimit = 1000,
  commonPiece = null, extraTerms = {}, completions = null, prefixMaxPieces = 6 } = {}) {
  const terms = { ...TERMS, ...extraTerms };
  const entries = [...new Set([...Object.keys(terms), ...Object.keys(COMMON), ...WORDS])].sort();
  const files = {};
  const groups = ["g0", "g1", "g2", "g3"]; // 3 pieces per group: t/<piece>-<group version>
  entries.forEach((entry, i) => {
    const piece = { terms: {}, words: [], rows: {} };
    if (terms[entry]) piece.terms[entry] = terms[entry];
    else if (COMMON[entry]) {
      piece.terms[entry] = COMMON[entry];
      if (commonRows) piece.rows = { 0: ROWS[0], 1: ROWS[1], 2: ROWS[2] };
      if (commonPiece) Object.assign(piece, commonPiece(piece));
    } else piece.words.push(entry);
    // Wide prefixes' listed completions, in the piece where each prefix would stand.
    for (const [prefix, listed] of Object.entries(completions || {})) {
      if (entries.filter((e) => e <= prefix).length - 1 === i) (piece.c ||= {})[prefix] = listed;
    }
    files[`/s/t/${i}-${groups[Math.floor(i / 3)]}.json`] = entry === corrupt ? { bogus: true } : piece;
  });
  const manifest = {
    version: INDEX_VERSION, docCount: 3, fields: ["title", "body", "facet"], facetField: "facet",
    pieces: { count: entries.length, codedBounds: codeBounds(["", ...entries.slice(1)]), perGroup: 3, groups },
    prefixMin: 2, prefixMaxPieces, pageSize: 10,
    commonLimit, categories: ["ด้านเศรษฐกิจ", "ด้านสังคม"],
    years: [[2023, 0, 1], [2024, 2, 2]], variants: { terms: {}, phrases: {} },
    docs: { perChunk: 2, perGroup: 1, groups: ["v0", "v1"] }, // chunk c: d/<c>-<version>
  };
  files["/s/manifest.json"] = manifest;
  files["/s/d/0-v0.json"] = { docs: ROWS.slice(0, 2) };
  files["/s/d/1-v1.json"] = { docs: ROWS.slice(2) };
  const log = [];
  const fetcher = async (url) => {
    log.push(url);
    const data = indexFile(files, url);
    if (url === missing || data === undefined) throw new IndexLoadError(url, "HTTP 404");
    return data;
  };
  return Object.assign(new SearchEngine({ lunr, baseUrl: "/s/", fetcher }), { log, files });
}

const ids = (found) => found.results.map((r) => r.id);

test("a title match ranks above body matches; ties go to the newer document", async () => {
  const found = await fixture().search("ทุเรียน");
  assert.deepEqual(ids(found), [0, 2, 1]);
  assert.equal(found.total, 3);
});

test("every word is required, glued or spaced", async () => {
  assert.deepEqual(ids(await fixture().search("ทุเรียน ส่งออก")), [0, 2]);
  // With a very common word too: lunr only scores the candidates.
  assert.deepEqual(ids(await fixture().search("การ ข้าว")), [1]);
  assert.deepEqual(ids(await fixture().search("ส่งออก การ", { category: "ด้านสังคม" })), [2]);
  // Glued, the words must stand together; this index keeps no positions,
  // so that cannot be checked: nothing, and the looser reading offered.
  const glued = await fixture().search("ส่งออกทุเรียน");
  assert.deepEqual([glued.total, glued.looser], [0, { split: "ส่งออก ทุเรียน", unchecked: true }]);
});

test("spaced words never together: no results, each word offered as its own search", async () => {
  const found = await fixture().search("ข้าว อุตสาหกรรม");
  assert.equal(found.total, 0);
  assert.deepEqual(found.results, []);
  assert.deepEqual(found.looser, { each: ["ข้าว", "อุตสาหกรรม"] });
  assert.equal((await fixture().search("ข้าว")).looser, null);
});

test("a whole word with no documents finds nothing, not a longer word", async () => {
  for (const q of ["ตา", "วัด", "ไม่มีคำนี้"]) {
    const found = await fixture().search(q);
    assert.equal(found.total, 0, q);
  }
});

test("the unfinished last word is a prefix", async () => {
  const found = await fixture().search("อุตสา");
  assert.deepEqual(found.tokens, [{ term: "อุตสา", prefix: true }]);
  assert.deepEqual(ids(found), [2]);
});

test("a prefix too wide to load expands to the completions the build listed", async () => {
  const wide = { extraTerms: { "ส่งเสริม": [[1, [1], [400]]] }, prefixMaxPieces: 2 };
  // ส่ง spans three pieces (the one it would stand in, ส่งออก, ส่งเสริม).
  const listed = fixture({ ...wide, completions: { "ส่ง": ["ส่งออก"] } });
  const found = await listed.search("ส่ง");
  assert.deepEqual(found.tokens, [{ term: "ส่ง", prefix: true }]);
  assert.deepEqual(ids(found), [2, 0]);
  const unlisted = Object.keys(listed.files).find((url) => listed.files[url].terms?.["ส่งเสริม"]);
  assert.ok(unlisted && !listed.log.includes(unlisted), "ส่งเสริม's piece is not fetched");
  // Narrow enough: every completion, from the pieces of the range.
  const all = await fixture({ extraTerms: wide.extraTerms }).search("ส่ง");
  assert.deepEqual(ids(all).sort(), [0, 1, 2]);
  // Nothing listed (an older index): nothing, rather than a guess.
  assert.equal((await fixture(wide).search("ส่ง")).total, 0);
});

test("filters: category facet and year id range", async () => {
  assert.deepEqual(ids(await fixture().search("ทุเรียน", { category: "ด้านสังคม" })), [2]);
  assert.deepEqual(ids(await fixture().search("ทุเรียน", { year: "2023" })), [0, 1]);
  assert.equal((await fixture().search("ทุเรียน", { year: "1999" })).total, 0);
});

test("the first page's rows are requested while lunr ranks, not after", async () => {
  const engine = fixture({ commonRows: false });
  await engine.open();
  engine.log.length = 0;
  const rank = engine.runQuery.bind(engine);
  let askedBeforeRanking = null;
  engine.runQuery = (...args) => {
    askedBeforeRanking ??= engine.log.includes("/s/d/0-v0.json");
    return rank(...args);
  };
  const found = await engine.search("ข้าว"); // document 1 only: its chunk, c0
  assert.deepEqual(ids(found), [1]);
  assert.equal(askedBeforeRanking, true, engine.log.join(" "));
  assert.ok(!engine.log.includes("/s/d/1-v1.json"));
  // A missing chunk is not an error of the search: doc() reports it.
  const broken = fixture({ missing: "/s/d/0-v0.json", commonRows: false });
  assert.deepEqual(ids(await broken.search("ข้าว")), [1]);
  await assert.rejects(broken.doc(1), IndexLoadError);
});

test("result data comes from the chunk", async () => {
  const engine = fixture();
  assert.deepEqual(await engine.doc(2), {
    id: 2, url: "c/", title: "ค", date: "2024-02-02", category: "ด้านสังคม", textFile: "00000000000c" });
});

test("a snippet's text comes from x/<name>.txt, through the text fetcher", async () => {
  const asked = [];
  const base = fixture();
  const engine = new SearchEngine({ lunr, baseUrl: "/s/", fetcher: base.fetcher,
    textFetcher: async (url) => {
      asked.push(url);
      if (url.endsWith("b.txt")) throw new IndexLoadError(url, "HTTP 404");
      return "ข้อความ";
    } });
  assert.equal(await engine.text(await engine.doc(0)), "ข้อความ");
  assert.deepEqual(asked, ["/s/x/00000000000a.txt"]);
  // A text an older build named: the next search reads the manifest again.
  await assert.rejects(engine.text(await engine.doc(1)), IndexLoadError);
  assert.equal(engine.ready, null);
  // A JSON fetcher of its own and no text fetcher: snippets are an error,
  // not a request to the network.
  const jsonOnly = new SearchEngine({ lunr, baseUrl: "/s/", fetcher: base.fetcher });
  await assert.rejects(jsonOnly.text(await jsonOnly.doc(0)), IndexLoadError);
});

test("a missing or corrupt piece is an error, never wrong results", async () => {
  await assert.rejects(fixture({ corrupt: "ทุเรียน" }).search("ทุเรียน"), IndexLoadError);
  await assert.rejects(fixture({ missing: "/s/manifest.json" }).search("ทุเรียน"), IndexLoadError);
});

test("a failed manifest load can be retried", async () => {
  let fail = true;
  const engine = fixture();
  const fetcher = engine.fetcher;
  engine.fetcher = async (url) => {
    if (fail) throw new IndexLoadError(url, "offline");
    return fetcher(url);
  };
  await assert.rejects(engine.search("ทุเรียน"));
  fail = false;
  assert.equal((await engine.search("ทุเรียน")).total, 3);
});

test("hostile queries are just text", async () => {
  for (const q of ["title:x", "~^*+-", "<script>", "\ud800", "ก".repeat(10000)]) {
    const found = await fixture().search(q);
    assert.ok(Array.isArray(found.results), q.slice(0, 10));
  }
});

test("snippet: a window around the first match, matches marked", () => {
  const text = "ข่าวทั่วไป ".repeat(30) + "การส่งออกทุเรียนไทยเติบโต ปี ๒๕๖๗";
  const parts = snippet(text, ["ทุเรียน", "2567"], 80);
  assert.ok(parts[0].text.startsWith("…"));
  assert.deepEqual(parts.filter((p) => p.match).map((p) => p.text), ["ทุเรียน", "๒๕๖๗"]);
  assert.equal(parts.map((p) => p.text).join("").includes("<"), false);
  assert.deepEqual(snippet("สั้น", ["ไม่มี"]), [{ text: "สั้น", match: false }]);
});

test("a first search fetches the manifest, its word's piece and its results' chunks: no lists", async () => {
  const engine = fixture();
  const found = await engine.search("ทุเรียน");
  await Promise.all(found.results.map((r) => engine.doc(r.id)));
  const piece = Object.keys(TERMS).concat(Object.keys(COMMON), WORDS).sort().indexOf("ทุเรียน");
  assert.equal(engine.log[0], "/s/manifest.json");
  assert.ok(engine.log.includes(`/s/t/${piece}-g${Math.floor(piece / 3)}.json`));
  // The word lists of the readings the segmenter looked up (parallel, in
  // the same round) and the chunks of the results: every name comes from
  // the manifest alone.
  assert.deepEqual(engine.log.filter((url) => !/^\/s\/([tw]\/\d+-g\d|d\/\d+-v\d)\.json$/.test(url)),
    ["/s/manifest.json"]);
  assert.deepEqual(engine.log.filter((url) => url.includes("/d/")), ["/s/d/0-v0.json", "/s/d/1-v1.json"]);
});

test("a glued run's shorter readings are asked of word lists; only the words found fetch pieces", async () => {
  const engine = fixture();
  const entries = Object.keys(TERMS).concat(Object.keys(COMMON), WORDS).sort();
  const file = (p) => `/s/t/${p}-g${Math.floor(p / 3)}.json`;
  // ตา (a word without postings) + การ, typed finished: the run is no word,
  // so its readings are explored (ต, ตาก, ตากา …, asked of word lists); the
  // whole run's piece (fetched at once, as most runs are one word) and the
  // words found are the only pieces fetched.
  const found = await engine.search("ตาการ ");
  assert.deepEqual(found.tokens, [{ term: "ตา", prefix: false }, { term: "การ", prefix: false }]);
  const pieces = engine.log.filter((url) => url.includes("/t/"));
  assert.deepEqual(new Set(pieces), new Set([file(entries.indexOf("ตา")), file(entries.indexOf("การ")),
    file(engine.store.pieceOf("ตาการ"))]));
  assert.ok(engine.log.some((url) => url.includes("/w/")));
  // A word list is fetched once, and never for a piece already loaded.
  const lists = engine.log.filter((url) => url.includes("/w/"));
  assert.equal(new Set(lists).size, lists.length);
  for (const url of lists) {
    const piece = engine.log.indexOf(url.replace("/w/", "/t/"));
    assert.ok(piece < 0 || piece > engine.log.indexOf(url));
  }
});

test("a very common word: its best documents rank first, and its first page's rows come with its piece", async () => {
  const engine = fixture();
  const found = await engine.search("การ");
  assert.deepEqual(ids(found), [2, 1, 0]); // exact title weight first; the rest tied, newest first
  assert.ok(found.results[0].score > found.results[1].score);
  const docs = await Promise.all(found.results.map((r) => engine.doc(r.id)));
  assert.deepEqual(docs.map((d) => d.title), ["ค", "ข", "ก"]);
  assert.deepEqual(engine.log.filter((url) => url.includes("/d/")), []);
});

test("a very common word: only the newest commonLimit beyond its best documents, all counted", async () => {
  const found = await fixture({ commonLimit: 1 }).search("การ");
  assert.deepEqual(ids(found), [2]); // best document 2 is also the newest
  assert.equal(found.total, 3);
});

test("a category narrows a very common word's documents before any are cut", async () => {
  const engine = fixture({ commonLimit: 1 });
  const found = await engine.search("การ", { category: "ด้านเศรษฐกิจ" }); // documents 0 and 1
  assert.deepEqual(ids(found), [1]); // the newest in the category, not document 2
  assert.equal(found.total, 2);
  assert.deepEqual(ids(await engine.search("การ", { year: "2023" })), [1]);
});

test("a corrupt very common term or row is an IndexLoadError, never wrong results", async () => {
  const broken = [
    () => ({ rows: [ROWS[0]] }), // rows must be keyed by document id
    () => ({ rows: { 0: ["a/", "ก", "yesterday", 0, "00000000000a"] } }),
    () => ({ rows: { 0: ["a/", "ก", "2023-01-01", 0, "../../secret"] } }),
    (piece) => ({ terms: { "การ": { ...piece.terms["การ"], b: [[0, [2], []]] } } }),
    (piece) => ({ terms: { "การ": { ...piece.terms["การ"], c: "<not base64>" } } }),
  ];
  for (const commonPiece of broken) {
    await assert.rejects(fixture({ commonPiece }).search("การ"), IndexLoadError, String(commonPiece));
  }
});

test("after a deploy renamed the files, the next search reads the new manifest", async () => {
  const engine = fixture();
  await engine.search("ทุเรียน");
  const files = engine.files;
  const query = "ข้าว"; // its piece was not fetched yet
  // The new build: every piece of the query's group renamed (new version),
  // old files gone.
  const manifest = structuredClone(files["/s/manifest.json"]);
  const piece = decodeBounds(manifest.pieces.codedBounds).findLastIndex((bound) => bound <= query);
  const group = Math.floor(piece / manifest.pieces.perGroup);
  const old = manifest.pieces.groups[group];
  manifest.pieces.groups[group] = `${old}new`;
  for (const url of Object.keys(files)) {
    if (url.endsWith(`-${old}.json`) && url.includes("/t/")) {
      files[url.replace(`-${old}.json`, `-${old}new.json`)] = files[url];
      delete files[url];
    }
  }
  files["/s/manifest.json"] = manifest;
  await assert.rejects(engine.search(query), IndexLoadError);
  assert.deepEqual(ids(await engine.search(query)), [1]);
});

test("a count: whether anything matches, with no ranking and no rows fetched", async () => {
  const engine = fixture();
  const found = await engine.search("ทุเรียน", { count: true });
  assert.ok(found.total > 0);
  assert.deepEqual(found.results, []);
  assert.equal(engine.log.filter((url) => url.includes("/d/")).length, 0);
  assert.equal((await engine.search("ทุเรียน ข้าว อุตสาหกรรม", { count: true })).total, 0);
});
