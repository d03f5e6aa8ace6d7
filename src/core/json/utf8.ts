// JSON that arrives as bytes (files, pipes) must be UTF-8 (RFC 8259 section 8.1). Decoding with
// replacement would turn a Latin-1 'é' into U+FFFD and answer from data that is not in the file,
// so bytes that are not UTF-8 are an error that says where. The fast path is one fatal
// TextDecoder pass (as fast as Buffer#toString); the byte-by-byte scan runs only on failure.

/** Bytes that cannot be JSON text: not UTF-8, or another Unicode encoding (UTF-16/32). */
export class JsonEncodingError extends Error {
  constructor(
    message: string,
    /** 0-based offset of the first offending byte. */
    readonly byteOffset: number,
    /** 1-based line and column (UTF-16 code units, as editors count) of that byte. */
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export interface DecodedJson {
  /** The text, without a leading byte order mark. */
  text: string;
  /** The bytes started with the UTF-8 byte order mark EF BB BF (allowed, and skipped). */
  byteOrderMark: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true }); // ignoreBOM false: strips a leading BOM

/** Decodes JSON bytes; throws JsonEncodingError for anything but UTF-8 (with or without a BOM). */
export function decodeJsonBytes(bytes: Uint8Array): DecodedJson {
  const other = otherUnicodeEncoding(bytes);
  if (other) throw new JsonEncodingError(other, 0, 1, 1);
  const byteOrderMark = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: decoder.decode(bytes), byteOrderMark };
  } catch (e) {
    const bad = firstInvalidSequence(bytes);
    if (!bad) throw e; // not an encoding problem (e.g. longer than a string can be)
    const { line, column } = bytePosition(bytes, bad.offset, byteOrderMark);
    throw new JsonEncodingError(`Not UTF-8 at line ${line}, column ${column} (byte offset ${bad.offset}): ${bad.reason}. JSON must be UTF-8 (RFC 8259).`, bad.offset, line, column);
  }
}

/**
 * UTF-16 or UTF-32 by byte order mark, or by the NUL bytes that ASCII characters have in them
 * (RFC 4627 section 3; Python's json.detect_encoding uses the same pattern). A UTF-8 JSON text
 * never has a NUL among its first two bytes, so this never misnames valid input.
 */
function otherUnicodeEncoding(b: Uint8Array): string | undefined {
  const advice = 'JSON must be UTF-8 (RFC 8259): save the file as UTF-8 (Windows PowerShell\'s `>` and Out-File write UTF-16; use `Out-File -Encoding utf8`).';
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return `The file is UTF-32 (little-endian, byte order mark FF FE 00 00), not UTF-8. ${advice}`;
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return `The file is UTF-32 (big-endian, byte order mark 00 00 FE FF), not UTF-8. ${advice}`;
  if (b[0] === 0xff && b[1] === 0xfe) return `The file is UTF-16 (little-endian, byte order mark FF FE), not UTF-8. ${advice}`;
  if (b[0] === 0xfe && b[1] === 0xff) return `The file is UTF-16 (big-endian, byte order mark FE FF), not UTF-8. ${advice}`;
  if (b.length < 2 || (b[0] !== 0 && b[1] !== 0)) return undefined;
  // four NULs are a NUL character in UTF-32 too: no JSON text in any encoding (fuzzing: a zero-filled file was "UTF-32")
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0) {
    let nuls = 4;
    while (nuls < b.length && b[nuls] === 0) nuls++;
    const which = nuls === b.length ? `all its ${nuls.toLocaleString('en-US')} bytes are` : `its first ${nuls.toLocaleString('en-US')} bytes are`;
    return `The file holds no text: ${which} NUL (00), as in a file that was zero-filled or never written. JSON is UTF-8 text (RFC 8259).`;
  }
  const utf32 = b.length >= 4 && (b[0] === 0 ? b[1] === 0 : b[2] === 0 && b[3] === 0);
  const order = b[0] === 0 ? 'big-endian' : 'little-endian';
  return `The file looks like ${utf32 ? 'UTF-32' : 'UTF-16'} (${order}, no byte order mark: NUL bytes between its characters), not UTF-8. ${advice}`;
}

const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');
const hexBytes = (bytes: Uint8Array, start: number, end: number) => Array.from(bytes.subarray(start, end), hex).join(' ');

/** The first byte sequence that is not UTF-8 (Unicode 15, table 3-7), with what is wrong with it. */
export function firstInvalidSequence(bytes: Uint8Array): { offset: number; reason: string } | undefined {
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      return { offset: i, reason: loneByte(b, bytes, i) };
    }
    if (i + 1 >= n) return { offset: i, reason: `the sequence ${hex(b)} is cut off by the end of the input${latin1Hint(b)}` };
    const second = bytes[i + 1];
    if (second < 0x80 || second > 0xbf) return { offset: i, reason: `${hex(b)} ${hex(second)} is a ${need + 1}-byte sequence cut short${latin1Hint(b)}` };
    if (second < lo) return { offset: i, reason: `${hexBytes(bytes, i, i + need + 1)} is an overlong encoding (a character in more bytes than UTF-8 allows)` };
    if (second > hi) {
      if (b === 0xed) {
        const unit = 0xd000 | ((second & 0x3f) << 6) | ((bytes[i + 2] ?? 0x80) & 0x3f);
        return { offset: i, reason: `${hexBytes(bytes, i, i + 3)} encodes the UTF-16 surrogate U+${unit.toString(16).toUpperCase()} (CESU-8 or WTF-8, not UTF-8)` };
      }
      return { offset: i, reason: `${hexBytes(bytes, i, i + 4)} encodes a code point beyond U+10FFFF` };
    }
    for (let k = 2; k <= need; k++) {
      if (i + k >= n) return { offset: i, reason: `the sequence ${hexBytes(bytes, i, n)} is cut off by the end of the input` };
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xbf) return { offset: i, reason: `${hexBytes(bytes, i, i + k + 1)} is a ${need + 1}-byte sequence cut short` };
    }
    i += need;
  }
  return undefined;
}

function loneByte(b: number, bytes: Uint8Array, i: number): string {
  if (b <= 0xbf) return `byte 0x${hex(b)} continues a character that never started${latin1Hint(b)}`;
  if (b === 0xc0 || b === 0xc1) return `${hexBytes(bytes, i, i + 2)} is an overlong encoding (a character in more bytes than UTF-8 allows)${latin1Hint(b)}`;
  if (b <= 0xf7) return `byte 0x${hex(b)} starts a code point beyond U+10FFFF${latin1Hint(b)}`;
  return `byte 0x${hex(b)}, which never occurs in UTF-8${latin1Hint(b)}`;
}

/** Windows-1252's characters for 0x80-0x9F, where it differs from Latin-1 (NUL where it has none). */
const CP1252_80_9F = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ';

/** Text saved as Windows-1252/Latin-1 is the usual cause: name the character the byte is there. */
function latin1Hint(b: number): string {
  const ch = b < 0xa0 ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
  if (/[\p{Cc}\p{Z}]/u.test(ch)) return ''; // none, or invisible: no help
  return ` (in Windows-1252/Latin-1 0x${hex(b)} is '${ch}': was the file saved in another encoding?)`;
}

/** 1-based line and UTF-16 column of a byte, the bytes before it being valid UTF-8. */
function bytePosition(bytes: Uint8Array, offset: number, byteOrderMark: boolean): { line: number; column: number } {
  let line = 1;
  let lineStart = byteOrderMark ? 3 : 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}
