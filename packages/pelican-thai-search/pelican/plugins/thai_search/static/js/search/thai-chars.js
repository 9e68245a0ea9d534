// Named Thai character classes, as the insides of regular-expression
// brackets. The plugin's thai_chars.py holds the same; a test checks that
// the two agree (tests/test_index_contract.py).

export const BLOCK = "\u0e00-\u0e7f";
export const CONSONANTS = "\u0e01-\u0e2e";
export const TONE_MARKS = "\u0e48-\u0e4b";
export const LEADING_VOWELS = "\u0e40-\u0e44";
/** Attach to the letter before: none can start a word. */
export const COMBINING = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e";
export const FOLLOWING = "\u0e30-\u0e3a\u0e45\u0e47-\u0e4e";
/** What a Thai word is made of (not digits, ๆ, ฿ or ๏๚๛). */
export const WORD = "\u0e01-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e";
export const LETTERS_AND_MARKS = "\u0e01-\u0e4e";
/** The letters that tell Thai text from Latin text. */
export const SPELLING = "\u0e01-\u0e2e\u0e30\u0e32\u0e33\u0e40-\u0e46";
export const DIGITS = "\u0e50-\u0e59";
export const NIKHAHIT = "\u0e4d";
export const SARA_AA = "\u0e32";
export const SARA_AM = "\u0e33";
export const PAIYANNOI = "\u0e2f";
export const MAITAIKHU = "\u0e47";
export const THANTHAKHAT = "\u0e4c";
/** ๐: the Thai digits follow it in order, as 0-9 follow "0". */
export const DIGIT_ZERO = "\u0e50";
