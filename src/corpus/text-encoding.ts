/**
 * Telling text from binary and guessing how text is encoded, from a file's first bytes; and
 * decoding bytes that are not all valid UTF-8 the way a person would read them. Corpus files
 * come from many tools: UTF-8 mostly, old BibTeX in Latin-1 / Windows-1252, Windows exports in
 * UTF-16 with a byte-order mark, and now and then a stray bad byte.
 */
import { Buffer, isUtf8 } from 'node:buffer';

/** The encodings a corpus file is read in (Windows-1252 is decided line by line, see below). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** What the first bytes of a file say: binary, or text in an encoding after a BOM of some bytes. */
export type SniffedEncoding =
  | { kind: 'binary' }
  | { kind: 'text'; encoding: TextEncodingName; bomLength: number };

/** How bytes that were not valid UTF-8 were read, for the problem line that says so. */
export type DecodeFallback = 'windows-1252' | 'replaced';

/** Bytes inspected to tell a text file from a binary one. */
export const SNIFF_BYTES = 8192;
/** Share of control bytes above which a file is binary (random bytes have about 12%). */
const BINARY_CONTROL_SHARE = 0.05;
/** Share of zero bytes at every other position that marks UTF-16 text without a BOM. */
const UTF16_ZERO_SHARE = 0.4;
/** Characters above ASCII that valid UTF-8 decodes to; U+FFFD is what invalid bytes become. */
const DECODED_NON_ASCII = /[\u0080-\ufffc\ufffe\uffff]/;

/**
 * What Windows-1252 puts at bytes 0x80–0x9F (WHATWG Encoding Standard); every other byte is
 * the Latin-1 character of the same number. Decoded here rather than with TextDecoder, whose
 * Windows-1252 reads these bytes as control characters in Node 20 (nodejs/node#60888).
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_CONTROLS = /[\u0080-\u009f]/g;

/**
 * The encoding of a file from its first bytes: a byte-order mark decides (UTF-8, UTF-16 LE or
 * BE); UTF-16 without a mark shows as zero bytes at every other position; more than a few
 * other control bytes mean binary; anything else is read as UTF-8.
 */
export function sniffEncoding(bytes: Uint8Array): SniffedEncoding {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { kind: 'text', encoding: 'utf-8', bomLength: 3 };
  }
  if (head[0] === 0xff && head[1] === 0xfe) {
    return { kind: 'text', encoding: 'utf-16le', bomLength: 2 };
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    return { kind: 'text', encoding: 'utf-16be', bomLength: 2 };
  }
  let control = 0;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < head.length; i += 1) {
    const byte = head[i]!;
    if (byte === 0) {
      if (i % 2 === 0) evenZeros += 1;
      else oddZeros += 1;
    }
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control += 1;
  }
  const pairs = head.length / 2;
  if (pairs >= 2) {
    // Latin text in UTF-16 has a zero high byte in (nearly) every code unit.
    if (oddZeros > pairs * UTF16_ZERO_SHARE && evenZeros < pairs * BINARY_CONTROL_SHARE) {
      return { kind: 'text', encoding: 'utf-16le', bomLength: 0 };
    }
    if (evenZeros > pairs * UTF16_ZERO_SHARE && oddZeros < pairs * BINARY_CONTROL_SHARE) {
      return { kind: 'text', encoding: 'utf-16be', bomLength: 0 };
    }
  }
  if (control > head.length * BINARY_CONTROL_SHARE) return { kind: 'binary' };
  return { kind: 'text', encoding: 'utf-8', bomLength: 0 };
}

/**
 * Text of bytes that should be UTF-8. Valid UTF-8 is decoded as such. Otherwise: bytes with no
 * valid UTF-8 beyond ASCII are read as Windows-1252 (a superset of Latin-1, what old BibTeX
 * and spreadsheet exports use); bytes that mix valid UTF-8 with a few bad bytes keep the UTF-8
 * and show each bad byte as U+FFFD. The fallback used, if any, is returned alongside.
 */
export function decodeUtf8Lenient(bytes: Uint8Array): {
  text: string;
  fallback?: DecodeFallback;
} {
  const buffer = asBuffer(bytes);
  const text = buffer.toString('utf8');
  // Checking for U+FFFD first is cheap; only then is the (rarer) full validation needed.
  if (!text.includes('\ufffd') || isUtf8(buffer)) return { text };
  if (DECODED_NON_ASCII.test(text)) return { text, fallback: 'replaced' };
  return { text: decodeWindows1252(buffer), fallback: 'windows-1252' };
}

/** Text of Windows-1252 bytes (a superset of Latin-1: also curly quotes, dashes, €, ™). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = asBuffer(bytes).toString('latin1');
  return latin1.replace(C1_CONTROLS, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/**
 * The text of a whole document (a JSON array, a BibTeX file) in the encoding sniffed from its
 * start, or undefined when it looks binary. A byte-order mark is dropped.
 */
export function decodeDocument(
  content: Uint8Array | string,
): { text: string; fallback?: DecodeFallback } | undefined {
  if (typeof content === 'string') {
    return { text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
  }
  const sniffed = sniffEncoding(content);
  if (sniffed.kind === 'binary') return undefined;
  const body = content.subarray(sniffed.bomLength);
  if (sniffed.encoding === 'utf-8') return decodeUtf8Lenient(body);
  return { text: new TextDecoder(sniffed.encoding, { ignoreBOM: true }).decode(body) };
}

/** The problem message for text read through a fallback, over `lines` lines or a whole file. */
export function fallbackMessage(fallback: DecodeFallback, lines?: number): string {
  const where = lines === undefined ? '' : ` on ${count(lines, 'line')}`;
  return fallback === 'windows-1252'
    ? `not UTF-8${where}: read as Windows-1252 (Latin-1)`
    : `invalid UTF-8 bytes${where}, shown as �`;
}

/** `n thing` or `n things`, with thousands separators. */
export function count(n: number, thing: string): string {
  return `${n.toLocaleString('en-US')} ${thing}${n === 1 ? '' : 's'}`;
}

/** A Buffer view of the same bytes (no copy), for Buffer's fast search and decoding. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
