// Used by tests/test_index_scores.py: run the same queries on the split
// index (SearchEngine over its pieces) and on one unsplit lunr index, both
// in lunr.js, and print both result lists as JSON.
//   node tests/js/score-compare.mjs <split dir> <unsplit.json> <queries.json>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { SearchEngine } from "../../theme/static/js/search/engine.js";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
const [splitDir, unsplitPath, queriesPath] = process.argv.slice(2);

const fetcher = async (url) => JSON.parse(readFileSync(join(splitDir, url.replace(/^\/s\//, ""))));
const engine = new SearchEngine({ lunr, baseUrl: "/s/", fetcher });
const unsplit = lunr.Index.load(JSON.parse(readFileSync(unsplitPath)));
const queries = JSON.parse(readFileSync(queriesPath));

const out = [];
for (const q of queries) {
  const split = await engine.search(q.query);
  const reference = unsplit.query((query) => {
    for (const [term, prefix] of q.clauses) {
      query.term(term, {
        fields: ["title", "meta", "body"],
        presence: lunr.Query.presence.REQUIRED,
        usePipeline: false,
        wildcard: prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
      });
    }
  });
  out.push({
    query: q.query,
    tokens: split.tokens.map((t) => [t.term, t.prefix]),
    looser: split.looser,
    total: split.total,
    split: split.results.map((r) => [r.id, r.score]),
    unsplit: reference.map((r) => [Number(r.ref), r.score]),
  });
}
process.stdout.write(JSON.stringify(out));
