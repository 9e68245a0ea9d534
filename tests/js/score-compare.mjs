// Used by tests/test_index_scores.py: run the same queries on the split
// index (SearchEngine over its pieces) and on one unsplit lunr index, both
// in lunr.js, and print both result lists as JSON.
//   node tests/js/score-compare.mjs <split dir> <unsplit.json> <queries.json>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { SearchEngine } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/engine.js";

const require = createRequire(import.meta.url);
const lunr = require("lunr");
const [splitDir, unsplitPath, queriesPath] = process.argv.slice(2);

const fetcher = async (url) => JSON.parse(readFileSync(join(splitDir, url.replace(/^\/s\//, ""))));
const engine = new SearchEngine({ lunr, baseUrl: "/s/", fetcher });
const serialized = JSON.parse(readFileSync(unsplitPath));
const queries = JSON.parse(readFileSync(queriesPath));

/**
 * The unsplit index with the rule for unfinished words applied to its
 * vectors: a completion of a prefix clause weighs its document frequency
 * over that of the clause's commonest completion; the typed term itself,
 * and a term of a whole-word clause, weigh fully.
 */
function withCompletionWeights(clauses) {
  const index = lunr.Index.load(serialized);
  const inverted = index.invertedIndex;
  const df = (term) => new Set(["title", "meta", "body"].flatMap((f) => Object.keys(inverted[term][f]))).size;
  const factors = new Map();
  const full = new Set(clauses.filter(([, prefix]) => !prefix).map(([term]) => term));
  for (const [prefix, isPrefix] of clauses) {
    if (!isPrefix) continue;
    const completions = Object.keys(inverted).filter((t) => t.startsWith(prefix) && t !== prefix);
    if (prefix in inverted) full.add(prefix);
    const most = Math.max(0, ...completions.map(df));
    for (const t of completions) factors.set(t, Math.max(df(t) / most, factors.get(t) || 0));
  }
  for (const [term, factor] of factors) {
    if (full.has(term) || factor >= 1) continue;
    const slot = inverted[term]._index;
    for (const ref in index.fieldVectors) {
      const { elements } = index.fieldVectors[ref];
      for (let i = 0; i < elements.length; i += 2) if (elements[i] === slot) elements[i + 1] *= factor;
    }
  }
  return index;
}

const out = [];
for (const q of queries) {
  const split = await engine.search(q.query);
  const reference = withCompletionWeights(q.clauses).query((query) => {
    for (const [term, prefix] of q.clauses) {
      query.term(term, {
        fields: ["title", "meta", "body"],
        presence: lunr.Query.presence.REQUIRED,
        usePipeline: false,
        wildcard: prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
      });
    }
    // A variant form as typed: an optional clause (engine.js), so its articles rank first.
    for (const term of q.optional || []) {
      query.term(term, { fields: ["title", "meta", "body"],
        presence: lunr.Query.presence.OPTIONAL, usePipeline: false });
    }
  });
  out.push({
    query: q.query,
    tokens: split.tokens.map((t) => [t.term, t.prefix]),
    looser: split.looser,
    total: split.total,
    // lunr's own score, before closeness reorders the first page (closeness.js)
    split: split.results.map((r) => [r.id, r.score / (r.closeness || 1)])
      .sort((a, b) => b[1] - a[1] || b[0] - a[0]),
    reordered: split.results.some((r) => r.closeness),
    unsplit: reference.map((r) => [Number(r.ref), r.score]),
  });
}
process.stdout.write(JSON.stringify(out));
