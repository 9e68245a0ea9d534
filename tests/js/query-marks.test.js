// The search words marked on an article (query-marks.js over text-view.js):
// the query read as the search reads it, tone marks respected, glued runs
// only where their words stand together, marks on the characters written.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { findMarks, markTargets } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/query-marks.js";
import { MAX_QUERY_CHARS, normalize } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/text.js";
import { textView } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/text-view.js";

const vectors = JSON.parse(readFileSync(new URL("../vectors/text_pipeline.json", import.meta.url)));

/** The strings of the text that the query marks, as written. */
function marked(query, text) {
  const view = textView(text);
  return findMarks(view.text, markTargets(query))
    .map(([a, b]) => text.slice(view.from[a], view.to[b - 1]));
}

test("the view is normalize()'s text, every character traced to the text as written", () => {
  const texts = [...vectors.vectors.map((v) => v.input), "  ข่าว\u200b ๒๕๖๖  ABC ", "กํา น\u0e49\u0e4d\u0e32",
    "a\u0301 e\u0301", "ไทย\n\n\tไทย ", "😀ข่าว", "İstanbul"];
  for (const text of texts) {
    const view = textView(text);
    assert.ok(view, text);
    assert.equal(view.text, normalize(text), text);
    assert.equal(view.from.length, view.text.length);
    for (let i = 0; i < view.text.length; i++) {
      assert.ok(view.from[i] < view.to[i] && view.to[i] <= text.length, `${text} @${i}`);
      assert.equal(normalize(text.slice(view.from[i], view.to[i])).includes(view.text[i].trim()), true,
        `${text} @${i}`);
    }
  }
});

test("tone marks are respected: ข่าว never marks ขาว, nor ขาว ข่าว", () => {
  const text = "ข่าวดี ขาวสะอาด ผ้าขาว ข่าวสาร";
  assert.deepEqual(marked("ข่าว", text), ["ข่าว", "ข่าว"]);
  assert.deepEqual(marked("ขาว", text), ["ขาว", "ขาว"]);
  assert.deepEqual(marked("เสือ", "เสื้อลายเสือ"), ["เสือ"]);
  assert.deepEqual(marked("เสื้อ", "เสื้อลายเสือ"), ["เสื้อ"]);
  // never the letters of a cluster without its marks
  assert.deepEqual(marked("ก", "ก่อน"), []);
  assert.deepEqual(marked("ข่า", "ข่าว"), ["ข่า"]);
});

test("a glued run is marked only where its words stand together", () => {
  const text = "ราคายางพาราสูง ส่วนราคากลางของยางมะตอย ราคา ยาง";
  assert.deepEqual(marked("ราคายาง", text), ["ราคายาง", "ราคา ยาง"]);
  assert.deepEqual(marked("ราคายาง", "ราคากลาง ยางมะตอย"), []);
  // typed apart, each word wherever it stands
  assert.deepEqual(marked("ราคา ยาง", "ราคากลาง ยางมะตอย"), ["ราคา", "ยาง"]);
  // a quoted phrase: that sequence, spaced or not
  assert.deepEqual(marked('"ราคา ยาง"', "ราคายาง ราคา ยาง ยาง ราคา"), ["ราคายาง", "ราคา ยาง"]);
  assert.deepEqual(marked("“ยาง ราคา”", "ราคายาง"), []);
});

test("the text as written is marked: digits, case, decomposed vowels, zero-width spaces", () => {
  assert.deepEqual(marked("2566", "งบประมาณ ๒๕๖๖"), ["๒๕๖๖"]);
  assert.deepEqual(marked("๒๕๖๖", "งบ 2566"), ["2566"]);
  assert.deepEqual(marked("sme", "กลุ่ม SME และ SMEs"), ["SME"]);
  assert.deepEqual(marked("COVID-19", "โรค covid-19 ระบาด"), ["covid-19"]);
  assert.deepEqual(marked("น้ำท่วม", "เกิดน\u0e49\u0e4d\u0e32ท่วม"), ["น\u0e49\u0e4d\u0e32ท่วม"]);
  assert.deepEqual(marked("ทุเรียน", "ทุ\u200bเรียน"), ["ทุ\u200bเรียน"]);
});

test("abbreviations: marks inside are skipped, a lone final dot must agree", () => {
  assert.deepEqual(marked("ธกส", "ธ.ก.ส. ให้สินเชื่อ"), ["ธ.ก.ส."]);
  assert.deepEqual(marked("ธ.ก.ส.", "ธกส ให้สินเชื่อ"), ["ธกส"]);
  assert.deepEqual(marked("อก.", "ผู้บริหาร อก. เจ็บอก"), ["อก."]);
  assert.deepEqual(marked("อก", "ผู้บริหาร อก. เจ็บอก"), ["อก"]);
  assert.deepEqual(marked("กรุงเทพ", "กรุงเทพฯ"), ["กรุงเทพฯ"]);
});

test("a hostile highlight is cut and stays text: nothing to mark is no error", () => {
  const long = "ข่าว".repeat(2500); // 10,000 characters
  const targets = markTargets(long);
  assert.equal(targets.length, 1);
  assert.ok(targets[0].parts[0].letters.length <= MAX_QUERY_CHARS);
  const started = performance.now();
  assert.deepEqual(marked(long, "ข่าวดี".repeat(2000)), []);
  assert.ok(performance.now() - started < 2000);
  assert.deepEqual(marked("<img src=x onerror=alert(1)>", "ภาพ img ของ x"), ["img", "x"]);
  assert.deepEqual(markTargets("!!! ... ***"), []);
  assert.deepEqual(markTargets(""), []);
});
