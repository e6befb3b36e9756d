import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeDocument,
  decodeUtf8Lenient,
  decodeWindows1252,
  sniffEncoding,
} from '../../src/corpus/text-encoding.ts';

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('sniffEncoding', () => {
  it('follows a byte-order mark', () => {
    expect(sniffEncoding(Buffer.from('\ufeff{"a": 1}', 'utf8'))).toEqual({
      kind: 'text',
      encoding: 'utf-8',
      bomLength: 3,
    });
    expect(sniffEncoding(Buffer.from('\ufeff{"a": 1}', 'utf16le'))).toEqual({
      kind: 'text',
      encoding: 'utf-16le',
      bomLength: 2,
    });
    expect(sniffEncoding(utf16be('\ufeff{"a": 1}'))).toEqual({
      kind: 'text',
      encoding: 'utf-16be',
      bomLength: 2,
    });
  });

  it('recognises UTF-16 without a mark by its zero bytes, rather than calling it binary', () => {
    const text = '{"title": "A paper", "abstract": "Some words."}\n';
    expect(sniffEncoding(Buffer.from(text, 'utf16le'))).toMatchObject({ encoding: 'utf-16le' });
    expect(sniffEncoding(utf16be(text))).toMatchObject({ encoding: 'utf-16be' });
  });

  it('calls random bytes and images binary, and plain or Latin-1 text UTF-8', () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    expect(sniffEncoding(random)).toEqual({ kind: 'binary' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49]);
    expect(sniffEncoding(png)).toEqual({ kind: 'binary' });
    expect(sniffEncoding(Buffer.from('Caf\xe9\n', 'latin1'))).toMatchObject({
      encoding: 'utf-8',
    });
  });
});

describe('decodeUtf8Lenient', () => {
  it('decodes valid UTF-8 as it is, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(decodeUtf8Lenient(Buffer.from(text, 'utf8'))).toEqual({ text });
      }),
    );
  });

  it('reads bytes with no UTF-8 beyond ASCII as Windows-1252', () => {
    expect(decodeUtf8Lenient(Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94]))).toEqual({
      text: '“Café”',
      fallback: 'windows-1252',
    });
  });

  it('keeps UTF-8 mixed with a stray bad byte, showing the byte as U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('Łódź '), Buffer.from([0xc3]), Buffer.from(' x')]);
    expect(decodeUtf8Lenient(bytes)).toEqual({ text: 'Łódź \ufffd x', fallback: 'replaced' });
  });
});

describe('decodeWindows1252', () => {
  it('reads bytes 0x80–0x9F as the punctuation Windows puts there, the rest as Latin-1', () => {
    expect(decodeWindows1252(Buffer.from([0x80, 0x85, 0x91, 0x92, 0x96, 0x97, 0x99]))).toBe(
      '€…‘’–—™',
    );
    expect(decodeWindows1252(Buffer.from([0x41, 0xe9, 0xff, 0x81]))).toBe('Aéÿ\u0081');
  });

  it('gives one character per byte, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(decodeWindows1252(bytes)).toHaveLength(bytes.length);
      }),
    );
  });
});

describe('decodeDocument', () => {
  it('decodes each encoding and drops the mark', () => {
    expect(decodeDocument(Buffer.from('\ufeff[1]', 'utf8'))).toEqual({ text: '[1]' });
    expect(decodeDocument(Buffer.from('\ufeff[“1”]', 'utf16le'))).toEqual({ text: '[“1”]' });
    expect(decodeDocument(utf16be('\ufeff[1]'))).toEqual({ text: '[1]' });
    expect(decodeDocument('\ufeffalready text')).toEqual({ text: 'already text' });
  });

  it('refuses binary content', () => {
    expect(decodeDocument(Buffer.alloc(100))).toBeUndefined();
  });
});
