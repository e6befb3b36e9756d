import { beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/cli/render-text.ts';
import { createButtonStore } from '../../adapters/discord/button-store.ts';
import { COMMANDS_BY_NAME } from '../../adapters/discord/commands/index.ts';
import { replyToText } from '../../adapters/slack/reply-to-text.ts';
import { summaryOrDigest } from '../../src/chat/answer.ts';
import { answer, createEngine, type Engine, loadCorpus, type ReplyView } from '../../src/index.ts';
import { storedReply } from '../adapters/discord/stored-reply.ts';
import { replyDeps } from '../adapters/slack/reply-deps-fixture.ts';
import { chatSession, chatView } from '../cli/chat-fixture.ts';

/**
 * `summary REF`: a paper's summary when REF names a paper, else a digest of the topic's best
 * matches; `paper:REF` and `topic:REF` force either, alike on every platform.
 */
let engine: Engine;
beforeAll(async () => {
  engine = createEngine((await loadCorpus('corpus')).papers);
});

const CONTEXT = { today: '2026-05-01', random: () => 0.5 };

function kindOf(view: ReplyView): string {
  return view.kind === 'notice' ? `notice ${view.code}` : view.kind;
}

describe('summary of a paper or digest of a topic', () => {
  it.each(['alignment', 'scaling', 'language models', 'long context', 'Omer Levy'])(
    '“summary %s” is a digest of the best matches',
    (ref) => {
      const view = summaryOrDigest(engine, ref);
      expect(view.kind).toBe('digest');
      if (view.kind === 'digest') expect(view.items.length).toBeGreaterThan(1);
    },
  );

  it.each(['LIMA', 'megalodon', 'instruction backtranslation', '2305.01569'])(
    '“summary %s” summarizes the paper it names',
    (ref) => {
      expect(summaryOrDigest(engine, ref).kind).toBe('summary');
    },
  );

  it('topic: forces a digest and paper: the best-matching paper', () => {
    const digest = summaryOrDigest(engine, 'topic:LIMA');
    expect(digest.kind === 'digest' && digest.topic).toBe('LIMA');
    expect(summaryOrDigest(engine, 'Topic: megalodon').kind).toBe('digest');
    const forced = summaryOrDigest(engine, 'paper:scaling');
    expect(forced.kind).toBe('summary');
    expect(forced.kind === 'summary' && forced.card.title).toBe(
      engine.search('scaling', { limit: 1 }).hits[0]?.paper.title,
    );
  });

  it('a forced paper that nothing matches, or a topic nothing matches, is not found', () => {
    expect(kindOf(answer(engine, { kind: 'summary', ref: 'paper:zzzzqq' }, CONTEXT))).toBe(
      'notice PAPER_NOT_FOUND',
    );
    expect(kindOf(answer(engine, { kind: 'summary', ref: 'topic:zzzzqq' }, CONTEXT))).toBe(
      'notice PAPER_NOT_FOUND',
    );
  });

  it('paper: works for every command that needs one paper; topic: is refused there', () => {
    expect(kindOf(answer(engine, { kind: 'paper', ref: 'paper:scaling' }, CONTEXT))).toBe('paper');
    expect(kindOf(answer(engine, { kind: 'similar', ref: 'paper:scaling' }, CONTEXT))).toBe(
      'similar',
    );
    const refused = answer(engine, { kind: 'paper', ref: 'topic:scaling' }, CONTEXT);
    expect(kindOf(refused)).toBe('notice PAPER_NOT_FOUND');
    expect(refused.kind === 'notice' && refused.text).toContain('paper:scaling');
  });
});

describe('the prefixes on every platform', () => {
  it('the terminal chat reads them', async () => {
    const session = chatSession(CONTEXT);
    const digest = await chatView(engine, 'summary topic:megalodon', session);
    expect(renderText(digest)).toMatch(/^Digest of “megalodon”/);
    expect((await chatView(engine, 'summary alignment', session)).kind).toBe('digest');
    expect((await chatView(engine, 'tldr paper:scaling', session)).kind).toBe('summary');
  });

  it('Slack reads them', async () => {
    const deps = await replyDeps({ engine });
    const origin = { channelId: 'C0LAB', teamId: 'T0LAB', invocation: '@Shammie' };
    const reply = await replyToText('summary topic:megalodon', deps, origin);
    const header = reply.message.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe('Digest: megalodon');
    const scaling = await replyToText('summary scaling', deps, origin);
    expect(scaling.message.text).toMatch(/^Digest of “scaling”/);
  });

  it('Discord reads them in the paper option of /summary', async () => {
    const command = COMMANDS_BY_NAME.get('summary');
    if (!command) throw new Error('no /summary');
    const run = async (paper: string) => {
      const prepared = command.prepare({ name: 'summary', options: { paper } });
      const view = await prepared.run({
        engine,
        random: () => 0.5,
        today: () => '2026-05-01',
        place: { channelId: '301', guildId: '401', canManage: true },
      });
      return { view, reply: storedReply(view, { store: createButtonStore() }) };
    };
    const topic = await run('topic:megalodon');
    expect(topic.view.kind).toBe('digest');
    expect(topic.reply.content).toMatch(/^📚 Digest of/);
    expect((await run('alignment')).view.kind).toBe('digest');
    expect((await run('paper:alignment')).view.kind).toBe('summary');
  });
});
