// The editor's slugs (plugins/thai_cms/admin/romanize.js) over a batch of
// titles, for tests/test_cms_slugs.py, which compares them with the Python
// that `invoke new` runs (thai_core/slugs.py, newsroom/scaffold.py).
//   node tests/js/slug-batch.mjs <word list> < titles.json > answers.json
// In: {"titles": [...], "taken": [...]}; out: [{"romanized": ..., "slug": ...}, ...]
// in the same order, or {"error": stack} for a title that threw.
import { readFileSync } from "node:fs";

import { Trie, corpusWords } from "../../plugins/thai_cms/admin/newmm.js";
import { romanizedSlug, slugFor } from "../../plugins/thai_cms/admin/romanize.js";

const trie = new Trie(corpusWords(readFileSync(process.argv[2], "utf8")));
const { titles, taken } = JSON.parse(readFileSync(0, "utf8"));
const used = new Set(taken);
const answers = titles.map((title) => {
  try {
    return { romanized: romanizedSlug(title, trie), slug: slugFor(title, used, trie) };
  } catch (error) {
    return { error: String(error.stack) };
  }
});
process.stdout.write(JSON.stringify(answers));
