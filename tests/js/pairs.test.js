// Pair keys and the piece where each sorts, against the shared vectors
// (tests/test_pairs.py is the Python side).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { PieceStore, pairKey } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/pieces.js";

const data = JSON.parse(readFileSync(new URL("../vectors/pairs.json", import.meta.url)));

test("a pair sorts into the piece where the build listed it", () => {
  const store = new PieceStore("/s/", { pieces: { codedBounds: data.codedBounds } });
  for (const { first, second, key, piece } of data.cases) {
    assert.equal(pairKey(first, second), key);
    assert.equal(store.pieceOf(key), piece, key);
  }
});
