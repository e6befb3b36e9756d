/**
 * Hostile commands end to end through the real SDKs: raw Discord interactions into a discord.js
 * Client whose REST goes to the local fake Discord, and signed Slack deliveries into a Bolt app
 * in HTTP mode whose Web API is the local fake Slack. Every command is answered exactly once,
 * within the platform's limits, with no mention parsed and nothing logged as a failure.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../adapters/discord/commands/index.ts';
import { choiceProblems, limitProblems } from '../../adapters/discord/limits.ts';
import type { ReplyPayload } from '../../adapters/discord/reply-payload.ts';
import type { SlackMessage } from '../../adapters/slack/blocks/block-kit.ts';
import { createEngine, type Paper } from '../../src/index.ts';
import {
  type RawOption,
  rawAutocomplete,
  rawButton,
  rawCommand,
  rawSelect,
} from '../adapters/discord/raw-interactions.ts';
import { callbacks, startWiring, type Wiring } from '../adapters/discord/wiring-harness.ts';
import type { RecordedCall } from '../adapters/slack/fake-slack-api.ts';
import { violations } from '../adapters/slack/message-checks.ts';
import { eventEnvelope, mentionEvent, slashCommandForm } from '../adapters/slack/payloads.ts';
import { recordingDaily } from '../adapters/slack/reply-deps-fixture.ts';
import { postsInThread, type SlackHarness, startHarness } from '../adapters/slack/slack-harness.ts';
import { TINY_CORPUS } from '../adapters/slack/tiny-corpus.ts';
import { discordMentionProblems } from './discord-checks.ts';
import { FUZZ_SEED, fuzz } from './fuzz-settings.ts';
import { hostileCorpus } from './hostile-papers.ts';
import { hostileString, MENTION_PIECES } from './hostile-strings.ts';

/** Slack's longest message text; longer ones are cut by Slack before they reach the bot. */
const SLACK_MAX_TEXT = 40_000;
/** Discord's longest string option value; the commands also set their own max_length. */
const DISCORD_MAX_OPTION = 6000;

/** One hostile corpus, fixed by the run's seed, plus the Slack tests' papers. */
function fuzzCorpus(): Paper[] {
  const [hostile] = fc.sample(hostileCorpus(6), { seed: FUZZ_SEED, numRuns: 1 });
  return [...(hostile ?? []), ...TINY_CORPUS];
}

let userCounter = 0;
/** A fresh user per request: the per-user rate limit must not turn answers into refusals. */
function nextUser(): string {
  userCounter += 1;
  return String(510_000_000_000_000_000n + BigInt(userCounter));
}

/** The registered option definitions, as discord.js serialises them. */
interface OptionSpec {
  type: number;
  name: string;
  required?: boolean;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  autocomplete?: boolean;
  choices?: Array<{ value: string | number }>;
  options?: OptionSpec[];
}

/** A value Discord could deliver for one option: hostile, but within what Discord enforces. */
function optionValue(spec: OptionSpec): fc.Arbitrary<RawOption | undefined> {
  const present = (value: fc.Arbitrary<string | number>) =>
    value.map((v): RawOption => ({ name: spec.name, type: spec.type, value: v }));
  let value: fc.Arbitrary<RawOption>;
  if (spec.choices) value = present(fc.constantFrom(...spec.choices.map((c) => c.value)));
  else if (spec.type === 4) {
    value = present(fc.integer({ min: spec.min_value ?? -1e9, max: spec.max_value ?? 1e9 }));
  } else if (spec.type === 7) value = present(fc.constant('300000000000000009'));
  else {
    const max = Math.min(spec.max_length ?? DISCORD_MAX_OPTION, DISCORD_MAX_OPTION);
    value = present(hostileString.map((s) => s.slice(0, max)).filter((s) => s.trim() !== ''));
  }
  return spec.required ? value : fc.option(value, { nil: undefined });
}

/** A raw slash command of any registered kind with hostile option values. */
const rawSlashCommand = fc.constantFrom(...COMMANDS).chain((command) => {
  const specs = (command.data.options ?? []) as OptionSpec[];
  const withOptions = (list: OptionSpec[]) =>
    fc
      .tuple(...list.map(optionValue))
      .map((values) => values.filter((v): v is RawOption => v !== undefined));
  if (specs.some((s) => s.type === 1)) {
    return fc
      .constantFrom(...specs)
      .chain((sub) =>
        withOptions(sub.options ?? []).map((options) =>
          rawCommand(command.name, [{ name: sub.name, type: 1, options }]),
        ),
      );
  }
  return withOptions(specs).map((options) => rawCommand(command.name, options));
});

/** Typing hostile text into an autocompleted option. */
const rawTyping = fc
  .tuple(
    fc.constantFrom('paper', 'summary', 'similar', 'cite'),
    hostileString.map((s) => s.slice(0, 500)),
  )
  .map(([name, typed]) =>
    rawAutocomplete(name, [{ name: 'paper', type: 3, value: typed, focused: true }]),
  );

/** Pressing a button or picking in a menu whose id is not (or no longer) Shammie's. */
const rawStaleComponent = fc.oneof(
  fc.string({ minLength: 1, maxLength: 100 }).map((id) => rawButton(id)),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 100 }), fc.array(fc.string({ maxLength: 5 })))
    .map(([id, values]) => rawSelect(id, values)),
);

function withUser<T extends { member: { user: { id: string } } }>(raw: T): T {
  return { ...raw, member: { ...raw.member, user: { ...raw.member.user, id: nextUser() } } };
}

describe('hostile Discord interactions through discord.js and the fake Discord', () => {
  let wiring: Wiring;
  beforeAll(async () => {
    wiring = await startWiring({ engine: createEngine(fuzzCorpus()), daily: recordingDaily() });
  });
  afterAll(async () => {
    await wiring?.close();
  });

  const failures = () => wiring.logger.entries.filter((e) => e.level === 'error');

  it('answer every slash command once, within limits, with no mention parsed', async () => {
    await fc.assert(
      fc.asyncProperty(rawSlashCommand, async (raw) => {
        const interaction = withUser(raw);
        const calls = await wiring.dispatch(interaction);
        const answers = callbacks(calls);
        expect(answers).toHaveLength(1);
        const data = answers[0]?.data as ReplyPayload | undefined;
        expect(data).toBeDefined();
        if (!data) return;
        expect(limitProblems({ ...data, embeds: data.embeds ?? [] })).toEqual([]);
        expect(
          discordMentionProblems({ ...data, embeds: data.embeds ?? [], components: [] }),
        ).toEqual([]);
        expect(failures()).toEqual([]);
      }),
      fuzz(1500),
    );
  });

  it('answer every autocomplete with at most 25 valid choices', async () => {
    await fc.assert(
      fc.asyncProperty(rawTyping, async (raw) => {
        const answers = callbacks(await wiring.dispatch(withUser(raw)));
        expect(answers).toHaveLength(1);
        expect(answers[0]?.type).toBe(8);
        expect(choiceProblems(answers[0]?.data?.choices ?? [])).toEqual([]);
        expect(failures()).toEqual([]);
      }),
      fuzz(600),
    );
  });

  it('answer stale or foreign buttons and menus once, privately', async () => {
    await fc.assert(
      fc.asyncProperty(rawStaleComponent, async (raw) => {
        const answers = callbacks(await wiring.dispatch(withUser(raw)));
        expect(answers).toHaveLength(1);
        expect(answers[0]?.data?.flags).toBe(64);
        expect(failures()).toEqual([]);
      }),
      fuzz(400),
    );
  });
});

/** Text as Slack delivers what a person typed: `&`, `<` and `>` entity-encoded. */
function slackEncoded(typed: string): string {
  return typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A message as Slack could deliver it: typed text encoded, with real Slack markup mixed in. */
const slackText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: hostileString.map(slackEncoded) },
      { weight: 1, arbitrary: fc.constantFrom(...MENTION_PIECES) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '<https://arxiv.org/abs/2305.11206|LIMA>',
          '<https://arxiv.org/abs/2404.08801>',
          'search ',
          'cite ',
          'paper ',
          'summary ',
          'daily ',
          'random ',
        ),
      },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(' ').slice(0, SLACK_MAX_TEXT));

/**
 * The answers to a mention: posts in its thread, or a message only the asker sees there
 * (errors and help may go ephemeral).
 */
function answersIn(calls: RecordedCall[], ts: string): RecordedCall[] {
  return [
    ...postsInThread(calls, ts),
    ...calls.filter((c) => c.method === 'chat.postEphemeral' && c.body.thread_ts === ts),
  ];
}

/** A recorded post or response as the message Slack would show. */
function asMessage(call: RecordedCall): SlackMessage {
  return {
    text: String(call.body.text ?? ''),
    blocks: (call.body.blocks ?? []) as SlackMessage['blocks'],
    unfurl_links: false,
    unfurl_media: false,
  };
}

describe('hostile Slack deliveries through Bolt and the fake Slack API', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness({ daily: recordingDaily() });
  });
  afterAll(async () => {
    await h?.close();
  });

  const failures = () => h.logs.filter((e) => e.level === 'error');

  it('answer every mention once, in its thread, within Block Kit limits', async () => {
    const asked: string[] = [];
    await fc.assert(
      fc.asyncProperty(slackText, async (text) => {
        const event = mentionEvent(text, { user: `U${nextUser()}` });
        const response = await h.postJson(eventEnvelope(event));
        expect(response.status).toBe(200);
        await h.api.waitFor((calls) => answersIn(calls, event.ts).length > 0, 10_000);
        asked.push(event.ts);
        const [post] = answersIn(h.api.calls, event.ts);
        expect(post && violations(asMessage(post))).toEqual([]);
        expect(failures()).toEqual([]);
      }),
      fuzz(600),
    );
    // Anything a delivery was still going to post has been posted once the barrier answers.
    await h.barrier();
    for (const ts of asked) expect(answersIn(h.api.calls, ts)).toHaveLength(1);
  });

  it('answer every /shammie once through its response URL', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(slackText, async (text) => {
        n += 1;
        const id = `fuzz-${n}`;
        const form = new URLSearchParams(slashCommandForm(text, h.api.responseUrl(id)));
        form.set('user_id', `U${nextUser()}`);
        const response = await h.postForm(form.toString());
        expect(response.status).toBe(200);
        await h.api.waitFor((calls) => calls.some((c) => c.responseId === id), 10_000);
        const answers = h.api.calls.filter((c) => c.responseId === id);
        expect(answers).toHaveLength(1);
        expect(violations(asMessage(answers[0] as RecordedCall))).toEqual([]);
        expect(failures()).toEqual([]);
      }),
      fuzz(400),
    );
  });
});
