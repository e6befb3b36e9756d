import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noticeText } from '../../../adapters/discord/notice-text.ts';
import { escapeRich } from '../../../adapters/discord/text.ts';
import { code, richNotice } from '../../../src/index.ts';

/**
 * Backticks Discord reads as code marks: outside a code span a backslash escapes the next
 * character; inside one it is just a backslash.
 */
function codeMarks(text: string): number {
  let marks = 0;
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    if (!inCode && text[i] === '\\') i++;
    else if (text[i] === '`') {
      marks++;
      inCode = !inCode;
    }
  }
  return marks;
}

describe('a Discord notice with things to type', () => {
  it('shows them as code spans and escapes the words around them', () => {
    const view = richNotice('info', ['Use *this*: ', code('/daily show'), ' or ', code('daily')]);
    expect(noticeText(view)).toBe('ℹ️ Use \\*this\\*: `/daily show` or `daily`');
  });

  it('never lets a code span end early or spill over, whatever the words and the cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string().map(code)), { maxLength: 6 }),
        fc.integer({ min: 0, max: 80 }),
        (parts, max) => {
          const text = escapeRich(parts, max);
          expect(text.length).toBeLessThanOrEqual(max);
          expect(codeMarks(text) % 2).toBe(0);
        },
      ),
    );
  });
});
