import { beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../adapters/slack/blocks/action-ids.ts';
import type { SlackBlock, SlackMessage } from '../../../adapters/slack/blocks/block-kit.ts';
import { decodeSlackText } from '../../../adapters/slack/decode-slack-text.ts';
import type { Origin, ReplyDeps } from '../../../adapters/slack/reply-deps.ts';
import { DAILY_DISABLED, replyToText } from '../../../adapters/slack/reply-to-text.ts';
import { plainText } from '../../../src/index.ts';
import { recordingWatch } from '../shared/recording-watch.ts';
import { violations } from './message-checks.ts';
import { recordingDaily, replyDeps } from './reply-deps-fixture.ts';

const CHANNEL: Origin = { channelId: 'C0LAB', teamId: 'T0LAB', invocation: '@Shammie' };

const headerOf = (m: SlackMessage) => {
  const block = m.blocks[0];
  return block?.type === 'header' ? block.text.text : undefined;
};
const sectionTexts = (blocks: SlackBlock[]) =>
  blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : []));
const buttonsOf = (blocks: SlackBlock[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));

let deps: ReplyDeps;
beforeEach(async () => {
  deps = await replyDeps();
});

describe('replyToText: message text → core → blocks', () => {
  it('answers `search QUERY` with a page of results, matched terms in bold', async () => {
    const reply = await replyToText('search long context', deps, CHANNEL);
    expect(reply.visibility).toBe('public');
    expect(headerOf(reply.message)).toBe('Results for “long context”');
    const first = sectionTexts(reply.message.blocks)[0] ?? '';
    expect(first).toMatch(/Megalodon|Lost in the Middle/);
    expect(sectionTexts(reply.message.blocks).join('\n')).toMatch(/\*(long|context)[a-z]*\*/i);
    expect(violations(reply.message)).toEqual([]);
  });

  it('treats text with no command word as a search', async () => {
    const reply = await replyToText('diffusion images', deps, CHANNEL);
    expect(headerOf(reply.message)).toBe('Results for “diffusion images”');
  });

  it('answers `paper` with a decoded arXiv link', async () => {
    const text = decodeSlackText(
      '<@U0BOT> paper <https://arxiv.org/abs/2305.11206|arxiv.org/abs/2305.11206>',
      { botUserId: 'U0BOT' },
    );
    const reply = await replyToText(text, deps, CHANNEL);
    expect(headerOf(reply.message)).toBe('LIMA: Less Is More for Alignment');
    expect(sectionTexts(reply.message.blocks)[1]).toContain('one thousand carefully curated');
  });

  it('answers `summary PAPER` with a summary, and `summary TOPIC` with whatever the core chose', async () => {
    const paper = await replyToText('summary LIMA', deps, CHANNEL);
    expect(headerOf(paper.message)).toBe('Summary: LIMA: Less Is More for Alignment');
    expect(sectionTexts(paper.message.blocks).some((t) => t.startsWith('*TL;DR* '))).toBe(true);
    const topic = await replyToText('summary attention quadratic cost', deps, CHANNEL);
    const expected = deps.engine.lookup('attention quadratic cost') ? 'Summary: ' : 'Digest: ';
    expect(headerOf(topic.message)?.startsWith(expected)).toBe(true);
  });

  it('says a citation style it does not write is not known, and names the ones it does', async () => {
    const reply = await replyToText('cite lima chicago', deps, CHANNEL);
    const text = JSON.stringify(reply.message);
    expect(text).toContain('chicago');
    for (const format of ['bibtex', 'apa', 'mla']) expect(text).toContain(format);
    expect(text).not.toContain('@inproceedings');
    expect(text).not.toContain('@article');
    expect(violations(reply.message)).toEqual([]);
  });

  it('answers `random` and `random TOPIC` with the injected randomness', async () => {
    const any = await replyToText('random', deps, CHANNEL);
    expect(headerOf(any.message)).toBe('Random paper');
    const onTopic = await replyToText('random diffusion', deps, CHANNEL);
    expect(headerOf(onTopic.message)).toBe('Random paper on “diffusion”');
    expect(sectionTexts(onTopic.message.blocks)[0]?.toLowerCase()).toContain('diffus');
  });

  it('answers `similar PAPER` with other papers and their buttons', async () => {
    const reply = await replyToText('similar LIMA', deps, CHANNEL);
    expect(headerOf(reply.message)).toBe('Similar to LIMA: Less Is More for Alignment');
    expect(buttonsOf(reply.message.blocks).some((b) => b.value === '2305.11206')).toBe(false);
  });

  it('answers `cite PAPER [format]`', async () => {
    const bibtex = await replyToText('cite 2305.11206', deps, CHANNEL);
    expect(headerOf(bibtex.message)).toBe('Cite: LIMA: Less Is More for Alignment');
    expect(sectionTexts(bibtex.message.blocks)[0]).toMatch(/^```@\w+\{/);
    const apa = await replyToText('cite LIMA apa', deps, CHANNEL);
    expect(JSON.stringify(apa.message.blocks)).toContain('format: apa');
    expect(sectionTexts(apa.message.blocks)[0]).toContain('Zhou');
  });

  it('answers `daily` for today in the configured zone, and `daily DATE` for that date', async () => {
    const today = await replyToText('daily', deps, CHANNEL);
    expect(headerOf(today.message)).toBe('Paper of the day · 2024-05-02');
    const utc = await replyToText('daily', { ...deps, timezone: 'UTC' }, CHANNEL);
    expect(headerOf(utc.message)).toBe('Paper of the day · 2024-05-01');
    const dated = await replyToText('daily 2024-01-15', deps, CHANNEL);
    expect(headerOf(dated.message)).toBe('Paper of the day · 2024-01-15');
  });

  it('sends `daily subscribe|unsubscribe|status` to the scheduler for this channel', async () => {
    const daily = recordingDaily();
    const withDaily = { ...deps, daily };
    const sub = await replyToText('daily subscribe 08:30 Europe/Paris', withDaily, CHANNEL);
    expect(daily.calls[0]).toEqual({
      action: 'subscribe',
      request: {
        channel: { platform: 'slack', channelId: 'C0LAB', workspaceId: 'T0LAB' },
        time: '08:30',
        timezone: 'Europe/Paris',
      },
    });
    expect(sub.visibility).toBe('public');
    expect(sectionTexts(sub.message.blocks)[0]).toBe(
      ':information_source: Subscribed: the paper of the day at 08:30.',
    );
    await replyToText('daily unsubscribe', withDaily, CHANNEL);
    expect(daily.calls[1]).toEqual({
      action: 'unsubscribe',
      request: { platform: 'slack', channelId: 'C0LAB', workspaceId: 'T0LAB' },
    });
    const status = await replyToText('daily status', withDaily, CHANNEL);
    expect(daily.calls[2]?.action).toBe('status');
    expect(status.visibility).toBe('private');
    expect(sectionTexts(status.message.blocks)[0]).toBe(
      ':warning: This channel gets no &lt;!channel&gt; daily post.',
    );
  });

  it('says daily posts are off when there is no scheduler', async () => {
    const reply = await replyToText('daily subscribe', deps, CHANNEL);
    expect(reply.visibility).toBe('private');
    expect(reply.message.text).toBe(
      'Daily posts are not enabled on this bot. `daily` and `daily YYYY-MM-DD` still show the paper of a day.',
    );
    expect(plainText(DAILY_DISABLED)).toContain('not enabled');
  });

  it('hands `watch …` to the watch service for the channel it was typed in', async () => {
    const service = recordingWatch();
    const withWatch = { ...deps, watch: service.watch };
    const list = await replyToText('watch list', withWatch, CHANNEL);
    const why = await replyToText('watch why 2601.00001', withWatch, CHANNEL);
    const channel = { platform: 'slack', channelId: 'C0LAB', workspaceId: 'T0LAB' };
    expect(service.calls).toEqual([
      { method: 'list', channel },
      { method: 'why', channel, paper: '2601.00001' },
    ]);
    expect(list.visibility).toBe('public');
    expect(list.message.text).toBe('1. cs.CL "long context", 5 papers at 09:00 UTC (active)');
    expect(why.message.text).toContain('close to your Megalodon');
  });

  it('says watches are off when there is no watch service', async () => {
    const reply = await replyToText('watch list', deps, CHANNEL);
    expect(reply.visibility).toBe('private');
    expect(reply.message.text).toContain('Watches are not enabled on this bot.');
  });

  it('answers `help` and empty text with every command, privately', async () => {
    for (const text of ['help', '']) {
      const reply = await replyToText(text, deps, { ...CHANNEL, invocation: '/shammie' });
      expect(reply.visibility).toBe('private');
      expect(headerOf(reply.message)).toBe('Shammie: commands');
      expect(sectionTexts(reply.message.blocks)[0]).toContain('`/shammie cite 2305.11206 apa`');
    }
  });

  it('turns a mistake into a short private notice', async () => {
    const missing = await replyToText('paper zzzz qqqq xxxx', deps, CHANNEL);
    expect(missing.visibility).toBe('private');
    expect(sectionTexts(missing.message.blocks)[0]).toMatch(/^:warning: /);
    const empty = await replyToText('search', deps, CHANNEL);
    expect(empty.visibility).toBe('private');
  });

  it('keeps the next page behind a short key on More results', async () => {
    const small = await replyDeps({ pageSize: 1 });
    const reply = await replyToText('search long context', small, CHANNEL);
    const more = buttonsOf(reply.message.blocks).find((b) => b.action_id === ACTION_IDS.more);
    expect(more?.value).toBe('page-1');
    expect(small.paging.get('page-1')).toEqual({
      request: { query: 'long context', limit: 1 },
      page: 1,
    });
  });

  it('escapes a query that tries to ping the channel, and the hostile paper it finds', async () => {
    const text = decodeSlackText('<@U0BOT> search &lt;!channel&gt; attention', {
      botUserId: 'U0BOT',
    });
    expect(text).toBe('search <!channel> attention');
    const reply = await replyToText(text, deps, CHANNEL);
    const all = JSON.stringify(reply.message);
    expect(all).not.toMatch(/<!(channel|here|everyone)>/);
    expect(all).not.toContain('<@U0ALICE>');
    expect(violations(reply.message)).toEqual([]);
  });
});
