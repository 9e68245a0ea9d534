// Used by tests/test_search_build.py: queries through the real engine
// (lunr.js and the page's search code) over a built site's index on disk.
//   node tests/js/site-search.mjs <index dir> <queries.json>
// Prints, for each query, {query, tokens: [[term, prefix]], urls, looser}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { SearchEngine } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/engine.js";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
const [indexDir, queriesPath] = process.argv.slice(2);

const fetcher = async (url) => JSON.parse(readFileSync(join(indexDir, url.replace(/^\/s\//, ""))));
const engine = new SearchEngine({ lunr, baseUrl: "/s/", fetcher });
const out = [];
for (const query of JSON.parse(readFileSync(queriesPath))) {
  const found = await engine.search(query);
  const docs = await Promise.all(found.results.map((r) => engine.doc(r.id)));
  out.push({ query, tokens: found.tokens.map((t) => [t.term, t.prefix]),
    urls: docs.map((d) => d.url), looser: found.looser });
}
process.stdout.write(JSON.stringify(out));
