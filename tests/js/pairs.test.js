// Pair keys and the piece where each sorts, against the shared vectors
// (tests/test_pairs.py is the Python side).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { decodePositions } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/piece-data.js";
import { PieceStore, pairKey, pairSpans } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/pieces.js";

const data = JSON.parse(readFileSync(new URL("../vectors/pairs.json", import.meta.url)));

test("a pair sorts into the piece where the build listed it", () => {
  const store = new PieceStore("/s/", { pieces: { codedBounds: data.codedBounds } });
  for (const { first, second, key, piece } of data.cases) {
    assert.equal(pairKey(first, second), key);
    assert.equal(store.pieceOf(key), piece, key);
  }
});

test("a pair file reads as the build wrote it: a pair with a variant key as spans", () => {
  const { file, stands } = data.file;
  for (const { first, second, at } of stands) {
    const found = decodePositions(file[pairKey(first, second)], pairSpans(first, second) ? 2 : 1);
    assert.deepEqual(Object.fromEntries([...found.get(0)].map(([id, p]) => [String(id), p])), at,
      pairKey(first, second));
  }
});
