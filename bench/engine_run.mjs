// One side of bench/engine_ab.py: the search engine of one copy of the
// search code, in Node, over a built site's index read from disk.
//   node bench/engine_run.mjs <engine.js> <site>/search <queries.json>
// Every query is searched once (files read and parsed, pieces loaded), then
// the whole series again, timed: the engine's warm work without the
// browser's fetch and rendering. Prints {ms, results}: the timed pass's
// milliseconds and each search's total, ids and scores (to compare sides).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [enginePath, indexDir, queriesPath] = process.argv.slice(2);
const { SearchEngine } = await import(pathToFileURL(enginePath).href);
const lunr = createRequire(import.meta.url)("lunr");
const files = new Map();
const fetcher = async (url) => {
  const path = join(indexDir, url.replace(/^\/s\//, ""));
  if (!files.has(path)) files.set(path, JSON.parse(readFileSync(path, "utf-8")));
  return files.get(path);
};
const engine = new SearchEngine({ lunr, baseUrl: "/s/", fetcher });
const searches = JSON.parse(readFileSync(queriesPath, "utf-8"));
for (const [query, filters] of searches) await engine.search(query, filters);
const results = [];
const started = performance.now();
for (const [query, filters] of searches) results.push(await engine.search(query, filters));
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({
  ms,
  results: results.map((r) => [r.total, r.results.map((x) => [x.id, Math.round(x.score * 1e9)])]),
}));
