/**
 * Cutting a stream of bytes into lines without ever holding more than one line (and one chunk):
 * a corpus of JSON Lines may be many times larger than the biggest string V8 can make. Handles
 * `\n` and `\r\n`, a last line with no newline, lines split across chunks, and lines too long
 * to be a paper (a hostile 50 MB line is skipped in bounded memory and reported).
 */
import { Buffer } from 'node:buffer';
import { asBuffer, type DecodeFallback, decodeUtf8Lenient } from './text-encoding.ts';

/** Where the lines go. */
export interface LineSink {
  /**
   * One line's text, without its line ending (may be empty), its 1-based number, and how it was
   * decoded when its bytes were not valid UTF-8.
   */
  line(text: string, number: number, fallback: DecodeFallback | undefined): void;
  /** A line longer than the limit was skipped unread; `bytes` is its length. */
  tooLong(number: number, bytes: number): void;
}

/** Takes a stream's chunks in order, then `end()`; calls its sink once per line, in order. */
export interface LineSplitter {
  push(chunk: Uint8Array): void;
  end(): void;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/**
 * A splitter of UTF-8 bytes into lines of at most `maxLineBytes` bytes each (line ending
 * excluded). Each line is decoded on its own, so one line in Latin-1 or with a bad byte costs
 * that line only (see {@link decodeUtf8Lenient}).
 */
export function createLineSplitter(sink: LineSink, maxLineBytes: number): LineSplitter {
  let lineNumber = 0;
  // Bytes of a line begun in an earlier chunk; never more than maxLineBytes + 1 in all.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // Inside a line already known to be too long: its bytes are counted, not kept.
  let skipping = false;
  let skippedBytes = 0;

  const emit = (bytes: Buffer, start: number, stop: number) => {
    lineNumber += 1;
    let end = stop;
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end -= 1;
    if (end - start > maxLineBytes) {
      sink.tooLong(lineNumber, end - start);
      return;
    }
    if (end === start) {
      sink.line('', lineNumber, undefined);
      return;
    }
    const text = bytes.toString('utf8', start, end);
    // Invalid bytes decode to U+FFFD; only then is the line looked at more closely.
    if (text.includes('\ufffd')) {
      const decoded = decodeUtf8Lenient(bytes.subarray(start, end));
      sink.line(decoded.text, lineNumber, decoded.fallback);
    } else {
      sink.line(text, lineNumber, undefined);
    }
  };

  const endSkippedLine = (bytes: number) => {
    lineNumber += 1;
    sink.tooLong(lineNumber, bytes);
    skipping = false;
    skippedBytes = 0;
  };

  const takePending = (): Buffer => {
    const joined = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    return joined;
  };

  return {
    push(chunk) {
      const bytes = asBuffer(chunk);
      let start = 0;
      for (;;) {
        const newline = bytes.indexOf(NEWLINE, start);
        if (newline === -1) break;
        if (skipping) {
          endSkippedLine(skippedBytes + newline - start);
        } else if (pendingBytes > 0) {
          // Bounded: pending holds at most maxLineBytes + 1 bytes, the piece at most a chunk.
          pending.push(bytes.subarray(start, newline));
          const joined = takePending();
          emit(joined, 0, joined.length);
        } else {
          emit(bytes, start, newline);
        }
        start = newline + 1;
      }
      const rest = bytes.length - start;
      if (rest === 0) return;
      if (skipping) {
        skippedBytes += rest;
      } else if (pendingBytes + rest > maxLineBytes + 1) {
        // One byte of slack: a line of exactly the limit may still be followed by its `\r`.
        skipping = true;
        skippedBytes = pendingBytes + rest;
        pending = [];
        pendingBytes = 0;
      } else {
        pending.push(bytes.subarray(start));
        pendingBytes += rest;
      }
    },
    end() {
      if (skipping) endSkippedLine(skippedBytes);
      else if (pendingBytes > 0) {
        const joined = takePending();
        emit(joined, 0, joined.length);
      }
    },
  };
}
