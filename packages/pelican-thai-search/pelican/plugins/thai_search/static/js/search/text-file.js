// A document's text for its snippet (x/<hash>.txt): windows-874 bytes, or
// UTF-8 after a byte order mark for a text windows-874 cannot spell. The
// build writes them so (text_files.py); tests/vectors/texts.json holds both
// sides to the same cases.

import { TEXT_ENCODING } from "./contract.js";

const UTF8_MARK = [0xef, 0xbb, 0xbf];

/**
 * The text of a snippet file's bytes. windows-874 reads every byte (the
 * build never writes the eight the WHATWG index maps to private use); a
 * marked file that is not UTF-8 throws.
 */
export function decodeText(bytes) {
  const marked = UTF8_MARK.every((b, i) => bytes[i] === b);
  // TextDecoder drops a UTF-8 byte order mark itself.
  return new TextDecoder(marked ? "utf-8" : TEXT_ENCODING, { fatal: true }).decode(bytes);
}
