// Word order: glued runs and quoted phrases must stand together, over a
// small in-memory index in the real format 5 (pieces, and positions files
// as positions.py writes them).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

import { INDEX_VERSION, SearchEngine } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/engine.js";
import { codeBounds, indexFile } from "./memory-index.mjs";

const lunr = createRequire(import.meta.url)("lunr");

/**
 * docs: one list per document of [term, start] in its title (field 0). A
 * term ends len(term) after its start, a key ("~...") at the end given as
 * [term, start, end]. common: terms stored as very common bitmaps, with
 * their own positions file unless listed in `unpositioned`; of those, the
 * words in `paired` keep pairs with their neighbours (pairs.py), except the
 * pairs in `dropped` (too common: 0).
 */
function engineFor(docs, { words = [], common = [], unpositioned = [], paired = [], dropped = [],
  pairFields = paired.length ? [0] : [], prefixMaxPieces = 6, variants } = {}) {
  const postings = new Map();
  docs.forEach((terms, id) => {
    for (const [term, start, end] of terms) {
      if (!postings.has(term)) postings.set(term, new Map());
      const at = postings.get(term);
      if (!at.has(id)) at.set(id, []);
      at.get(id).push(...(term.startsWith("~") ? [start, end] : [start]));
    }
  });
  // Pairs: x ends where y starts, one of them paired; kept once, as pairs.py
  // does. A pair with a key ("~...") keeps its span [start, end], as a key does.
  const pairs = new Map();
  const spanned = (key) => key.split(" ").some((term) => term.startsWith("~"));
  docs.forEach((terms, id) => {
    for (const [x, start, xEnd] of terms) {
      for (const [y, next, yEnd] of terms) {
        if (next !== (x.startsWith("~") ? xEnd : start + x.length)) continue;
        if (!paired.includes(x) && !paired.includes(y)) continue;
        const key = `${x} ${y}`;
        if (!pairs.has(key)) pairs.set(key, new Map());
        if (!pairs.get(key).has(id)) pairs.get(key).set(id, []);
        const end = y.startsWith("~") ? yEnd : next + y.length;
        pairs.get(key).get(id).push(...(spanned(key) ? [start, end] : [start]));
      }
    }
  });
  const entries = [...new Set([...postings.keys(), ...words])].sort();
  const files = {};
  const deltas = (ids) => ids.map((id, i) => (i ? id - ids[i - 1] : id));
  const positionsOf = (term) => {
    const at = postings.get(term);
    const ids = [...at.keys()].sort((a, b) => a - b);
    const width = term.startsWith("~") ? 2 : 1;
    return [[0, deltas(ids), ids.map((id) => at.get(id).length / width), ids.flatMap((id) => at.get(id))]];
  };
  const groups = [];
  entries.forEach((entry, p) => {
    if (p % 2 === 0) groups.push(`g${p}`);
    const piece = { terms: {}, words: [], rows: {} };
    if (!postings.has(entry)) piece.words.push(entry);
    else if (common.includes(entry)) {
      let bits = 0;
      for (const id of postings.get(entry).keys()) bits |= 1 << id;
      piece.terms[entry] = { c: Buffer.from([bits]).toString("base64"), n: postings.get(entry).size,
        f: 0, w: 100 };
      if (!unpositioned.includes(entry)) {
        const name = `c${String(p).padStart(11, "0")}`.slice(0, 12).replace(/[^0-9a-f]/g, "c");
        piece.terms[entry].p = name;
        files[`/s/p/${name}.json`] = { [entry]: positionsOf(entry) };
      }
    } else {
      const ids = [...postings.get(entry).keys()].sort((a, b) => a - b);
      piece.terms[entry] = [[0, deltas(ids), ids.map(() => 1000)]];
      const name = `${String(p).padStart(12, "0")}`;
      piece.p = name;
      files[`/s/p/${name}.json`] = { [entry]: positionsOf(entry) };
    }
    const mine = [...pairs.keys()].filter((key) => key.startsWith(`${entry} `)).sort();
    if (mine.length) {
      const name = `a${String(p).padStart(11, "0")}`;
      piece.q = [[mine[0], name]];
      files[`/s/p/${name}.json`] = Object.fromEntries(mine.map((key) => {
        const at = pairs.get(key);
        const ids = [...at.keys()].sort((a, b) => a - b);
        return [key, dropped.includes(key) ? 0
          : [[0, deltas(ids), ids.map((id) => at.get(id).length / (spanned(key) ? 2 : 1)),
            ids.flatMap((id) => at.get(id))]]];
      }));
    }
    if (paired.includes(entry)) piece.terms[entry].a = 1;
    files[`/s/t/${p}-${groups.at(-1)}.json`] = piece;
  });
  files["/s/d/0-v.json"] = { docs: docs.map((_, id) => [`n${id}/`, `ข่าว ${id}`, "2024-01-01", 0, "0123456789ab"]) };
  files["/s/manifest.json"] = {
    version: INDEX_VERSION, docCount: docs.length, fields: ["title", "facet"], facetField: "facet",
    pieces: { count: entries.length, codedBounds: codeBounds(["", ...entries.slice(1)]), perGroup: 2, groups },
    prefixMin: 2, prefixMaxPieces, pairFields, pageSize: 10, commonLimit: 1000, categories: ["ข่าว"],
    years: [[2024, 0, docs.length - 1]], variants: variants || { terms: {}, phrases: {} },
    docs: { perChunk: 16, perGroup: 256, groups: ["v"] },
  };
  const log = [];
  const fetcher = async (url) => {
    log.push(url);
    const data = indexFile(files, url);
    if (data === undefined) throw new Error(`HTTP 404 ${url}`);
    return data;
  };
  const engine = new SearchEngine({ lunr, baseUrl: "/s/", fetcher });
  engine.log = log;
  engine.files = files;
  return engine;
}

const ids = (found) => found.results.map((r) => r.id).sort((a, b) => a - b);

// 0: ราคายาง (together)  1: ราคา ... ยาง (apart)  2: ยางราคา (the other order)
// 3: ราคายางพารา, the index cut as ราคา + ยางพารา, with ยางพารา's parts
const DOCS = [
  [["ราคา", 0], ["ยาง", 4], ["พุ่ง", 7]],
  [["ราคา", 0], ["ทอง", 4], ["ตลาด", 7], ["ยาง", 12]],
  [["ยาง", 0], ["ราคา", 3]],
  [["ราคา", 0], ["ยางพารา", 4], ["ยาง", 4], ["พารา", 7]],
];

test("a glued run matches only where its words stand together, in order", async () => {
  const engine = engineFor(DOCS);
  assert.deepEqual(ids(await engine.search("ราคายาง")), [0, 3]);
  assert.deepEqual(ids(await engine.search("ยางราคา")), [2]);
  assert.deepEqual(ids(await engine.search("ราคา ยาง")), [0, 1, 2, 3]); // spaced: anywhere
});

test("a run matches however the index cut the text: a compound's parts stand where it does", async () => {
  const engine = engineFor(DOCS);
  assert.deepEqual(ids(await engine.search("ราคายางพารา")), [3]);
  assert.deepEqual(ids(await engine.search("\"ราคา ยาง พารา\"")), [3]);
});

test("a quoted phrase matches exactly that sequence, across spaces", async () => {
  const engine = engineFor(DOCS);
  assert.deepEqual(ids(await engine.search("\"ราคา ยาง\"")), [0, 3]);
  const found = await engine.search("\"ทอง ราคา\"");
  assert.equal(found.total, 0);
  assert.deepEqual(found.looser, { split: "ทอง ราคา" });
});

test("nothing together: no results, the looser reading offered instead", async () => {
  const engine = engineFor(DOCS);
  const found = await engine.search("ทองยาง");
  assert.deepEqual([found.total, found.results], [0, []]);
  assert.deepEqual(found.looser, { split: "ทอง ยาง" });
  assert.deepEqual(ids(await engine.search(found.looser.split)), [1]);
  // the words spaced would find nothing either: each typed word is offered
  const none = await engine.search("พุ่งทอง ตลาด");
  assert.deepEqual(none.looser, { each: ["พุ่งทอง", "ตลาด"] });
});

test("the last word of a glued run completes; a whole word alone does not", async () => {
  const engine = engineFor(DOCS, { words: ["ราค"] });
  const found = await engine.search("ราคายางพ");
  assert.deepEqual(ids(found), [3]);
  assert.deepEqual(found.tokens, [{ term: "ราคา", prefix: false }, { term: "ยางพ", prefix: true }]);
  // ราคายาง: ยาง is read as ยาง... too (ยางพารา stands after ราคา in 3)
  assert.deepEqual((await engine.search("ราคายาง")).tokens.at(-1), { term: "ยาง", prefix: true, whole: true });
  assert.deepEqual((await engine.search("ยาง")).tokens, [{ term: "ยาง", prefix: false }]);
  assert.equal((await engine.search("ราค")).total, 0); // a dictionary word on no page
});

test("a one-word query fetches no positions; words in a row or spaced do", async () => {
  const engine = engineFor(DOCS);
  await engine.search("ยาง");
  await engine.search("ยางพ");
  assert.ok(!engine.log.some((url) => url.includes("/p/")), engine.log.join(" "));
  await engine.search("ราคายาง");
  assert.ok(engine.log.some((url) => url.includes("/p/")));
  const spaced = engineFor(DOCS);
  await spaced.search("ราคา ยาง"); // closeness ranks them
  assert.ok(spaced.log.some((url) => url.includes("/p/")));
});

test("spaced words: where they stand closer, the document ranks higher", async () => {
  const engine = engineFor(DOCS);
  const order = (await engine.search("ราคา ยาง")).results.map((r) => r.id);
  // 0 and 3 side by side, 2 side by side in the other order, 1 eight letters apart
  assert.equal(order.at(-1), 1);
  const far = engineFor([[["ทอง", 0], ["ตลาด", 40]], [["ทอง", 0], ["ตลาด", 4]],
    [["ทอง", 0], ["ราคา", 3], ["ตลาด", 7]]]);
  assert.deepEqual((await far.search("ตลาด ทอง")).results.map((r) => r.id), [1, 2, 0]);
  // a very common word is not measured (its positions cost too much): lunr's
  // order stands, equal scores by recency
  const common = engineFor([[["ทอง", 0], ["ตลาด", 4]], [["ทอง", 0], ["ตลาด", 40]]],
    { common: ["ทอง"] });
  assert.deepEqual((await common.search("ตลาด ทอง")).results.map((r) => r.id), [1, 0]);
  assert.ok(!common.log.some((url) => url.includes("/p/")));
});

test("very common words: their own positions, or the gap a word without them fills", async () => {
  const common = engineFor(DOCS, { common: ["ราคา"] });
  assert.deepEqual(ids(await common.search("ราคายาง")), [0, 3]);
  // ทอง keeps no positions: ราคา and ตลาด must leave exactly its length between them
  const gap = engineFor(DOCS, { common: ["ทอง"], unpositioned: ["ทอง"] });
  assert.deepEqual(ids(await gap.search("ราคาทองตลาด")), [1]);
  // ทอง first: nothing fixes where it stands, so the run cannot be checked
  // and finds nothing (precision first); the looser reading is offered.
  const edge = await gap.search("ทองราคา");
  assert.equal(edge.total, 0);
  assert.deepEqual(edge.looser, { split: "ทอง ราคา", unchecked: true });
  // a run that was checked and found apart is not "unchecked"
  assert.deepEqual((await gap.search("ยางราคาตลาด")).looser?.unchecked, undefined);
});

test("a very common word at either end of a run is read with its neighbour, as a pair", async () => {
  // ราคา and ยาง keep no positions but pairs with their neighbours
  const opts = { common: ["ราคา", "ยาง"], unpositioned: ["ราคา", "ยาง"], paired: ["ราคา", "ยาง"] };
  // 4: ยาง ทอง ราคา  5: ราคา ทอง ตลาด ยาง, all side by side  6: ตลาด ยางพารา
  const docs = [...DOCS, [["ยาง", 0], ["ทอง", 3], ["ราคา", 6]],
    [["ราคา", 0], ["ทอง", 4], ["ตลาด", 7], ["ยาง", 11]], [["ตลาด", 0], ["ยางพารา", 4]]];
  const engine = engineFor(docs, opts);
  assert.deepEqual(ids(await engine.search("ราคายาง")), [0, 3]);
  assert.deepEqual(ids(await engine.search("ยางราคา")), [2]);
  assert.deepEqual(ids(await engine.search("\"ราคา ยาง\"")), [0, 3]);
  // pairs with a word that keeps positions, at the start and at the end
  assert.deepEqual(ids(await engine.search("ยางพุ่ง")), [0]);
  // in 1 a space apart; ยาง... read as ยางพารา too (whose positions are
  // its own: joined with ตลาด's, not looked up as a pair)
  assert.deepEqual(ids(await engine.search("ตลาดยาง")), [5, 6]);
  assert.deepEqual(ids(await engine.search("ตลาดยา")), [5, 6]);
  assert.deepEqual(ids(await engine.search("ราคาทองตลาด")), [1, 5]);
  assert.deepEqual(ids(await engine.search("ราคายางพุ่ง")), [0]);
  // both ends pairs, sharing the middle word; and two pairs side by side
  assert.deepEqual(ids(await engine.search("ยางทองราคา")), [4]);
  assert.deepEqual(ids(await engine.search("ราคาทองตลาดยาง")), [5]);
  // a pair that never occurs: checked, nothing found, not "unchecked"
  const never = await engine.search("ยางตลาด");
  assert.equal(never.total, 0);
  assert.deepEqual(never.looser, { split: "ยาง ตลาด" });
  // the index cut ราคายางพารา as ราคา + ยางพารา and its parts: pairs with each
  assert.deepEqual(ids(await engine.search("ราคายางพารา")), [3]);
  // a word that keeps no pairs (the commonest) still cannot be checked
  const bare = engineFor(DOCS, { ...opts, paired: [] });
  assert.deepEqual((await bare.search("ราคายาง")).looser, { split: "ราคา ยาง", unchecked: true });
  // nor a pair too common to have kept positions
  const many = engineFor(DOCS, { ...opts, dropped: ["ยาง ราคา", "ราคา ยาง"] });
  const most = await many.search("ยางราคา");
  assert.deepEqual([most.total, most.looser], [0, { split: "ยาง ราคา", unchecked: true }]);
  // ...which is left out where the run has other readings: ยาง... as ยางพารา
  assert.deepEqual(ids(await many.search("ราคายาง")), [3]);
  // pairs kept in fewer fields than positions: found there only, and said so
  const some = engineFor(DOCS, { ...opts, pairFields: [] });
  const titles = await some.search("ราคายาง");
  assert.deepEqual([ids(titles), titles.looser], [[0, 3], { split: "ราคา ยาง", partial: true }]);
  assert.deepEqual((await some.search("ยางตลาด")).looser, { split: "ยาง ตลาด", partial: true });
  assert.equal((await engine.search("ราคายาง")).looser, null);
  // a one-word query still fetches no positions of any kind
  const one = engineFor(DOCS, opts);
  await one.search("ราคา");
  assert.ok(!one.log.some((url) => url.includes("/p/")), one.log.join(" "));
});

test("positions that pairs stand for are never fetched; a file without the term is read again", async () => {
  const opts = { common: ["ราคา", "ยาง"], unpositioned: ["ราคา", "ยาง"], paired: ["ราคา", "ยาง"] };
  const docs = [...DOCS, [["ตลาด", 0], ["ยางพารา", 4]]];
  const own = (engine) => engine.log.filter((url) => /\/p\/\d{12}\.json$/.test(url));
  // ราคา keeps pairs: ราคา + ยาง… (ยาง, ยางพารา) are all read as pairs, so
  // ยางพารา's own positions, which the index keeps, are not fetched
  const paired = engineFor(docs, opts);
  assert.deepEqual(ids(await paired.search("ราคายาง")), [0, 3]);
  assert.deepEqual(own(paired), []);
  // ตลาด keeps no pairs: ตลาด + ยางพารา is joined from their own positions
  assert.deepEqual(ids(await paired.search("ตลาดยาง")), [4]);
  assert.equal(own(paired).length, 2);
  // A positions file that lacks a term it was expected to hold (ยางพารา):
  // the chain is read again with every term's positions fetched first, as
  // before the lazy reading, and gives that reading's answer.
  const lacking = engineFor(docs, opts);
  for (const file of Object.values(lacking.files)) {
    if (file && typeof file === "object" && "ยางพารา" in file && !("terms" in file)) delete file["ยางพารา"];
  }
  const found = await lacking.search("ตลาดยาง");
  assert.deepEqual([ids(found), found.looser], [[], { split: "ตลาด ยาง", unchecked: true }]);
});

test("a run whose pairs could not all be looked up finds nothing as unchecked", async () => {
  // ยาง... completes to ten words that keep pairs: 8 are looked up at most
  const more = "กขคงจฉชซฌญ".split("").map((c) => `ยาง${c}`);
  const docs = [[["ราคา", 0], ["ทอง", 5], ["ยาง", 10]], [["ยาง", 0], ["ทอง", 4]],
    ...more.map((term) => [[term, 0], ["ทอง", 5]])];
  const words = ["ราคา", "ยาง", ...more];
  const engine = engineFor(docs, { common: words, unpositioned: words, paired: words,
    prefixMaxPieces: 20 });
  const found = await engine.search("ราคายาง");
  assert.deepEqual([found.total, found.looser], [0, { split: "ราคา ยาง", unchecked: true }]);
  // with all its pairs looked up, the same search is checked: never together
  const few = engineFor(docs.slice(0, 4), { common: words.slice(0, 4),
    unpositioned: words.slice(0, 4), paired: words.slice(0, 4) });
  assert.deepEqual((await few.search("ราคายาง")).looser, { split: "ราคา ยาง" });
});

test("a variant key stands where its form starts and ends", async () => {
  // มติคณะรัฐมนตรีเห็นชอบ: the key ~ครม covers คณะรัฐมนตรี (3..14)
  const docs = [[["มติ", 0], ["คณะรัฐมนตรี", 3], ["~ครม", 3, 14], ["เห็นชอบ", 14]],
    [["มติ", 0], ["ประชุม", 3], ["~ครม", 9, 12], ["ครม", 9], ["เห็นชอบ", 20]]];
  const engine = engineFor(docs, { variants: { terms: { "ครม": "~ครม", "คณะรัฐมนตรี": "~ครม" }, phrases: {} } });
  assert.deepEqual(ids(await engine.search("มติครม.เห็นชอบ")), [0]);
  assert.deepEqual(ids(await engine.search("\"ครม เห็นชอบ\"")), [0]);
});

test("a very common variant key pairs with its neighbour: a glued run ending or starting with it is checked", async () => {
  // 0: นายกรัฐมนตรีเวียดนาม (the key ~นรม covers นายกรัฐมนตรี, 0..12), 1: นรมเวียดนาม,
  // 2: นายกรัฐมนตรี ... เวียดนาม apart, 3: เวียดนามนายกรัฐมนตรี
  const docs = [[["นายกรัฐมนตรี", 0], ["~นรม", 0, 12], ["เวียดนาม", 12]],
    [["นรม", 0], ["~นรม", 0, 3], ["เวียดนาม", 3]],
    [["นายกรัฐมนตรี", 0], ["~นรม", 0, 12], ["พบ", 13], ["เวียดนาม", 15]],
    [["เวียดนาม", 0], ["นายกรัฐมนตรี", 8], ["~นรม", 8, 20]]];
  const variants = { terms: { "นรม": "~นรม", "นายกรัฐมนตรี": "~นรม" }, phrases: {} };
  const opts = { common: ["~นรม"], unpositioned: ["~นรม"], variants };
  const engine = engineFor(docs, { ...opts, paired: ["~นรม"] });
  assert.deepEqual(ids(await engine.search("นายกรัฐมนตรีเวียดนาม")), [0, 1]);
  assert.deepEqual(ids(await engine.search("\"เวียดนาม นรม\"")), [3]);
  assert.deepEqual(ids(await engine.search("\"นรม เวียดนาม\"")), [0, 1]);
  // The pair's span, then a word that must start where it ends; over
  // documents with several spans each, read as [start, end] pairs.
  const more = [[["นายกรัฐมนตรี", 0], ["~นรม", 0, 12], ["เวียดนาม", 12], ["พบ", 20],
    ["นรม", 30], ["~นรม", 30, 33], ["เวียดนาม", 33]],
  [["นรม", 0], ["~นรม", 0, 3], ["เวียดนาม", 3], ["พบ", 11]],
  [["ที่", 0], ["เวียดนาม", 3], ["นายกรัฐมนตรี", 11], ["~นรม", 11, 23]],
  [["เวียดนาม", 0], ["นรม", 8], ["~นรม", 8, 11], ["ที่", 20], ["เวียดนาม", 23], ["พบ", 31]]];
  const paired = engineFor(more, { ...opts, paired: ["~นรม"] });
  assert.deepEqual(ids(await paired.search("นายกรัฐมนตรีเวียดนามพบ")), [0, 1]);
  assert.deepEqual(ids(await paired.search("\"ที่เวียดนามนายกรัฐมนตรี\"")), [2]);
  // A key with positions of its own, beside a very common word that keeps
  // pairs: the pair is the word's (แอปพลิเคชันทาง, แอพทาง; 2: apart).
  const app = [[["แอปพลิเคชัน", 0], ["~แอป", 0, 11], ["ทาง", 11]],
    [["แอพ", 0], ["~แอป", 0, 3], ["ทาง", 3]], [["แอพ", 0], ["~แอป", 0, 3], ["ใหม่", 3], ["ทาง", 7]]];
  const appVariants = { terms: { "แอพ": "~แอป", "แอปพลิเคชัน": "~แอป" }, phrases: {} };
  const near = engineFor(app, { common: ["ทาง"], unpositioned: ["ทาง"], paired: ["ทาง"],
    variants: appVariants });
  assert.deepEqual(ids(await near.search("แอปพลิเคชันทาง")), [0, 1]);
  // Without pairs the key cannot be checked: nothing, and the page says why.
  const bare = await engineFor(docs, opts).search("นายกรัฐมนตรีเวียดนาม");
  assert.equal(bare.total, 0);
  assert.equal(bare.looser.unchecked, true);
});

test("bad input: bounded work, no exception, a message", async () => {
  const engine = engineFor(DOCS);
  for (const q of ["\"", "\"\"", "\"ราคา", "ราคา\"", "\"\"\"ยาง", "ราคายาง".repeat(30),
    "ก".repeat(200), "ราคายางพุ่ง".repeat(20),
    Array.from({ length: 50 }, () => "ก").join(" "), "“”", "\" \""]) {
    assert.ok(Number.isInteger((await engine.search(q)).total), q);
    // Again, its files loaded: the parsing and matching alone, at most 50 ms.
    const started = performance.now();
    const found = await engine.search(q);
    const ms = performance.now() - started;
    assert.ok(Number.isInteger(found.total), q);
    assert.ok(ms < 50, `${q.slice(0, 10)}: ${ms} ms`);
  }
  assert.deepEqual(ids(await engine.search("\"ราคายาง")), [0, 3]); // a quote still open
  assert.equal((await engine.search("\"\"")).total, 0);
});

test("a variant form typed in quotes: the articles with it as typed come first, then its group's", async () => {
  // 0: ขาย ลอตเตอรี่ (the official word of the group), 1: ขาย หวย (as typed)
  const docs = [[["ขาย", 0], ["ลอตเตอรี่", 3], ["~หวย", 3, 12]],
    [["ขาย", 0], ["หวย", 3], ["~หวย", 3, 6]]];
  const engine = engineFor(docs, { variants: { terms: { "หวย": "~หวย", "ลอตเตอรี่": "~หวย" }, phrases: {} } });
  assert.deepEqual((await engine.search("\"ขาย หวย\"")).results.map((r) => r.id), [1, 0]);
  assert.deepEqual(ids(await engine.search("ขาย หวย")), [0, 1]); // found either way
});
