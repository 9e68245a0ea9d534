// Snippet text files, against the shared vectors (tests/test_index_contract.py
// is the Python side, text_files.py the writer).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { decodeText } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/text-file.js";

const data = JSON.parse(readFileSync(new URL("../vectors/texts.json", import.meta.url)));
const bytes = (hex) => Uint8Array.from(hex.match(/../g) || [], (h) => parseInt(h, 16));

test("the browser reads the text the build wrote", () => {
  for (const { about, text, hex } of data.cases) assert.equal(decodeText(bytes(hex)), text, about);
});

test("Thai is one byte a letter unless the file is marked UTF-8", () => {
  for (const { about, text, hex, utf8 } of data.cases) {
    if (!utf8) assert.equal(hex.length / 2, text.length, about);
  }
});

test("a marked file that is not UTF-8 is an error, not a wrong text", () => {
  // windows-874 has a character for every byte (the build never writes the
  // eight the WHATWG index maps to private use); 0xC3 0x28 is no UTF-8.
  assert.throws(() => decodeText(bytes("efbbbfc328")), TypeError);
  assert.equal(decodeText(bytes("efbbbf")), "");
});
