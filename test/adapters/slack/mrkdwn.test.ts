import { describe, expect, it } from 'vitest';
import {
  bold,
  escapeMrkdwn,
  mrkdwnLink,
  snippetToMrkdwn,
  truncate,
  truncateMrkdwn,
} from '../../../adapters/slack/mrkdwn.ts';

describe('escapeMrkdwn', () => {
  it('escapes the three control characters and nothing else', () => {
    expect(escapeMrkdwn('a & b < c > d "e" \'f\'')).toBe('a &amp; b &lt; c &gt; d "e" \'f\'');
  });

  it('defuses special mentions', () => {
    expect(escapeMrkdwn('<!channel> <!here> <@U123>')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;',
    );
  });
});

describe('truncate', () => {
  it('leaves short text alone and ends cut text with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀😀😀', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});

describe('truncateMrkdwn', () => {
  it('never leaves half an entity', () => {
    expect(truncateMrkdwn('abc &amp; def', 7)).toBe('abc …');
  });

  it('never leaves half a link', () => {
    const text = 'see <https://example.org/a|a title> now';
    const cut = truncateMrkdwn(text, 20);
    expect(cut).toBe('see …');
  });

  it('keeps a link that fits whole', () => {
    const text = '<https://e.org|t> and more text here';
    expect(truncateMrkdwn(text, 22)).toBe('<https://e.org|t> and…');
  });
});

describe('bold', () => {
  it('keeps surrounding spaces outside the asterisks', () => {
    expect(bold(' term ')).toBe(' *term* ');
  });

  it('leaves text with its own asterisk or a line break plain', () => {
    expect(bold('a*b')).toBe('a*b');
    expect(bold('a\nb')).toBe('a\nb');
    expect(bold('   ')).toBe('   ');
  });
});

describe('snippetToMrkdwn', () => {
  it('bolds the matched terms and escapes everything', () => {
    expect(
      snippetToMrkdwn(
        [
          { text: 'We extend ', match: false },
          { text: 'context', match: true },
          { text: ' to <!channel> & more', match: false },
        ],
        500,
      ),
    ).toBe('We extend *context* to &lt;!channel&gt; &amp; more');
  });

  it('keeps a snippet on one line', () => {
    expect(snippetToMrkdwn([{ text: 'a\n\nb', match: false }], 100)).toBe('a b');
  });

  it('stays within its budget without an unclosed bold', () => {
    const snippet = [
      { text: 'x'.repeat(40), match: false },
      { text: 'matched', match: true },
      { text: 'y'.repeat(40), match: false },
    ];
    const out = snippetToMrkdwn(snippet, 45);
    expect(out.length).toBeLessThanOrEqual(45);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toContain('*');
  });
});

describe('mrkdwnLink', () => {
  it('links an http(s) URL with an escaped label', () => {
    expect(mrkdwnLink('https://arxiv.org/abs/1', 'A <b> & c')).toBe(
      '<https://arxiv.org/abs/1|A &lt;b&gt; &amp; c>',
    );
  });

  it('escapes & in the URL', () => {
    expect(mrkdwnLink('https://e.org/?a=1&b=2', 't')).toBe('<https://e.org/?a=1&amp;b=2|t>');
  });

  it('shows only the label for a URL that is not a safe link', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink('https://e.org/|<!channel>', 'x')).toBe('x');
    expect(mrkdwnLink('https://e.org/a b', 'x')).toBe('x');
    expect(mrkdwnLink(undefined, 'x')).toBe('x');
  });
});
