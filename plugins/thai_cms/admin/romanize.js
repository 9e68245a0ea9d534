// The slug `invoke new` gives an article, in the browser: the Royal
// Institute romanization of PyThaiNLP (pythainlp/transliterate/royin.py and
// core.romanize, ported line by line from PyThaiNLP 5.4.0, Apache-2.0) of
// each newmm word (newmm.js), as thai_core/slugs.py romanized_slug and
// newsroom/scaffold.py slug_for make it. tests/test_cms_slugs.py compares
// this with the Python on titles of the site and generated text.

import { wordTokenize } from "./newmm.js";

const THAI_CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ";
const ROMANIZED_VOWELS = "aeiou";
const VOWEL_RULES = `เ*ียว,\\1iao
แ*็ว,\\1aeo
เ*ือย,\\1ueai
แ*ว,\\1aeo
เ*็ว,\\1eo
เ*ว,\\1eo
*ิว,\\1io
*วย,\\1uai
เ*ย,\\1oei
*อย,\\1oi
โ*ย,\\1oi
*ุย,\\1ui
*าย,\\1ai
ไ*ย,\\1ai
*ัย,\\1ai
ไ**,\\1\\2ai
ไ*,\\1ai
ใ*,\\1ai
*ว*,\\1ua\\2
*ัวะ,\\1ua
*ัว,\\1ua
เ*ือะ,\\1uea
เ*ือ,\\1uea
เ*ียะ,\\1ia
เ*ีย,\\1ia
เ*อะ,\\1oe
เ*อ,\\1oe
เ*ิ,\\1oe
*อ,\\1o
เ*าะ,\\1o
เ*็,\\1e
โ*ะ,\\1o
โ*,\\1o
แ*ะ,\\1ae
แ*,\\1ae
เ*าะ,\\1e
*าว,\\1ao
เ*า,\\1ao
เ*,\\1e
*ู,\\1u
*ุ,\\1u
*ื,\\1ue
*ึ,\\1ue
*ี,\\1i
*ิ,\\1i
*ำ,\\1am
*า,\\1a
*ั,\\1a
*ะ,\\1a
#ฤ,\\1rue
$ฤ,\\1ri`;
const VOWELS = VOWEL_RULES.replaceAll("*", `([${THAI_CONSONANTS}])`)
  .replaceAll("#", "([คนพมห])").replaceAll("$", "([กตทปศส])")
  .split("\n").map((rule) => {
    const [pattern, replacement] = rule.split(",");
    return [new RegExp(pattern, "g"), replacement.replace(/\\(\d)/g, "$$$1")];
  });

// Initial and final sound of each consonant.
const CONSONANTS = new Map(Object.entries({
  ก: ["k", "k"], ข: ["kh", "k"], ฃ: ["kh", "k"], ค: ["kh", "k"], ฅ: ["kh", "k"],
  ฆ: ["kh", "k"], ง: ["ng", "ng"], จ: ["ch", "t"], ฉ: ["ch", "t"], ช: ["ch", "t"],
  ซ: ["s", "t"], ฌ: ["ch", "t"], ญ: ["y", "n"], ฎ: ["d", "t"], ฏ: ["t", "t"],
  ฐ: ["th", "t"], ฑ: ["th", "t"], ฒ: ["th", "t"], ณ: ["n", "n"], ด: ["d", "t"],
  ต: ["t", "t"], ถ: ["th", "t"], ท: ["th", "t"], ธ: ["th", "t"], น: ["n", "n"],
  บ: ["b", "p"], ป: ["p", "p"], ผ: ["ph", "p"], ฝ: ["f", "p"], พ: ["ph", "p"],
  ฟ: ["f", "p"], ภ: ["ph", "p"], ม: ["m", "m"], ย: ["y", ""], ร: ["r", "n"],
  ฤ: ["rue", ""], ล: ["l", "n"], ว: ["w", ""], ศ: ["s", "t"], ษ: ["s", "t"],
  ส: ["s", "t"], ห: ["h", ""], ฬ: ["l", "n"], อ: ["", ""], ฮ: ["h", ""],
}));
const THANTHAKHAT = "\u0e4c";
const RE_CONSONANT = new RegExp(`[${THAI_CONSONANTS}]`, "g");
const RE_NORMALIZE = new RegExp(`จน์|มณ์|ณฑ์|ทร์|ตร์|[${THAI_CONSONANTS}]${THANTHAKHAT}|`
  + `[${THAI_CONSONANTS}][\u0e30-\u0e39]${THANTHAKHAT}|[\u0e2f\u0e46\u0e48-\u0e4f\u0e5a\u0e5b]`, "g");
const CLUSTER_SECOND = new Set(["ร", "ล", "ว"]);
const THAI = /[\u0e00-\u0e7f]/;
// Python's str.split() and str.strip() whitespace.
const PY_SPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const isVowelText = (c) => ROMANIZED_VOWELS.includes(c); // Python's `c in "aeiou"`

const normalize = (word) => word.replace(RE_NORMALIZE, "");
const replaceVowels = (word) => VOWELS.reduce((w, [re, to]) => w.replace(re, to), word);

function doubleRoRua(word, i) {
  if (word.slice(i) === "รร") return ["a", "n"];
  if (word.slice(i, i + 2) === "รร") return ["a"];
  return null;
}

function initialConsonant(word, i, consonants, j, modChars) {
  if (!modChars.some((c) => c && !isVowelText(c))) {
    const initial = CONSONANTS.get(consonants[j])[0];
    return [initial ? [initial] : [], false];
  }
  const isCluster = CLUSTER_SECOND.has(word[i]);
  const isLast = i + 1 >= word.length;
  if (isCluster && !isLast) return [[CONSONANTS.get(consonants[j])[0]], false];
  if (!isCluster && !isLast) {
    const initial = CONSONANTS.get(consonants[j])[0];
    return [initial ? ["a", initial] : ["a"], false];
  }
  return [["o", CONSONANTS.get(consonants[j])[1]], true];
}

function consonantAfterVowel(word, i, consonants, j) {
  if (i + 1 < word.length && !CONSONANTS.has(word[i + 1])) {
    return [CONSONANTS.get(consonants[j])[0], false];
  }
  return [CONSONANTS.get(consonants[j])[1], true];
}

function replaceConsonants(word, consonants) {
  if (!consonants) return word;
  const modChars = [];
  let skip = false;
  let j = 0;
  let vowelSeen = false;
  for (let i = 0; i < word.length; i++) {
    const char = word[i];
    if (skip) {
      skip = false;
      j += 1;
    } else if (!CONSONANTS.has(char)) {
      vowelSeen = true;
      modChars.push(char);
    } else if (!modChars.length && char === "ห" && consonants.length !== 1) {
      j += 1;
    } else {
      const double = doubleRoRua(word, i);
      if (double !== null) {
        modChars.push(...double);
        skip = true;
        vowelSeen = true;
      } else if (!vowelSeen) {
        let chars;
        [chars, vowelSeen] = initialConsonant(word, i, consonants, j, modChars);
        modChars.push(...chars);
      } else {
        let final;
        [final, vowelSeen] = consonantAfterVowel(word, i, consonants, j);
        modChars.push(final);
      }
      j += 1;
    }
  }
  return modChars.join("");
}

function romanizeWord(word) {
  if (word === "ห") return "";
  let out = replaceVowels(normalize(word));
  const consonants = [...out].filter((c) => CONSONANTS.has(c)).join("");
  if (out.length === 2 && consonants.length === 2) out = `${out[0]}o${out[1]}`;
  return replaceConsonants(out, consonants);
}

function addsSyllableSeparator(prevWord, word, prevRomanized) {
  if (!prevRomanized || word.length < 2) return false;
  const prevAfterVowels = replaceVowels(normalize(prevWord));
  const prevConsonants = prevWord.match(RE_CONSONANT) || [];
  const consonantsInWord = word.match(RE_CONSONANT) || [];
  return prevAfterVowels.length > prevConsonants.length
    && consonantsInWord.length === 2
    && word.length - consonantsInWord.length === 0
    && !ROMANIZED_VOWELS.includes(prevRomanized.at(-1));
}

/** royin.romanize: each word of the text romanized. */
function royin(text, trie) {
  const words = wordTokenize(text, trie);
  const out = [];
  words.forEach((word, i) => {
    let romanized = romanizeWord(word);
    if (i > 0 && romanized && addsSyllableSeparator(words[i - 1], word, out.at(-1) ?? "")) {
      romanized = `a${romanized}`;
    }
    out.push(romanized);
  });
  return out.join("");
}

/** thai_core.slugs.ascii_slug: the ASCII letters and digits, joined by "-". */
export function asciiSlug(text) {
  return text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** thai_core.slugs.romanized_slug. */
export function romanizedSlug(text, trie) {
  const words = wordTokenize(text, trie, { keepWhitespace: false });
  // transliterate.romanize(w, engine="royin") romanizes each space-separated part.
  const parts = words.map((w) => (THAI.test(w) ? w.split(" ").map((p) => royin(p, trie)).join(" ") : w));
  return asciiSlug(parts.join("-"));
}

/** newsroom/scaffold.py slug_for: the title's slug, unique among `taken`. */
export function slugFor(title, taken, trie, maxLength = 60) {
  const folded = title.split(PY_SPACE).filter(Boolean).join(" ");
  let base = romanizedSlug(folded, trie);
  if (base.length > maxLength) {
    const cut = base.slice(0, maxLength);
    base = cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
  }
  base = base.replace(/^-+|-+$/g, "") || "news";
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}
