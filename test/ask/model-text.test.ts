import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeMentions, plainModelText, stripMarkdown } from '../../src/ask/model-text.ts';

describe('model text made safe to show', () => {
  it('removes Discord and Slack mentions and defuses broadcast words', () => {
    expect(
      neutralizeMentions(
        'Hi @everyone and @here, @Channel <@123> <@!45> <@&9> <#77> <!channel> <!here> <!subteam^S1|@team> done',
      ),
    ).toBe(`Hi everyone and here, Channel${' '.repeat(8)}done`);
  });

  it('leaves ordinary text and e-mail addresses alone', () => {
    expect(neutralizeMentions('a@b.org wrote x < y and y > z')).toBe(
      'a@b.org wrote x < y and y > z',
    );
  });

  it('takes Markdown off: fences, headings, quotes, bullets, emphasis, code, links, images', () => {
    const md = [
      '```python',
      'print(1)',
      '```',
      '# Title',
      '> quoted',
      '* item one',
      '2. item two',
      '**bold** and *it* and _under_ and ~~gone~~ and `code`',
      '[text](https://example.org) ![alt](img.png) [3](https://x)',
      '---',
    ].join('\n');
    expect(
      stripMarkdown(md)
        .split('\n')
        .filter((l) => l.trim() !== ''),
    ).toEqual([
      'print(1)',
      'Title',
      'quoted',
      'item one',
      'item two',
      'bold and it and under and gone and code',
      'text alt [3]',
    ]);
  });

  it('keeps snake_case words and arithmetic as they are', () => {
    expect(stripMarkdown('use max_new_tokens and 2*3*4')).toBe('use max_new_tokens and 2*3*4');
  });

  it('never lets a ping through, whatever the text', () => {
    const pieces = fc.constantFrom(
      '@everyone',
      '@here',
      '<@1>',
      '<!channel>',
      '<@&2>',
      '**',
      '`',
      ' ',
      'x',
      '@',
      '<',
      '>',
      '!',
      '#',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const out = plainModelText(parts.join(''));
        expect(out).not.toMatch(/@(everyone|here|channel)\b|<[@#!][^<>\s]*>/i);
      }),
      { numRuns: 500 },
    );
  });
});
