import { describe, expect, it } from 'vitest';
import {
  boldSnippet,
  codeBlock,
  ELLIPSIS,
  escapeLine,
  escapeText,
  oneLine,
  plainLine,
  sanitize,
} from '../../../adapters/discord/text.ts';

describe('sanitize', () => {
  it('drops control characters and bidi overrides but keeps newlines, emoji and RTL text', () => {
    expect(sanitize('a\u0000b\u0007c\u202ed\u2067e\nf 🧪 שלום')).toBe('abcde\nf 🧪 שלום');
  });

  it('turns lone surrogates into the replacement character and keeps pairs', () => {
    expect(sanitize('x\ud800y😀')).toBe('x\ufffdy😀');
  });

  it('oneLine folds every run of whitespace into one space', () => {
    expect(oneLine('  a\n\n b\tc  ')).toBe('a b c');
  });
});

describe('escapeText', () => {
  it('escapes markdown so it shows as typed', () => {
    expect(escapeText('**bold** _it_ ~~s~~ `c` ||sp|| [a](http://x)', 500)).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|sp\\|\\| \\[a\\](http://x)',
    );
  });

  it('escapes headings, quotes, lists and numbered lists only at the start of a line', () => {
    expect(escapeText('# h\n> q\n- l\n12. n\na-b #c 3.5', 500)).toBe(
      '\\# h\n\\> q\n\\- l\n12\\. n\na-b #c 3.5',
    );
  });

  it('defuses mentions: user, role, channel and @everyone/@here', () => {
    const out = escapeText('<@123> <@&456> <#789> @everyone @here', 500);
    expect(out).toBe('\\<@123> \\<@&456> \\<#789> @\u200beveryone @\u200bhere');
  });

  it('cuts with an ellipsis to the exact limit and never leaves a dangling backslash', () => {
    const out = escapeText('*'.repeat(100), 11);
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
    expect(out).toBe(`${'\\*'.repeat(5)}${ELLIPSIS}`);
  });

  it('never splits a surrogate pair when cutting', () => {
    const out = escapeText('😀'.repeat(10), 6);
    expect(out).toBe(`😀😀${ELLIPSIS}`);
  });

  it('leaves short text alone', () => {
    expect(escapeText('plain words', 11)).toBe('plain words');
  });
});

describe('escapeLine and plainLine', () => {
  it('escapeLine puts text on one line before escaping', () => {
    expect(escapeLine('a\n# b', 50)).toBe('a # b');
  });

  it('plainLine does not escape (for footers, labels and choices)', () => {
    expect(plainLine('a *b*\nc', 50)).toBe('a *b* c');
    expect(plainLine('x'.repeat(200), 100)).toHaveLength(100);
  });
});

describe('boldSnippet', () => {
  const snippet = [
    { text: 'We study ', match: false },
    { text: 'long', match: true },
    { text: ' ', match: false },
    { text: 'context ', match: true },
    { text: 'models_with *stars*', match: false },
  ];

  it('bolds matched terms and escapes the rest', () => {
    expect(boldSnippet(snippet, 500)).toBe(
      'We study **long** **context** models\\_with \\*stars\\*',
    );
  });

  it('closes the bold before the ellipsis when the cut falls inside a match', () => {
    const out = boldSnippet([{ text: 'a'.repeat(50), match: true }], 20);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out).toMatch(/^\*\*a+\*\*…$/);
  });

  it('never leaves an odd number of bold markers', () => {
    for (let max = 1; max < 60; max++) {
      const out = boldSnippet(snippet, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect((out.match(/(?<!\\)\*\*/g) ?? []).length % 2).toBe(0);
    }
  });
});

describe('codeBlock', () => {
  it('fences the text with a language', () => {
    expect(codeBlock('@article{x}', 'bibtex', 100)).toBe('```bibtex\n@article{x}\n```');
  });

  it('breaks runs of three backticks so the block cannot be closed early', () => {
    const out = codeBlock('a ``` b ``quote', '', 100);
    expect(out.slice(4, -4)).not.toContain('```');
    expect(out).toContain('``quote');
  });

  it('keeps a trailing backtick from merging with the fence', () => {
    const out = codeBlock('end`', '', 100);
    expect(out.endsWith('`\u200b\n```')).toBe(true);
  });

  it('fits the whole block, fences included, in the limit', () => {
    const out = codeBlock('x'.repeat(5000), 'bibtex', 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out.endsWith(`${ELLIPSIS}\n\`\`\``)).toBe(true);
  });
});
