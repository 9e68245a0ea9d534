// The index contract: what the build writes and the browser expects. The
// plugin's contract.py holds the same values; a test checks that the two
// agree (tests/test_index_contract.py). Change both, and the format version,
// together.

/** The format of the index files; any other is refused (engine.js). */
export const FORMAT_VERSION = 14;

/** The index's own terms (variant keys, category facets) start with this. */
export const KEY_PREFIX = "~";
/** A category's facet term: this + its number in the manifest's "categories". */
export const CATEGORY_PREFIX = `${KEY_PREFIX}c`;
export const FACET_FIELD = "facet";

/** A pair of terms: the two with this between, which no term holds. */
export const PAIR_SEPARATOR = " ";

/** A result row, as a JSON list in this order. */
export const ROW_FIELDS = Object.freeze(["url", "title", "date", "category", "text"]);

/** Content-hashed file names: this many hex digits. */
export const NAME_DIGITS = 12;

// The index's folders, beside manifest.json; every file in them is named by
// a hash of its content or of its group's.
/** Term pieces: a range of the sorted vocabulary each. */
export const TERMS_DIR = "t";
/** Result rows: a chunk of consecutive documents each. */
export const DOCS_DIR = "d";
/** Where terms stand (word order), and pairs of terms. */
export const POSITIONS_DIR = "p";
/** One document's text each, for snippets. */
export const TEXTS_DIR = "x";
/** Spelling: the terms a misspelled word may mean. */
export const TYPOS_DIR = "s";
/** A term piece's entries without their postings: what the query parser asks. */
export const WORDS_DIR = "w";

/** A snippet text is not JSON: its bytes, in this encoding or in UTF-8
 * after a byte order mark (text-file.js), named <hash> + TEXT_SUFFIX. */
export const TEXT_SUFFIX = ".txt";
export const TEXT_ENCODING = "windows-874";

export const FILE_NAME = new RegExp(`^[0-9a-f]{${NAME_DIGITS}}$`);

export const isKey = (term) => term.startsWith(KEY_PREFIX);
export const categoryTerm = (number) => `${CATEGORY_PREFIX}${number}`;

/** The contract as the agreement test compares it with contract.py's. */
export function asJson() {
  return { formatVersion: FORMAT_VERSION, keyPrefix: KEY_PREFIX, categoryPrefix: CATEGORY_PREFIX,
    facetField: FACET_FIELD, pairSeparator: PAIR_SEPARATOR, rowFields: [...ROW_FIELDS],
    nameDigits: NAME_DIGITS, textSuffix: TEXT_SUFFIX, textEncoding: TEXT_ENCODING,
    dirs: { terms: TERMS_DIR, docs: DOCS_DIR, positions: POSITIONS_DIR, texts: TEXTS_DIR,
      typos: TYPOS_DIR, words: WORDS_DIR } };
}
