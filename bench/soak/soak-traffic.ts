/**
 * The soak's traffic: one command per tick, drawn from a seeded mix of what people do on both
 * platforms (commands, paging and summary buttons pressed on earlier answers, Slack's duplicate
 * deliveries), and the bookkeeping that checks each was answered exactly once. What has been
 * checked is forgotten, so the harness itself stays small however long the soak runs.
 */
import { ACTION_IDS } from '../../adapters/slack/blocks/action-ids.ts';
import type { Paper } from '../../src/index.ts';
import { rawButton } from '../../test/adapters/discord/raw-interactions.ts';
import { blockActionForm, nextTs } from '../../test/adapters/slack/payloads.ts';
import {
  type Ask,
  discordCommand,
  discordUser,
  nextAsk,
  RETRY_HEADERS,
  type SlackRequest,
  slackRequest,
  slackUser,
} from '../load/command-mix.ts';
import type { DiscordWorld, RawInteraction } from '../load/discord-world.ts';
import type { SlackWorld } from '../load/slack-world.ts';
import type { Random } from '../seeded-order.ts';

/** What one tick does. */
export type ActionKind =
  | 'discord-command'
  | 'discord-page'
  | 'discord-summary'
  | 'slack-mention'
  | 'slack-dm'
  | 'slack-slash'
  | 'slack-more'
  | 'slack-duplicate';

/** Share of each action (buttons and duplicates fall back to a command when none is at hand). */
const ACTIONS: ReadonlyArray<[ActionKind, number]> = [
  ['discord-command', 35],
  ['discord-page', 10],
  ['discord-summary', 5],
  ['slack-mention', 22],
  ['slack-dm', 5],
  ['slack-slash', 5],
  ['slack-more', 10],
  ['slack-duplicate', 8],
];

/** An answer counts as lost after this long. */
const LOST_AFTER_MS = 30_000;
/** After its first answer, a request is watched this long for a second one, then forgotten. */
const SETTLE_MS = 5_000;
/** Buttons and deliveries kept at hand for later ticks. */
const AT_HAND = 100;

interface Pending {
  platform: 'discord' | 'slack';
  kind: ActionKind;
  key: string;
  sentAt: number;
  answeredAt?: number;
  raw?: RawInteraction;
  /** Slack events: the delivery, for a duplicate. */
  request?: SlackRequest;
}

/** Counts the soak reports. */
export interface TrafficCounts {
  sent: Record<ActionKind, number>;
  answered: number;
  lost: number;
  /** Lost answers by action, and a few of their keys, to tell what went wrong. */
  lostBy: Partial<Record<ActionKind, number>>;
  lostKeys: string[];
  doubled: number;
  /** Discord custom_ids seen in answers: entries the bot's button store had to take. */
  discordButtons: number;
  /** Slack More results keys seen in answers: entries of the bot's paging store. */
  slackPages: number;
  /** Slack deliveries sent (first ones): the bot's dedupe remembers two keys for most. */
  slackEvents: number;
  /** First-answer latencies in ms, per platform, since the last `takeLatencies`. */
  latencies: { discord: number[]; slack: number[] };
}

export interface Traffic {
  /** Sends one action. */
  tick(): void;
  /** Checks answers, files latencies, forgets what is settled. */
  sweep(): void;
  /** Requests still waiting for an answer or to settle. */
  readonly pending: number;
  counts: TrafficCounts;
}

function weighted<T>(choices: ReadonlyArray<[T, number]>, random: Random): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  return (choices[choices.length - 1] as [T, number])[0];
}

function keep<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > AT_HAND) list.shift();
}

interface DiscordButton {
  customId: string;
}
interface SlackButton {
  actionId: string;
  value: string;
  channel: string;
}

/** Buttons of a Discord answer: ▶ (next page) and Summary. */
function discordButtons(body: unknown): { pages: string[]; summaries: string[]; all: number } {
  const rows =
    (body as { data?: { components?: Array<{ components?: unknown[] }> } })?.data?.components ?? [];
  const pages: string[] = [];
  const summaries: string[] = [];
  let all = 0;
  for (const row of rows) {
    for (const item of (row.components ?? []) as Array<{
      custom_id?: string;
      label?: string;
      disabled?: boolean;
    }>) {
      if (!item.custom_id || item.disabled) continue;
      all += 1;
      if (item.label === '▶') pages.push(item.custom_id);
      if (item.label?.startsWith('Summary')) summaries.push(item.custom_id);
    }
  }
  return { pages, summaries, all };
}

/** More results and Summary buttons of a Slack answer. */
function slackButtons(body: Record<string, unknown>, channel: string): SlackButton[] {
  const blocks = Array.isArray(body.blocks) ? (body.blocks as Array<{ elements?: unknown[] }>) : [];
  const found: SlackButton[] = [];
  for (const block of blocks) {
    for (const element of (block.elements ?? []) as Array<{ action_id?: string; value?: string }>) {
      if (
        element.value &&
        (element.action_id === ACTION_IDS.more || element.action_id === ACTION_IDS.summary)
      ) {
        found.push({ actionId: element.action_id, value: element.value, channel });
      }
    }
  }
  return found;
}

/** A button press by `user` (each press its own user, so the rate limit lets it through). */
function withPresser(form: string, user: string): string {
  const params = new URLSearchParams(form);
  const payload = JSON.parse(params.get('payload') ?? '{}') as { user?: { id?: string } };
  payload.user = { ...payload.user, id: user };
  params.set('payload', JSON.stringify(payload));
  return params.toString();
}

/** A search for a word nobody has typed before, as people do (typos, names, new terms). */
function withNovelWord(ask: Ask, random: Random): Ask {
  const word = `zq${Math.floor(random() * 36 ** 6).toString(36)}`;
  return { word: 'search', text: `${ask.word === 'search' ? ask.text : 'models'} ${word}` };
}

/** Creates the traffic over the two fake worlds. */
export function createTraffic(
  discord: DiscordWorld,
  slack: SlackWorld,
  papers: readonly Paper[],
  random: Random,
  options: { novelWords: number; users?: number },
): Traffic {
  const pending = new Map<string, Pending>();
  const pagesAtHand: DiscordButton[] = [];
  const summariesAtHand: DiscordButton[] = [];
  const slackAtHand: SlackButton[] = [];
  const recentEvents: Pending[] = [];
  let n = 0;
  const counts: TrafficCounts = {
    sent: Object.fromEntries(ACTIONS.map(([kind]) => [kind, 0])) as Record<ActionKind, number>,
    answered: 0,
    lost: 0,
    lostBy: {},
    lostKeys: [],
    doubled: 0,
    discordButtons: 0,
    slackPages: 0,
    slackEvents: 0,
    latencies: { discord: [], slack: [] },
  };

  const ask = (): Ask => {
    const next = nextAsk(papers, random);
    return random() < options.novelWords ? withNovelWord(next, random) : next;
  };

  const sendDiscord = (kind: ActionKind, raw: RawInteraction): void => {
    counts.sent[kind] += 1;
    const sentAt = discord.dispatch(raw);
    pending.set(`d:${raw.id}`, { platform: 'discord', kind, key: raw.id, sentAt, raw });
  };

  const sendSlack = (kind: ActionKind, request: SlackRequest, headers?: Record<string, string>) => {
    counts.sent[kind] += 1;
    const sentAt = performance.now();
    // A refused connection shows as a lost answer; it must not end the soak.
    slack
      .send(request.body, { form: request.form, ...(headers ? { headers } : {}) })
      .catch(() => undefined);
    if (kind === 'slack-duplicate') return; // its original is already pending under the same key
    counts.slackEvents += 1;
    const item: Pending = { platform: 'slack', kind, key: request.key, sentAt, request };
    pending.set(`s:${request.key}`, item);
    if (request.eventId !== undefined) keep(recentEvents, item);
  };

  function tick(): void {
    n += 1;
    const user = options.users === undefined ? n : n % options.users;
    const kind = weighted(ACTIONS, random);
    switch (kind) {
      case 'discord-page':
      case 'discord-summary': {
        const button = (kind === 'discord-page' ? pagesAtHand : summariesAtHand).pop();
        if (button) {
          const raw = rawButton(button.customId);
          sendDiscord(kind, {
            ...raw,
            member: { ...raw.member, user: { ...raw.member.user, id: discordUser(user, 1e12) } },
          } as RawInteraction);
          return;
        }
        break;
      }
      case 'slack-more': {
        const button = slackAtHand.pop();
        if (button) {
          const id = `soak-${n}`;
          const messageTs = nextTs();
          const body = withPresser(
            blockActionForm({
              actionId: button.actionId,
              value: button.value,
              responseUrl: slack.responseUrl(id),
              channel: button.channel,
              messageTs,
            }),
            slackUser(user, 1e9),
          );
          // More results answers through the response URL; Summary in the message's thread.
          const key =
            button.actionId === ACTION_IDS.more ? `response:${id}` : `thread:${messageTs}`;
          sendSlack(kind, { way: 'slash', body, form: true, key });
          return;
        }
        break;
      }
      case 'slack-duplicate': {
        const original = recentEvents.pop();
        if (original?.request && pending.has(`s:${original.key}`)) {
          sendSlack(kind, original.request, RETRY_HEADERS);
          return;
        }
        break;
      }
      default:
        break;
    }
    if (kind.startsWith('discord')) {
      sendDiscord('discord-command', discordCommand(ask(), discordUser(user, 1e12)));
    } else {
      const way = kind === 'slack-dm' ? 'dm' : kind === 'slack-slash' ? 'slash' : 'mention';
      const request = slackRequest(ask(), way, slackUser(user, 1e9), n, slack.responseUrl);
      sendSlack(
        way === 'dm' ? 'slack-dm' : way === 'slash' ? 'slack-slash' : 'slack-mention',
        request,
      );
    }
  }

  function sweep(): void {
    const now = performance.now();
    for (const [id, item] of pending) {
      const answers =
        item.platform === 'discord'
          ? (discord.calls.get(item.key) ?? []).filter((c) => c.kind === 'callback')
          : (slack.answers.get(item.key) ?? []);
      const first = answers[0];
      if (first && item.answeredAt === undefined) {
        item.answeredAt = first.at;
        counts.answered += 1;
        counts.latencies[item.platform].push(first.at - item.sentAt);
        if (item.platform === 'discord') {
          const found = discordButtons(first.body);
          counts.discordButtons += found.all;
          for (const customId of found.pages) keep(pagesAtHand, { customId });
          for (const customId of found.summaries.slice(0, 1)) keep(summariesAtHand, { customId });
        } else {
          const body = (first as { body: Record<string, unknown> }).body;
          const channel = String(body.channel ?? 'C0LAB');
          // A Summary pressed in a DM answers outside any thread: only channel buttons are kept.
          for (const button of slackButtons(body, channel)) {
            if (button.channel.startsWith('D')) continue;
            if (button.actionId === ACTION_IDS.more) counts.slackPages += 1;
            keep(slackAtHand, button);
          }
        }
      }
      const settled = item.answeredAt !== undefined && now - item.answeredAt > SETTLE_MS;
      const lost = item.answeredAt === undefined && now - item.sentAt > LOST_AFTER_MS;
      if (!settled && !lost) continue;
      if (settled && answers.length > 1) counts.doubled += 1;
      if (lost) {
        counts.lost += 1;
        counts.lostBy[item.kind] = (counts.lostBy[item.kind] ?? 0) + 1;
        if (counts.lostKeys.length < 10) counts.lostKeys.push(`${item.kind} ${item.key}`);
      }
      if (item.platform === 'discord' && item.raw) discord.forget(item.raw);
      else slack.answers.delete(item.key);
      pending.delete(id);
    }
  }

  return {
    tick,
    sweep,
    get pending() {
      return pending.size;
    },
    counts,
  };
}
