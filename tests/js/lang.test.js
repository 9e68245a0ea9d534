// lang.js against the shared vectors (tests/test_lang.py is the Python side).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { classify, langAttrs } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/lang.js";

const data = JSON.parse(readFileSync(new URL("../vectors/lang.json", import.meta.url)));

for (const v of data.vectors) {
  test(`lang of ${JSON.stringify(v.text)}`, () => {
    assert.equal(classify(v.text), v.lang);
    assert.deepEqual(langAttrs(v.text), v.lang === "en" ? { lang: "en" } : {});
  });
}
