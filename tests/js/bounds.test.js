// The manifest's front-coded piece bounds, against the shared vectors
// (tests/test_index_contract.py is the Python side).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { codeBounds } from "./memory-index.mjs";
import { decodeBounds } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/piece-data.js";

const data = JSON.parse(readFileSync(new URL("../vectors/bounds.json", import.meta.url)));

test("the browser decodes the bounds the build coded", () => {
  for (const { bounds, coded } of data.cases) assert.deepEqual(decodeBounds(coded), bounds);
});

test("the fixtures' coder codes as the build does", () => {
  for (const { bounds, coded } of data.cases) assert.deepEqual(codeBounds(bounds), coded);
});

test("malformed bounds are refused, not misread", () => {
  for (const coded of [null, "0a", [""], [7], ["0a", "5b"], ["/"]]) {
    assert.equal(decodeBounds(coded), null, JSON.stringify(coded));
  }
});
