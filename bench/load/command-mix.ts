/**
 * The commands a load run sends: a seeded mix of what people ask (searches most, then
 * summaries, papers, citations, similar papers, random picks, the daily paper and help), built
 * from the corpus so that most of them find something. Every request comes from its own user
 * unless asked otherwise, so the per-user rate limit lets them all through.
 */
import type { Paper } from '../../src/index.ts';
import { type RawOption, rawCommand } from '../../test/adapters/discord/raw-interactions.ts';
import {
  directMessageEvent,
  eventEnvelope,
  mentionEvent,
  slashCommandForm,
} from '../../test/adapters/slack/payloads.ts';
import type { Random } from '../seeded-order.ts';

/** What a request asks, platform-neutral: a command word and its text. */
export interface Ask {
  word: 'search' | 'paper' | 'summary' | 'cite' | 'similar' | 'random' | 'daily' | 'help';
  text: string;
  /** The citation format, for cite. */
  format?: 'bibtex' | 'apa' | 'mla';
}

/** Share of each command in the mix (they need not sum to one). */
export const MIX: ReadonlyArray<[Ask['word'], number]> = [
  ['search', 40],
  ['summary', 15],
  ['paper', 10],
  ['cite', 10],
  ['similar', 10],
  ['random', 5],
  ['daily', 5],
  ['help', 5],
];

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)] as T;
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

/** One to three words of a random title: what people type to find a paper. */
function titleWords(papers: readonly Paper[], random: Random): string {
  const words = pick(papers, random)
    .title.split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter((w) => w.length >= 4);
  if (words.length === 0) return 'language models';
  const start = Math.floor(random() * words.length);
  return words.slice(start, start + 1 + Math.floor(random() * 3)).join(' ');
}

/** A seeded ask of the mix's kinds. */
export function nextAsk(papers: readonly Paper[], random: Random): Ask {
  const word = weighted(MIX, random);
  switch (word) {
    case 'search':
    case 'random':
      return { word, text: titleWords(papers, random) };
    case 'summary':
      return { word, text: random() < 0.5 ? pick(papers, random).id : titleWords(papers, random) };
    case 'paper':
    case 'similar':
      return { word, text: pick(papers, random).id };
    case 'cite':
      return {
        word,
        text: pick(papers, random).id,
        format: pick(['bibtex', 'apa', 'mla'] as const, random),
      };
    case 'daily':
    case 'help':
      return { word, text: '' };
  }
}

/** Discord user ids: one per request, or `users` of them in turn. */
export function discordUser(i: number, users: number): string {
  return String(520_000_000_000_000_000n + BigInt(i % users));
}

/** An ask as a raw Discord slash command from the given user. */
export function discordCommand(ask: Ask, user: string) {
  const text = (name: string, value: string): RawOption => ({ name, type: 3, value });
  let raw: ReturnType<typeof rawCommand>;
  switch (ask.word) {
    case 'search':
      raw = rawCommand('search', [text('query', ask.text)]);
      break;
    case 'random':
      raw = rawCommand('random', [text('topic', ask.text)]);
      break;
    case 'cite':
      raw = rawCommand('cite', [text('paper', ask.text), text('format', ask.format ?? 'bibtex')]);
      break;
    case 'paper':
    case 'summary':
    case 'similar':
      raw = rawCommand(ask.word, [text('paper', ask.text)]);
      break;
    case 'daily':
      raw = rawCommand('daily', [{ name: 'show', type: 1, options: [] }]);
      break;
    case 'help':
      raw = rawCommand('help');
      break;
  }
  return { ...raw, member: { ...raw.member, user: { ...raw.member.user, id: user } } };
}

/** An ask as chat text (what a Slack mention, DM or /shammie carries). */
export function chatText(ask: Ask): string {
  if (ask.word === 'cite') return `cite ${ask.text} ${ask.format ?? 'bibtex'}`;
  if (ask.word === 'daily' || ask.word === 'help') return ask.word;
  // Half the searches are typed bare, as people do.
  if (ask.word === 'search' && ask.text.length % 2 === 0) return ask.text;
  return `${ask.word} ${ask.text}`;
}

/** How a Slack request reaches the bot. */
export type SlackWay = 'mention' | 'dm' | 'slash';

/** A Slack request ready to send, and the key its answer is filed under. */
export interface SlackRequest {
  way: SlackWay;
  body: string;
  form: boolean;
  key: string;
  /** The Events API envelope's id (events only), for retries of the same delivery. */
  eventId?: string;
}

/** Slack user ids: one per request, or `users` of them in turn. */
export function slackUser(i: number, users: number): string {
  return `U${(i % users).toString(36).toUpperCase().padStart(8, '0')}`;
}

/** An ask as a Slack delivery of the given way, from the given user; `n` makes ids unique. */
export function slackRequest(
  ask: Ask,
  way: SlackWay,
  user: string,
  n: number,
  responseUrl: (id: string) => string,
): SlackRequest {
  const text = chatText(ask);
  if (way === 'slash') {
    const id = `load-${n}`;
    const form = new URLSearchParams(slashCommandForm(text, responseUrl(id)));
    form.set('user_id', user);
    return { way, body: form.toString(), form: true, key: `response:${id}` };
  }
  const event =
    way === 'mention'
      ? mentionEvent(text, { user })
      : directMessageEvent(text, { user, channel: `D${n.toString(36).toUpperCase()}` });
  const eventId = `EvLoad${n}`;
  const key = way === 'mention' ? `thread:${event.ts}` : `channel:${event.channel}`;
  return { way, body: JSON.stringify(eventEnvelope(event, eventId)), form: false, key, eventId };
}

/** Slack's headers on a redelivery of an event it thinks went unacknowledged. */
export const RETRY_HEADERS = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
