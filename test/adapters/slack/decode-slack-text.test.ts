import { describe, expect, it } from 'vitest';
import { decodeSlackText } from '../../../adapters/slack/decode-slack-text.ts';

const BOT = 'U0BOT';

describe('decodeSlackText', () => {
  it('drops the bot’s own mention at the start', () => {
    expect(decodeSlackText('<@U0BOT> search long context', { botUserId: BOT })).toBe(
      'search long context',
    );
  });

  it('drops the bot mention with a label, comma or colon after it', () => {
    expect(decodeSlackText('<@U0BOT|shammie>: help', { botUserId: BOT })).toBe('help');
    expect(decodeSlackText('  <@U0BOT>, cite LIMA apa', { botUserId: BOT })).toBe('cite LIMA apa');
  });

  it('keeps a leading mention of someone else as their name', () => {
    expect(decodeSlackText('<@U0ALICE|alice> long context', { botUserId: BOT })).toBe(
      '@alice long context',
    );
  });

  it('drops a leading mention when the bot id is unknown (app_mention always starts with it)', () => {
    expect(decodeSlackText('<@U0BOT> random')).toBe('random');
  });

  it('turns other user mentions into @name, or drops them without a name', () => {
    expect(decodeSlackText('<@U0BOT> search papers by <@U0ALICE|alice>', { botUserId: BOT })).toBe(
      'search papers by @alice',
    );
    expect(decodeSlackText('<@U0BOT> search papers for <@U0BOB> please', { botUserId: BOT })).toBe(
      'search papers for please',
    );
  });

  it('turns channel links into #name', () => {
    expect(decodeSlackText('daily in <#C0LAB|lab-papers>')).toBe('daily in #lab-papers');
  });

  it('turns links into their URL, so arXiv links still resolve', () => {
    expect(
      decodeSlackText(
        '<@U0BOT> paper <https://arxiv.org/abs/2305.11206|arxiv.org/abs/2305.11206>',
        {
          botUserId: BOT,
        },
      ),
    ).toBe('paper https://arxiv.org/abs/2305.11206');
    expect(decodeSlackText('summary <https://arxiv.org/abs/2404.08801>')).toBe(
      'summary https://arxiv.org/abs/2404.08801',
    );
  });

  it('decodes entities inside link URLs', () => {
    expect(decodeSlackText('paper <https://example.org/?a=1&amp;b=2>')).toBe(
      'paper https://example.org/?a=1&b=2',
    );
  });

  it('keeps a mailto link as the address', () => {
    expect(decodeSlackText('search <mailto:a@b.org|a@b.org>')).toBe('search a@b.org');
  });

  it('turns special mentions into plain words that ping nobody', () => {
    expect(decodeSlackText('<!channel> <!here> <!everyone> attention')).toBe(
      'channel here everyone attention',
    );
    expect(decodeSlackText('<!subteam^S0LAB|@lab> diffusion')).toBe('lab diffusion');
    expect(decodeSlackText('<!date^1392734382^{date}|Feb 18, 2014> news')).toBe(
      'Feb 18, 2014 news',
    );
  });

  it('decodes &amp; &lt; &gt; once, so an encoded entity stays what was typed', () => {
    expect(decodeSlackText('search R&amp;D &lt;b&gt; a &gt; b')).toBe('search R&D <b> a > b');
    expect(decodeSlackText('search &amp;lt;')).toBe('search &lt;');
  });

  it('keeps literal markup the user typed (Slack sends it encoded) as text', () => {
    expect(decodeSlackText('search &lt;!channel&gt;')).toBe('search <!channel>');
  });

  it('keeps quotes, filters and line breaks for the grammar', () => {
    expect(decodeSlackText('<@U0BOT> search “long context” author:levy year:2023..2024')).toBe(
      'search “long context” author:levy year:2023..2024',
    );
    expect(decodeSlackText('cite LIMA\napa')).toBe('cite LIMA\napa');
  });

  it('turns an empty mention into empty text (the grammar answers it with help)', () => {
    expect(decodeSlackText('<@U0BOT>', { botUserId: BOT })).toBe('');
    expect(decodeSlackText('')).toBe('');
  });

  it('leaves a stray angle bracket alone', () => {
    expect(decodeSlackText('search a < b')).toBe('search a < b');
  });
});
