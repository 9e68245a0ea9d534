// The JS text pipeline over a batch of texts, for the differential fuzzing
// of tests/test_pipeline_fuzz.py and bench/pipeline_fuzz.py (tests/pipelines.py
// compares the answers with the Python pipeline's).
//   node tests/js/pipeline-batch.mjs < cases.jsonl > answers.jsonl
// One JSON object a line in: {"text": "...", "vocabulary": ["term", ...]}
// (vocabulary optional: the index terms Python wrote for the text). One a
// line out, in the same order: normalized, pieces, terms, latin (latinTerms
// of each Latin piece), and with a vocabulary, QueryParser#parse over an
// index of those terms (tests/vectors/text_pipeline.json's queries):
// - closed: the whole text as a finished query (a space after it):
//   {tokens, chains, reads}, reads being [Thai piece, its words, what is
//   searched for each] for each Thai piece read as words (a phrase variant
//   is read as its key instead; a form typed with the marks it needs, อก.,
//   is searched as its key);
// - open: the text as the search page has it (prepareQuery: lone
//   surrogates replaced) and still being typed: {tokens, chains, ms}, ms
//   the parse's time; only for a text the search box takes whole;
// or {"error": stack} when the pipeline threw.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";

import { QueryParser } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/query-parser.js";
import {
  latinTerms, normalize, pieces, prepareQuery, thaiTerm,
} from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/text.js";
import { memoryIndex } from "./memory-index.mjs";

const variants = JSON.parse(readFileSync(new URL("../vectors/variants.json", import.meta.url)));

/** A query parser that keeps the words it read for each Thai piece. */
class ReadingParser extends QueryParser {
  reads = [];

  async word(text, kind, allowPrefix) {
    const words = await super.word(text, kind, allowPrefix);
    if (kind === "thai") this.reads.push([text, words.map((w) => w.term), words.map((w) => w.key ?? w.term)]);
    return words;
  }
}

const asLists = ({ tokens, chains }) => ({
  tokens: tokens.map((t) => [t.term, t.prefix]),
  chains: chains.map((chain) => chain.map((t) => t.term)),
});

async function answer({ text, vocabulary }) {
  const normalized = normalize(text);
  const found = pieces(normalized);
  const out = {
    normalized,
    pieces: found,
    terms: found.map(([kind, piece]) => (kind === "thai" ? thaiTerm(piece) : piece)),
    latin: found.filter(([kind]) => kind === "latin").map(([, piece]) => latinTerms(piece)),
  };
  if (vocabulary) {
    const { manifest, store } = memoryIndex(vocabulary, [], variants);
    const reading = new ReadingParser(store, manifest);
    out.closed = { ...asLists(await reading.parse(`${text} `)), reads: reading.reads };
    const { query, truncated } = prepareQuery(text);
    if (!truncated) { // a cut would end the query inside a word the text never had
      const started = performance.now();
      const open = await new QueryParser(store, manifest).parse(query);
      out.open = { ...asLists(open), ms: performance.now() - started };
    }
  }
  return out;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
let buffered = "";
for await (const line of lines) {
  if (!line) continue;
  let out;
  try {
    out = await answer(JSON.parse(line));
  } catch (error) {
    out = { error: String(error?.stack || error) };
  }
  buffered += `${JSON.stringify(out)}\n`;
  if (buffered.length > 1 << 16) {
    process.stdout.write(buffered);
    buffered = "";
  }
}
process.stdout.write(buffered);
