import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from '../../src/corpus/line-splitter.ts';
import type { DecodeFallback } from '../../src/corpus/text-encoding.ts';

interface Seen {
  lines: [number, string][];
  tooLong: [number, number][];
  fallbacks: [number, DecodeFallback][];
}

/** Feeds `chunks` through a splitter and records everything it reports. */
function split(chunks: (Uint8Array | string)[], maxLineBytes = 1024): Seen {
  const seen: Seen = { lines: [], tooLong: [], fallbacks: [] };
  const splitter = createLineSplitter(
    {
      line(text, number, fallback) {
        seen.lines.push([number, text]);
        if (fallback) seen.fallbacks.push([number, fallback]);
      },
      tooLong(number, bytes) {
        seen.tooLong.push([number, bytes]);
      },
    },
    maxLineBytes,
  );
  for (const chunk of chunks) {
    splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }
  splitter.end();
  return seen;
}

/** `bytes` cut at the given offsets (sorted, deduplicated, within range). */
function cutAt(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort(
    (a, b) => a - b,
  );
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

describe('createLineSplitter', () => {
  it('cuts at \\n and \\r\\n and keeps a last line that has no newline', () => {
    expect(split(['one\r\ntwo\n\nthree']).lines).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, ''],
      [4, 'three'],
    ]);
  });

  it('does not invent a line after a final newline', () => {
    expect(split(['a\nb\n']).lines).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(split([]).lines).toEqual([]);
  });

  it('joins a line split across chunks, even inside a multi-byte character or a \\r\\n', () => {
    const bytes = Buffer.from('naïve\r\nZürich — ok\n', 'utf8');
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const seen = split([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(seen.lines).toEqual([
        [1, 'naïve'],
        [2, 'Zürich — ok'],
      ]);
      expect(seen.fallbacks).toEqual([]);
    }
  });

  it('gives the same lines however the bytes are cut into chunks', () => {
    const text = fc.array(
      fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('\n', '\r\n', '')),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (parts, offsets) => {
        const joined = parts.join('');
        const bytes = Buffer.from(joined, 'utf8');
        const expected = joined.split('\n').map((line) => line.replace(/\r$/, ''));
        if (joined.endsWith('\n') || joined === '') expected.pop();
        const seen = split(cutAt(bytes, offsets));
        expect(seen.lines.map(([, line]) => line)).toEqual(expected);
        expect(seen.lines.map(([number]) => number)).toEqual(expected.map((_, i) => i + 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('skips a line over the limit with its number and length, and goes on', () => {
    const long = 'x'.repeat(5000);
    const seen = split([`first\n${long}\nlast`], 1000);
    expect(seen.lines).toEqual([
      [1, 'first'],
      [3, 'last'],
    ]);
    expect(seen.tooLong).toEqual([[2, 5000]]);
  });

  it('skips a long line that arrives in many chunks, and a long last line', () => {
    const chunks = ['ok\nyy', ...Array.from({ length: 50 }, () => 'y'.repeat(100)), '\nnext\nzzz'];
    chunks.push('z'.repeat(3000));
    const seen = split(chunks, 1000);
    expect(seen.lines).toEqual([
      [1, 'ok'],
      [3, 'next'],
    ]);
    expect(seen.tooLong).toEqual([
      [2, 5002],
      [4, 3003],
    ]);
  });

  it('accepts a line of exactly the limit, with or without \\r', () => {
    const exact = 'e'.repeat(1000);
    const seen = split([`${exact}\r\n`, `${exact}\n`, exact], 1000);
    expect(seen.lines.map(([number, line]) => [number, line.length])).toEqual([
      [1, 1000],
      [2, 1000],
      [3, 1000],
    ]);
    expect(seen.tooLong).toEqual([]);
  });

  it('reads a Latin-1 line as Windows-1252 and keeps bad bytes in a UTF-8 line as U+FFFD', () => {
    const latin = Buffer.from('Caf\xe9 cr\xe8me\n', 'latin1');
    const mixed = Buffer.concat([Buffer.from('Zürich '), Buffer.from([0xff]), Buffer.from('\n')]);
    const seen = split([Buffer.concat([Buffer.from('plain\n'), latin, mixed])]);
    expect(seen.lines).toEqual([
      [1, 'plain'],
      [2, 'Café crème'],
      [3, 'Zürich \ufffd'],
    ]);
    expect(seen.fallbacks).toEqual([
      [2, 'windows-1252'],
      [3, 'replaced'],
    ]);
  });

  it('keeps a U+FFFD that was written in valid UTF-8', () => {
    const seen = split(['shown as \ufffd on purpose\n']);
    expect(seen.lines).toEqual([[1, 'shown as \ufffd on purpose']]);
    expect(seen.fallbacks).toEqual([]);
  });
});
