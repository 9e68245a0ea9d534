// Typos: the key a word shares with its likely misspellings, a distance
// that finds Thai typists' slips cheap, and the Kedmanee layout both ways.
// Pure functions over the rules the build wrote (the plugin's typos.py, in
// the correction table: correction.js loads it); nothing here repeats them.

/** The key of a normalized word (typos.py's skeleton). */
export function skeleton(rules, word) {
  const [am, written] = rules.saraAm;
  let out = "";
  for (const c of word.split(am).join(written)) {
    if (!rules.dropped.includes(c)) out += rules.soundAlike[c] ?? c;
  }
  return out;
}

/** The key with one letter left out, for keys of rules.deleteMin or more. */
export function deletes(rules, key) {
  const chars = [...key];
  if (chars.length < rules.deleteMin) return [];
  return [...new Set(chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join("")))];
}

/** Every key under which a query word's candidates may be stored. */
export function lookupKeys(rules, word) {
  const key = skeleton(rules, word);
  return [...new Set([key, ...deletes(rules, key)])];
}

// Edit costs: a slip of the kinds the key forgets (a tone mark, a vowel's
// length, letters that sound alike, ใ/ไ, karan) is cheap, a neighbouring
// key less so, anything else a whole edit. A swap of two neighbours in the
// text is half of one.
export const COST = Object.freeze({ slip: 0.25, near: 0.5, swap: 0.5, other: 1 });

/** Neighbouring keys as a Set of "ab" and "ba" (rules.neighbours: pairs). */
export function neighbourSet(rules) {
  const out = new Set();
  for (let i = 0; i + 1 < rules.neighbours.length; i += 2) {
    const [a, b] = [rules.neighbours[i], rules.neighbours[i + 1]];
    out.add(a + b).add(b + a);
  }
  return out;
}

/**
 * The weighted Damerau-Levenshtein distance between a typed word and a
 * candidate (both normalized), with sara am read as ัม on both sides.
 * `near`: neighbourSet(rules). Bounded by the words' lengths (≤ 100).
 */
export function distance(rules, near, typed, meant) {
  const [am, written] = rules.saraAm;
  const a = [...typed.split(am).join(written)];
  const b = [...meant.split(am).join(written)];
  const key = (c) => (rules.dropped.includes(c) ? "" : rules.soundAlike[c] ?? c);
  const change = (x, y) => {
    if (x === y) return 0;
    if (key(x) === key(y)) return COST.slip;
    return near.has(x + y) ? COST.near : COST.other;
  };
  const gap = (c) => (rules.dropped.includes(c) ? COST.slip : COST.other);
  const d = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) d[i][0] = d[i - 1][0] + gap(a[i - 1]);
  for (let j = 1; j <= b.length; j++) d[0][j] = d[0][j - 1] + gap(b[j - 1]);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + gap(a[i - 1]), d[i][j - 1] + gap(b[j - 1]),
        d[i - 1][j - 1] + change(a[i - 1], b[j - 1]));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + COST.swap);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * A query typed with the wrong keyboard layout, read with the other one:
 * Latin keys as the Thai characters on them (l;ylfu: สวัสดี), or Thai
 * characters as the Latin keys they are on (แนรก: covid). Null when the
 * query has letters of both scripts, or none to change.
 */
export function otherLayout(rules, raw) {
  const thai = /[\u0e01-\u0e5b]/.test(raw);
  const latin = /[A-Za-z]/.test(raw);
  if (thai === latin) return null;
  // Thai to Latin: only the Thai characters change (the table also puts
  // punctuation on keys, which typed punctuation must not become).
  const table = thai
    ? Object.fromEntries(Object.entries(rules.layout)
      .filter(([, th]) => /[\u0e01-\u0e5b]/.test(th)).map(([en, th]) => [th, en]))
    : rules.layout;
  let out = "";
  for (const c of raw) out += c === " " ? c : table[c] ?? c;
  return out === raw ? null : out;
}
