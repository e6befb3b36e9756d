import { beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../adapters/slack/blocks/action-ids.ts';
import type { SlackMessage } from '../../../adapters/slack/blocks/block-kit.ts';
import type { ReplyDeps } from '../../../adapters/slack/reply-deps.ts';
import { EXPIRED_PAGE, replyToAction } from '../../../adapters/slack/reply-to-action.ts';
import { replyToText } from '../../../adapters/slack/reply-to-text.ts';
import { violations } from './message-checks.ts';
import { replyDeps } from './reply-deps-fixture.ts';

const headerOf = (m: SlackMessage) => {
  const block = m.blocks[0];
  return block?.type === 'header' ? block.text.text : undefined;
};
const moreValue = (m: SlackMessage) =>
  m.blocks
    .flatMap((b) => (b.type === 'actions' ? b.elements : []))
    .find((b) => b.action_id === ACTION_IDS.more)?.value;

let deps: ReplyDeps;
beforeEach(async () => {
  deps = await replyDeps();
});

describe('replyToAction: every button', () => {
  it('Summary answers with the summary of the paper the button carries', () => {
    const reply = replyToAction(ACTION_IDS.summary, '2305.11206', deps);
    expect(reply.replaceOriginal).toBe(false);
    expect(reply.visibility).toBe('public');
    expect(headerOf(reply.message)).toBe('Summary: LIMA: Less Is More for Alignment');
  });

  it('Similar answers with papers like it', () => {
    const reply = replyToAction(ACTION_IDS.similar, '2404.08801', deps);
    expect(headerOf(reply.message)).toBe(
      'Similar to Megalodon: Efficient Long Context Pretraining and Inference',
    );
    expect(violations(reply.message)).toEqual([]);
  });

  it('Cite answers with BibTeX', () => {
    const reply = replyToAction(ACTION_IDS.cite, '2006.11239', deps);
    expect(headerOf(reply.message)).toBe('Cite: Denoising Diffusion Probabilistic Models');
    expect(JSON.stringify(reply.message.blocks)).toContain('format: bibtex');
  });

  it('More results replaces the list with the next page, and offers the one after', async () => {
    const small = await replyDeps({ pageSize: 1 });
    const first = await replyToText('search long context', small, {
      channelId: 'C0LAB',
      invocation: '@Shammie',
    });
    const key = moreValue(first.message);
    expect(key).toBeDefined();
    const second = replyToAction(ACTION_IDS.more, key ?? '', small);
    expect(second.replaceOriginal).toBe(true);
    expect(second.visibility).toBe('public');
    expect(JSON.stringify(second.message.blocks)).toContain('page 2 of');
    const total = small.engine.search('long context').total;
    if (total > 2) expect(moreValue(second.message)).not.toBe(key);
  });

  it('More results on a forgotten key says the results expired, privately, without replacing', () => {
    const reply = replyToAction(ACTION_IDS.more, 'gone', deps);
    expect(reply.replaceOriginal).toBe(false);
    expect(reply.visibility).toBe('private');
    expect(reply.message.text).toBe(EXPIRED_PAGE);
  });

  it('a button for a paper no longer in the corpus gets a private notice', () => {
    const reply = replyToAction(ACTION_IDS.summary, 'no-such-paper-id-zzz', deps);
    expect(reply.visibility).toBe('private');
    expect(reply.message.blocks[0]).toMatchObject({ type: 'section' });
  });

  it('an unknown action gets a private notice', () => {
    const reply = replyToAction('shammie_unknown', 'x', deps);
    expect(reply.visibility).toBe('private');
    expect(reply.replaceOriginal).toBe(false);
  });
});
