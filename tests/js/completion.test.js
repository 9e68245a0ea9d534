// Ranking an unfinished word: a prefix's completions weigh by how common
// they are (completion.js); the engine-level check is test_index_scores.py.
import assert from "node:assert/strict";
import { test } from "node:test";

import { completionFactors, postingsFrequency } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/completion.js";
import { CommonPosting } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/pieces.js";

const df = { สาธารณสุข: 1500, สาธารณรัฐ: 300, สาธารณะ: 600, ยาง: 40, ยางพารา: 80, ราคา: 900 };
const frequency = (term) => df[term] ?? 0;

test("completions weigh their document frequency over the commonest one's", () => {
  const factors = completionFactors([{ term: "สาธา", prefix: true }],
    [["สาธารณรัฐ", "สาธารณสุข", "สาธารณะ"]], frequency);
  assert.equal(factors.get("สาธารณสุข"), undefined); // the commonest keeps its weight
  assert.equal(factors.get("สาธารณรัฐ"), 0.2);
  assert.equal(factors.get("สาธารณะ"), 0.4);
});

test("the word typed keeps its full weight, and so does a word typed whole elsewhere", () => {
  const factors = completionFactors(
    [{ term: "ราคา", prefix: false }, { term: "ยาง", prefix: true, whole: true }],
    [["ราคา"], ["ยาง", "ยางพารา"]], frequency);
  assert.equal(factors.size, 0); // ยาง is the typed word, ยางพารา the commonest completion
  const both = completionFactors(
    [{ term: "สาธารณรัฐ", prefix: false }, { term: "สาธ", prefix: true }],
    [["สาธารณรัฐ"], ["สาธารณรัฐ", "สาธารณสุข"]], frequency);
  assert.equal(both.has("สาธารณรัฐ"), false);
});

test("whole words only, or terms no document has: nothing is scaled", () => {
  assert.equal(completionFactors([{ term: "ราคา", prefix: false }], [["ราคา"]], frequency).size, 0);
  const none = completionFactors([{ term: "กข", prefix: true }], [["กขค", "กขง"]], () => 0);
  assert.equal(none.size, 0);
});

test("document frequency counts a document once over its fields", () => {
  assert.equal(postingsFrequency(null), 0);
  assert.equal(postingsFrequency([{ field: 0, ids: [1, 4, 9], weights: [] }]), 3);
  assert.equal(postingsFrequency([{ field: 0, ids: [1, 4], weights: [] },
    { field: 2, ids: [4, 7], weights: [] }]), 3);
  const common = new CommonPosting({ c: "", n: 5000, f: 2, w: 100 });
  assert.equal(postingsFrequency(common), 5000);
});
