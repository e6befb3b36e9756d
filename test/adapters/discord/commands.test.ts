import { beforeAll, describe, expect, it } from 'vitest';
import { createButtonStore } from '../../../adapters/discord/button-store.ts';
import type {
  CommandContext,
  CommandPlace,
  OptionValue,
} from '../../../adapters/discord/commands/command-types.ts';
import {
  DAILY_DISABLED,
  DAILY_NEEDS_PERMISSION,
  DAILY_NEEDS_SERVER,
} from '../../../adapters/discord/commands/daily.ts';
import { COMMANDS, COMMANDS_BY_NAME } from '../../../adapters/discord/commands/index.ts';
import { readCommandInput } from '../../../adapters/discord/commands/option-readers.ts';
import { EPHEMERAL } from '../../../adapters/discord/reply-payload.ts';
import type {
  ChannelRef,
  DailyCommands,
  SubscribeRequest,
} from '../../../adapters/shared/daily-port.ts';
import { type Engine, isShammieError } from '../../../src/index.ts';
import { storedReply } from './stored-reply.ts';
import { tinyEngine } from './tiny-corpus.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await tinyEngine();
});

const SERVER: CommandPlace = { channelId: '301', guildId: '401', canManage: true };

/** A daily scheduler port that records what it was asked (the scheduler is not under test). */
function recordingDaily() {
  const calls: Array<[string, SubscribeRequest | ChannelRef]> = [];
  const daily: DailyCommands = {
    subscribe: async (request) => {
      calls.push(['subscribe', request]);
      return {
        ok: true,
        text: `Subscribed <#${request.channel.channelId}> at ${request.time ?? '09:00'}.`,
      };
    },
    unsubscribe: async (channel) => {
      calls.push(['unsubscribe', channel]);
      return { ok: true, text: 'Unsubscribed.' };
    },
    status: async (channel) => {
      calls.push(['status', channel]);
      return { ok: true, text: 'Daily at 09:00 UTC.' };
    },
  };
  return { calls, daily };
}

async function run(
  name: string,
  options: Record<string, OptionValue> = {},
  extra: { subcommand?: string; place?: CommandPlace; daily?: DailyCommands } = {},
) {
  const command = COMMANDS_BY_NAME.get(name);
  if (!command) throw new Error(`no command ${name}`);
  const store = createButtonStore();
  const context: CommandContext = {
    engine,
    random: () => 0.5,
    today: () => '2026-05-01',
    place: extra.place ?? SERVER,
    ...(extra.daily ? { daily: extra.daily } : {}),
  };
  const prepared = command.prepare({
    name,
    ...(extra.subcommand ? { subcommand: extra.subcommand } : {}),
    options,
  });
  const view = await prepared.run(context);
  return { view, reply: storedReply(view, { store }), prepared, store };
}

async function codeOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    return isShammieError(error) ? error.code : 'not a ShammieError';
  }
}

describe('reading Discord options', () => {
  it('flattens a subcommand and its options', () => {
    expect(
      readCommandInput('daily', [
        {
          name: 'subscribe',
          type: 1,
          options: [
            { name: 'time', type: 3, value: '09:00' },
            { name: 'channel', type: 7, value: '123' },
          ],
        },
      ]),
    ).toEqual({
      name: 'daily',
      subcommand: 'subscribe',
      options: { time: '09:00', channel: '123' },
    });
  });
});

describe('/search', () => {
  it('finds papers, four to a page, with the matched terms in bold', async () => {
    const { view, reply, prepared } = await run('search', { query: 'long context' });
    expect(prepared.scansCorpus).toBe(true);
    expect(view).toMatchObject({ kind: 'results', total: 5, page: 0, pageCount: 2 });
    expect(reply.embeds).toHaveLength(4);
    expect(reply.embeds.map((e) => e.description).join('\n')).toMatch(
      /\*\*long\*\* \*\*context\*\*/i,
    );
    expect(reply.components).toHaveLength(5);
  });

  it('passes author, year and limit to the engine', async () => {
    const { view } = await run('search', {
      query: 'alignment',
      author: 'zhou',
      year: '2023',
      limit: 1,
    });
    expect(view).toMatchObject({
      kind: 'results',
      total: 1,
      request: { query: 'alignment', author: 'zhou', year: '2023', limit: 1 },
    });
  });

  it('refuses an empty query before any work', async () => {
    expect(await codeOf(() => run('search', { query: '   ' }))).toBe('EMPTY_QUERY');
  });

  it('refuses a query over 500 characters', async () => {
    expect(await codeOf(() => run('search', { query: 'a'.repeat(501) }))).toBe('QUERY_TOO_LONG');
  });

  it('lets the engine refuse a malformed year (the handler shows its notice)', async () => {
    expect(await codeOf(() => run('search', { query: 'context', year: 'soon' }))).toBe(
      'BAD_ARGUMENT',
    );
  });
});

describe('/paper, /summary, /similar, /cite', () => {
  it('/paper shows the abstract of the paper named by its id', async () => {
    const { view, reply } = await run('paper', { paper: '2305.11206' });
    expect(view).toMatchObject({ kind: 'paper', card: { id: '2305.11206' } });
    expect(reply.embeds[0]?.title).toBe('LIMA: Less Is More for Alignment');
    expect(reply.embeds[0]?.description).toContain('1,000 carefully curated prompts');
  });

  it('/paper with an unknown paper gives a private, friendly notice', async () => {
    const { view, reply } = await run('paper', { paper: 'quantum gravity of cats' });
    expect(view).toMatchObject({ kind: 'notice', code: 'PAPER_NOT_FOUND' });
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.content).toMatch(/^⚠️ No paper matches/);
  });

  it('/summary of a paper gives its TL;DR and key points', async () => {
    const { view, reply } = await run('summary', { paper: 'megalodon' });
    expect(view).toMatchObject({ kind: 'summary', card: { id: '2404.08801' } });
    expect(reply.embeds[0]?.description).toContain('**TL;DR**');
  });

  it('/summary of a topic gives a digest of its best papers', async () => {
    const { view, reply } = await run('summary', { paper: 'diffusion long context' });
    expect(view).toMatchObject({ kind: 'digest', topic: 'diffusion long context' });
    expect(reply.embeds).toHaveLength(3);
  });

  it('/similar lists other papers, never the paper itself', async () => {
    const { view } = await run('similar', { paper: '2404.08801' });
    expect(view.kind).toBe('similar');
    if (view.kind !== 'similar') return;
    expect(view.cards.length).toBeGreaterThan(0);
    expect(view.cards.map((c) => c.id)).not.toContain('2404.08801');
  });

  it('/cite gives BibTeX in a code block by default', async () => {
    const { reply } = await run('cite', { paper: 'LIMA' });
    expect(reply.content).toMatch(/^```bibtex\n@\w+\{/);
    expect(reply.content?.endsWith('\n```')).toBe(true);
  });

  it('/cite format:apa gives APA', async () => {
    const { view } = await run('cite', { paper: '2305.11206', format: 'apa' });
    expect(view).toMatchObject({ kind: 'citation', format: 'apa' });
    if (view.kind === 'citation') expect(view.text).toContain('Zhou');
  });

  it('/cite refuses a format it does not know', async () => {
    expect(await codeOf(() => run('cite', { paper: 'LIMA', format: 'chicago' }))).toBe(
      'BAD_FORMAT',
    );
  });
});

describe('/random', () => {
  it('picks a paper on the topic with the injected randomness', async () => {
    const { view } = await run('random', { topic: 'diffusion' });
    expect(view).toMatchObject({ kind: 'random', topic: 'diffusion' });
  });

  it('picks from the whole corpus without a topic', async () => {
    const { view } = await run('random');
    expect(view.kind).toBe('random');
  });

  it('says kindly when no paper matches the topic', async () => {
    const { view, reply } = await run('random', { topic: 'zzyzx' });
    expect(view).toMatchObject({ kind: 'notice', tone: 'info' });
    expect(reply.flags).toBe(EPHEMERAL);
  });
});

describe('/daily', () => {
  it('show gives the paper of the local day', async () => {
    const { view, reply } = await run('daily', {}, { subcommand: 'show' });
    expect(view).toMatchObject({
      kind: 'daily',
      date: '2026-05-01',
      card: { id: engine.daily('2026-05-01').id },
    });
    expect(reply.content).toBe('📅 Paper of the day · 2026-05-01');
  });

  it('show takes another date, and refuses one that does not exist', async () => {
    const { view } = await run('daily', { date: '2024-02-29' }, { subcommand: 'show' });
    expect(view).toMatchObject({ kind: 'daily', date: '2024-02-29' });
    expect(await codeOf(() => run('daily', { date: '2023-02-29' }, { subcommand: 'show' }))).toBe(
      'BAD_DATE',
    );
  });

  it('subscribe says daily posts are off when the bot runs without them', async () => {
    const { view, reply } = await run('daily', {}, { subcommand: 'subscribe' });
    expect(view).toEqual({ kind: 'daily-admin', ok: false, text: DAILY_DISABLED, public: false });
    expect(reply.flags).toBe(EPHEMERAL);
  });

  it('subscribe passes channel, time and zone to the scheduler and says so in the channel', async () => {
    const { calls, daily } = recordingDaily();
    const { reply } = await run(
      'daily',
      { channel: '302', time: '9:30', timezone: 'Europe/Paris' },
      { subcommand: 'subscribe', daily },
    );
    expect(calls).toEqual([
      [
        'subscribe',
        {
          channel: { platform: 'discord', channelId: '302', workspaceId: '401' },
          time: '09:30',
          timezone: 'Europe/Paris',
        },
      ],
    ]);
    expect(reply.flags).toBeUndefined();
    expect(reply.content).toBe('✅ Subscribed \\<#302> at 09:30.');
  });

  it('subscribe defaults to this channel', async () => {
    const { calls, daily } = recordingDaily();
    await run('daily', {}, { subcommand: 'subscribe', daily });
    expect(calls[0]?.[1]).toEqual({
      channel: { platform: 'discord', channelId: '301', workspaceId: '401' },
    });
  });

  it('subscribe and unsubscribe need Manage Server or Manage Channels', async () => {
    const { calls, daily } = recordingDaily();
    const place = { ...SERVER, canManage: false };
    for (const subcommand of ['subscribe', 'unsubscribe']) {
      const { view, reply } = await run('daily', {}, { subcommand, daily, place });
      expect(view).toMatchObject({ ok: false, text: DAILY_NEEDS_PERMISSION });
      expect(reply.flags).toBe(EPHEMERAL);
    }
    expect(calls).toEqual([]);
  });

  it('status works for everyone and answers privately', async () => {
    const { calls, daily } = recordingDaily();
    const { reply } = await run(
      'daily',
      {},
      { subcommand: 'status', daily, place: { ...SERVER, canManage: false } },
    );
    expect(calls).toEqual([
      ['status', { platform: 'discord', channelId: '301', workspaceId: '401' }],
    ]);
    expect(reply.flags).toBe(EPHEMERAL);
  });

  it('unsubscribe outside a server explains that posts go to server channels', async () => {
    const { daily } = recordingDaily();
    const { view } = await run(
      'daily',
      {},
      { subcommand: 'unsubscribe', daily, place: { channelId: '9', canManage: false } },
    );
    expect(view).toMatchObject({ ok: false, text: DAILY_NEEDS_SERVER });
  });

  it('refuses a time or zone that makes no sense before asking the scheduler', async () => {
    const { daily } = recordingDaily();
    expect(
      await codeOf(() => run('daily', { time: '25:00' }, { subcommand: 'subscribe', daily })),
    ).toBe('BAD_ARGUMENT');
    expect(
      await codeOf(() =>
        run('daily', { timezone: 'Mars/Olympus' }, { subcommand: 'subscribe', daily }),
      ),
    ).toBe('BAD_ARGUMENT');
  });

  it('only show scans the corpus (and may be deferred)', () => {
    const daily = COMMANDS_BY_NAME.get('daily');
    expect(daily?.prepare({ name: 'daily', subcommand: 'show', options: {} }).scansCorpus).toBe(
      true,
    );
    expect(daily?.prepare({ name: 'daily', subcommand: 'status', options: {} }).scansCorpus).toBe(
      false,
    );
  });
});

describe('/help', () => {
  it('lists every command with an example, and the corpus stats', async () => {
    const { view, reply } = await run('help');
    expect(view.kind).toBe('help');
    const description = reply.embeds[0]?.description ?? '';
    for (const command of COMMANDS) {
      expect(description).toContain(`**/${command.name}**`);
      expect(description).toContain(command.example);
    }
    expect(reply.embeds[0]?.fields?.[0]).toEqual({
      name: 'Corpus',
      value: '8 papers from 2022 to 2024',
      inline: true,
    });
    expect(reply.flags).toBe(EPHEMERAL);
  });
});

describe('the command definitions', () => {
  const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

  it('are the documented slash commands (docs/discord.md), in order', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'search',
      'paper',
      'summary',
      'random',
      'similar',
      'cite',
      'daily',
      'watch',
      'ask',
      'add',
      'remove',
      'library',
      'help',
    ]);
    expect(COMMANDS_BY_NAME.get('add')?.data.options?.map((o) => o.name)).toEqual(['ref']);
    expect(COMMANDS_BY_NAME.get('remove')?.data.options?.map((o) => o.name)).toEqual(['paper']);
    expect(COMMANDS_BY_NAME.get('library')?.data.options ?? []).toEqual([]);
    const daily = COMMANDS_BY_NAME.get('daily')?.data.options?.map((o) => o.name);
    expect(daily).toEqual(['show', 'subscribe', 'unsubscribe', 'status']);
  });

  it('fit Discord’s rules for names, descriptions and sizes', () => {
    const check = (option: { name: string; description: string; options?: unknown[] }) => {
      expect(option.name).toMatch(NAME);
      expect(option.name).toBe(option.name.toLowerCase());
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
      expect(option.options?.length ?? 0).toBeLessThanOrEqual(25);
      for (const child of (option.options ?? []) as Array<typeof option>) check(child);
    };
    for (const command of COMMANDS) {
      check(command.data as never);
      expect(JSON.stringify(command.data).length).toBeLessThanOrEqual(8000);
    }
  });

  it('autocomplete every paper option', () => {
    const paperOptions = COMMANDS.flatMap((c) =>
      (c.data.options ?? []).filter((o) => o.name === 'paper'),
    );
    expect(paperOptions).toHaveLength(5);
    for (const option of paperOptions)
      expect(option).toMatchObject({ autocomplete: true, required: true });
  });
});
