// PyThaiNLP's word_tokenize(text, engine="newmm") in the browser: Thai
// Character Clusters (pythainlp/tokenize/tcc_p.py), dictionary-based
// maximal matching (newmm.py, without safe mode) and the postprocessors of
// core.py (formatted numbers rejoined, whitespace kept or dropped). A line
// by line port of PyThaiNLP 5.4.0 (Apache-2.0), so that romanize.js makes
// the slugs `invoke new` makes; tests/test_cms_slugs.py compares the two.
//
// Python indexes strings by code point, JavaScript by UTF-16 unit: a
// character outside the BMP (an emoji) stands in as one BMP character of the
// same kind while segmenting, and is put back in the words.

const TCC_RULES = `
เc็ck
เcctาะk
เccีtยะk
เccีtย(?=[เ-ไก-ฮ]|$)k
เcc็ck
เcิc์ck
เcิtck
เcีtยะ?k
เcืtอะ?k
เc[ิีุู]tย(?=[เ-ไก-ฮ]|$)k
เctา?ะ?k
cัtวะk
c[ัื]tc[ุิะ]?k
c[ิุู]์
c[ะ-ู]tk
cรรc์
c็
ct[ะาำ]?k
ck
แc็c
แcc์
แctะ
แcc็c
แccc์
โctะ
[เ-ไ]ct
ก็
อึ
หึ`;

// Python's `$` (without MULTILINE) also matches before a final newline.
const PY_END = "(?=\\n?$)";
const TCC = new RegExp(TCC_RULES.trim().split("\n")
  .map((rule) => rule.replaceAll("k", "(cc?[dิ]?[์])?").replaceAll("c", "[ก-ฮ]")
    .replaceAll("t", "[่-๋]?").replaceAll("d", "ูุ").replaceAll("$", PY_END))
  .join("|"), "y");
// Python's \d is any Unicode decimal digit.
const NON_THAI = /[-a-zA-Z]+|\p{Nd}+([,.]\p{Nd}+)*|[ \t]+|\r?\n|[^\u0E00-\u0E7F \t\r\n]+/uy;
const THAI_TWO_CHARS = /^[ก-ฮ]{0,2}(?=\n?$)/;
const DIGITS_WITH_SEPARATOR = /(\p{Nd}+[.,:])+\p{Nd}+/gu;
const MAX_GRAPH_SIZE = 50;
const DIGIT_STAND_IN = "\u0660"; // a BMP decimal digit
const OTHER_STAND_IN = "\ue000"; // a BMP character of no class used here

/** A trie of the dictionary (pythainlp.util.Trie): prefixes in order of length. */
export class Trie {
  constructor(words) {
    this.root = new Map();
    for (const word of words) {
      let node = this.root;
      for (const ch of word) {
        if (!node.has(ch)) node.set(ch, new Map());
        node = node.get(ch);
      }
      node.end = true;
    }
  }

  prefixes(text, start) {
    const found = [];
    let node = this.root;
    for (let i = start; i < text.length; i++) {
      node = node.get(text[i]);
      if (!node) break;
      if (node.end) found.push(text.slice(start, i + 1));
    }
    return found;
  }
}

/** get_corpus: lines stripped, empty ones and duplicates dropped. */
export function corpusWords(text) {
  return new Set(text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/).map((line) => line.trim())
    .filter(Boolean));
}

function tccBoundaries(text) {
  const valid = new Uint8Array(text.length + 1);
  let p = 0;
  while (p < text.length) {
    TCC.lastIndex = 0;
    const m = TCC.exec(text.slice(p));
    p += m && m[0].length ? m[0].length : 1;
    valid[p] = 1;
  }
  return valid;
}

function matchAt(regex, text, pos) {
  regex.lastIndex = pos;
  return regex.exec(text);
}

function firstPath(graph, start, goal) {
  const visited = new Set([start]);
  const queue = [[start, [start]]];
  while (queue.length) {
    const [vertex, path] = queue.shift();
    for (const pos of graph.get(vertex) || []) {
      if (pos === goal) return [...path, pos];
      if (!visited.has(pos)) {
        visited.add(pos);
        queue.push([pos, [...path, pos]]);
      }
    }
  }
  return null;
}

function skipEnd(text, begin, valid, trie) {
  const m = matchAt(NON_THAI, text, begin);
  if (m) return begin + m[0].length;
  for (let pos = begin + 1; pos < text.length; pos++) {
    if (!valid[pos]) continue;
    const words = trie.prefixes(text, pos)
      .filter((word) => valid[pos + word.length] && !THAI_TWO_CHARS.test(word));
    if (words.length) return pos;
    if (matchAt(NON_THAI, text, pos)) return pos;
  }
  return text.length;
}

function insertSorted(list, value) {
  let i = 0;
  while (i < list.length && list[i] < value) i++;
  list.splice(i, 0, value);
}

/** newmm's _onecut: the words of text, in order. */
function onecut(text, trie) {
  const words = [];
  const graph = new Map();
  let graphSize = 0;
  const valid = tccBoundaries(text);
  const positions = [0]; // a priority queue of possible word ends (heapq)
  let end = 0;
  while (positions[0] < text.length) {
    const begin = positions.shift();
    for (const word of trie.prefixes(text, begin)) {
      const candidate = begin + word.length;
      if (valid[candidate]) {
        if (!graph.has(begin)) graph.set(begin, []);
        graph.get(begin).push(candidate);
        graphSize += 1;
        if (!positions.includes(candidate)) insertSorted(positions, candidate);
        if (graphSize > MAX_GRAPH_SIZE) break;
      }
    }
    if (positions.length === 1) { // one candidate: no longer ambiguous
      for (const pos of firstPath(graph, end, positions[0]).slice(1)) {
        words.push(text.slice(end, pos));
        end = pos;
      }
      graphSize = 0;
      graph.clear();
    } else if (positions.length === 0) { // no candidate: a word not in the dictionary
      end = skipEnd(text, begin, valid, trie);
      graphSize = 0;
      graph.clear();
      words.push(text.slice(begin, end));
      insertSorted(positions, end);
    }
  }
  return words;
}

function rejoinFormattedNumbers(segments) {
  const original = segments.join("");
  const matches = original.matchAll(DIGITS_WITH_SEPARATOR);
  const joined = [];
  let pos = 0;
  let i = 0;
  let match = matches.next().value;
  while (i < segments.length && match) {
    if (pos >= match.index) {
      let connected = "";
      while (pos < match.index + match[0].length && i < segments.length) {
        connected += segments[i];
        pos += segments[i].length;
        i += 1;
      }
      if (connected) joined.push(connected);
      match = matches.next().value;
    } else {
      joined.push(segments[i]);
      pos += segments[i].length;
      i += 1;
    }
  }
  return joined.concat(segments.slice(i));
}

/** word_tokenize(text, engine="newmm", keep_whitespace, join_broken_num=True). */
export function wordTokenize(text, trie, { keepWhitespace = true } = {}) {
  if (!text) return [];
  const astral = new Map(); // position in `plain` -> the character it stands for
  let plain = "";
  for (const ch of text) {
    if (ch.length === 2) {
      astral.set(plain.length, ch);
      plain += /\p{Nd}/u.test(ch) ? DIGIT_STAND_IN : OTHER_STAND_IN;
    } else {
      plain += ch;
    }
  }
  let segments = rejoinFormattedNumbers(onecut(plain, trie));
  if (astral.size) {
    let at = 0;
    segments = segments.map((word) => {
      let out = "";
      for (const ch of word) out += astral.get(at++) ?? ch;
      return out;
    });
  }
  if (!keepWhitespace) {
    segments = segments.map((word) => word.replace(/^ +| +$/g, "")).filter(Boolean);
  }
  return segments;
}
