// Typos, browser side: the shared vectors (tests/vectors/typos.json, the
// rules as the build writes them), the distance, and when to correct.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { ranked } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/correction.js";
import {
  COST, deletes, distance, lookupKeys, neighbourSet, otherLayout, skeleton,
} from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/typos.js";

const data = JSON.parse(readFileSync(new URL("../vectors/typos.json", import.meta.url)));
const { rules } = data;
const near = neighbourSet(rules);

test("vectors: the key of each word and a key's deletions", () => {
  for (const [word, key] of data.skeleton) assert.equal(skeleton(rules, word), key, word);
  for (const [key, cut] of data.deletes) assert.deepEqual(deletes(rules, key).sort(), cut, key);
});

test("vectors: a query read with the other keyboard layout", () => {
  for (const [raw, mapped] of data.layout) assert.equal(otherLayout(rules, raw), mapped, raw);
  assert.equal(otherLayout(rules, "ข่าว covid"), null); // both scripts: typed on purpose
  assert.equal(otherLayout(rules, "2567"), null); // nothing to change... digits are keys too
});

test("distance: Thai typists' slips are cheap, other letters are not", () => {
  const d = (a, b) => distance(rules, near, a, b);
  assert.equal(d("ข่าว", "ข่าว"), 0);
  assert.equal(d("ขาว", "ข่าว"), COST.slip); // a tone mark
  assert.equal(d("สุขภาพ", "สุขภาพ"), 0);
  assert.equal(d("สาธารนสุข", "สาธารณสุข"), COST.slip); // ณ/น
  assert.equal(d("ไจ", "ใจ"), COST.slip);
  assert.equal(d("ประยุทธ", "ประยุทธ์"), COST.slip); // karan
  assert.equal(d("กัมลัง", "กำลัง"), 0); // ำ read as ัม
  assert.equal(d("กระทวง", "กระทรวง"), COST.other); // a dropped letter
  assert.equal(d("ดาว", "กาว"), COST.near); // ด and ก are neighbouring keys (f, d)
  assert.equal(d("เรือ", "เสือ"), COST.other);
  assert.equal(d("ab", "ba"), COST.swap);
});

test("lookup keys: a word and its misspelling share one", () => {
  const shared = (a, b) => lookupKeys(rules, a).some((k) => lookupKeys(rules, b).includes(k));
  assert.ok(shared("สาธารนสุข", "สาธารณสุข"));
  assert.ok(shared("กระทวง", "กระทรวง"));
  assert.ok(shared("กระทรวงง", "กระทรวง"));
  assert.ok(!shared("ขาว", "กาว"));
});

test("when to correct: close and clearly ahead; else suggest; else nothing", () => {
  const one = ranked(rules, near, "สาธารนสุข", [["สาธารณสุข", 120], ["สาธารณะ", 300]]);
  assert.equal(one.list[0].term, "สาธารณสุข");
  assert.ok(one.confident);
  // two as close and alike common: suggestions, not a correction
  const two = ranked(rules, near, "ขาว", [["ข่าว", 40], ["ข้าว", 30]]);
  assert.deepEqual(two.list.map((c) => c.term), ["ข่าว", "ข้าว"]);
  assert.ok(!two.confident);
  // as close, but one is far more common
  assert.ok(ranked(rules, near, "ขาว", [["ข่าว", 400], ["ข้าว", 30]]).confident);
  // too far: neither
  const far = ranked(rules, near, "ราคาทอง", [["ราคายาง", 50]]);
  assert.ok(far.list.length === 0 || !far.confident);
  assert.deepEqual(ranked(rules, near, "ข่าว", [["ข่าว", 9]]).list, []); // itself
});
