// What JsonDocument.parse reads: text as given, or bytes that must be UTF-8 (RFC 8259). A byte
// order mark at the start is allowed and skipped (RFC 8259 lets readers ignore it) but named in
// every message about the document, since editors hide it and columns would otherwise puzzle.
import { JsonEncodingError, decodeJsonBytes } from '../json/utf8';
import { JmesPathError, asTooDeep } from './errors';

/** Where a leading byte order mark went: none, still in the text (offsets count it), or stripped from bytes. */
export type ByteOrderMark = 'none' | 'in-text' | 'stripped';

export function documentText(input: string | Uint8Array): { text: string; byteOrderMark: ByteOrderMark } {
  if (typeof input === 'string') return { text: input, byteOrderMark: input.charCodeAt(0) === 0xfeff ? 'in-text' : 'none' };
  if (!(input instanceof Uint8Array)) {
    throw new JmesPathError('invalid-option', 'A JSON document is text (a string) or bytes (a Uint8Array or Buffer).');
  }
  try {
    const decoded = decodeJsonBytes(input);
    if (decoded.byteOrderMark && decoded.text.charCodeAt(0) === 0xfeff) { // the reader would skip this one as the first
      const err = new JmesPathError('invalid-json', 'Invalid JSON: Unexpected byte order mark (U+FEFF; a file may have one only at its start) at line 1, column 1 (after the UTF-8 byte order mark EF BB BF that starts the file)');
      err.line = 1;
      err.jsonColumn = 1;
      throw err;
    }
    return { text: decoded.text, byteOrderMark: decoded.byteOrderMark ? 'stripped' : 'none' };
  } catch (e) {
    if (e instanceof JsonEncodingError) {
      const err = new JmesPathError('invalid-json', `Invalid JSON: ${e.message}`);
      err.line = e.line;
      err.jsonColumn = e.column;
      throw err;
    }
    if ((e as { code?: string }).code === 'ERR_STRING_TOO_LONG') {
      throw new JmesPathError('too-large', `The document (${input.length.toLocaleString('en-US')} bytes) is longer than the longest string JavaScript can hold.`);
    }
    throw asTooDeep(e);
  }
}

/** Runs `read`; an invalid-json error about a document that starts with a byte order mark says so. */
export function withByteOrderMarkNamed<T>(byteOrderMark: ByteOrderMark, read: () => T): T {
  if (byteOrderMark === 'none') return read();
  try {
    return read();
  } catch (e) {
    if (e instanceof JmesPathError && e.kind === 'invalid-json') {
      e.message += byteOrderMark === 'stripped'
        ? ' (after the UTF-8 byte order mark EF BB BF that starts the file, which is allowed and skipped)'
        : ' (the text starts with a byte order mark, U+FEFF, which is skipped but counted as column 1)';
    }
    throw e;
  }
}
