/**
 * A burst of Discord slash commands: all dispatched on the gateway at once, as if they arrived
 * together; each must get exactly one first response (callback) at the fake Discord.
 */
import { loadavg } from 'node:os';
import { limitProblems } from '../../adapters/discord/limits.ts';
import type { ReplyPayload } from '../../adapters/discord/reply-payload.ts';
import type { Paper } from '../../src/index.ts';
import type { Random } from '../seeded-order.ts';
import { summarizeLatencies } from '../stats.ts';
import type { BotChild } from './bot-child.ts';
import type { BurstResult } from './burst-result.ts';
import { discordCommand, discordUser, nextAsk } from './command-mix.ts';
import type { DiscordCall, DiscordWorld } from './discord-world.ts';
import { rssOfMB, watchRss } from './rss-watch.ts';
import { quiet, until } from './waiting.ts';

export interface DiscordBurstOptions {
  count: number;
  users: number;
  warmup: number;
  timeoutS: number;
}

/** How long nothing new must arrive before the count of answers is final. */
const QUIET_MS = 1500;

/** True when an answer carrying a message breaks a Discord limit. */
function overLimits(call: DiscordCall): boolean {
  if (call.kind === 'delete') return false;
  if (call.kind === 'callback' && ![4, 7].includes(call.type ?? 0)) return false;
  const message: Partial<ReplyPayload> | undefined =
    call.kind === 'callback'
      ? (call.body as { data?: Partial<ReplyPayload> }).data
      : (call.body as Partial<ReplyPayload>);
  if (!message) return false;
  return limitProblems({ ...message, embeds: message.embeds ?? [] }).length > 0;
}

const callbacksOf = (calls: DiscordCall[] | undefined) =>
  (calls ?? []).filter((c) => c.kind === 'callback');

/** True once the interaction has its answer: a reply, or a deferral and then its edit. */
function answeredFully(calls: DiscordCall[] | undefined): boolean {
  const first = callbacksOf(calls)[0];
  if (!first) return false;
  return first.type !== 5 || (calls ?? []).some((c) => c.kind === 'edit' || c.kind === 'followup');
}

/** Sends the burst and measures it. */
export async function discordBurst(
  world: DiscordWorld,
  bot: BotChild,
  papers: readonly Paper[],
  random: Random,
  options: DiscordBurstOptions,
): Promise<BurstResult> {
  // Warm-up from users outside the burst's, so the rate limit of burst users starts full.
  for (let i = 0; i < options.warmup; i++) {
    const raw = discordCommand(nextAsk(papers, random), discordUser(1e9 + i, 1e12));
    world.dispatch(raw);
    await until(() => answeredFully(world.calls.get(raw.id)), performance.now() + 10_000);
  }
  const raws = Array.from({ length: options.count }, (_, i) =>
    discordCommand(nextAsk(papers, random), discordUser(i, options.users)),
  );
  const before = await bot.sample(false);
  const load0 = loadavg()[0] ?? 0;
  const rss = watchRss(bot.pid);
  const sent = new Map<string, number>();
  for (const raw of raws) sent.set(raw.id, world.dispatch(raw));
  const started = Math.min(...sent.values());
  const deadline = started + options.timeoutS * 1000;
  await until(() => raws.every((raw) => answeredFully(world.calls.get(raw.id))), deadline);
  const total = () => raws.reduce((n, raw) => n + (world.calls.get(raw.id)?.length ?? 0), 0);
  await quiet(total, QUIET_MS, deadline);
  const peak = rss.stop();
  const after = await bot.sample(false);

  const first: number[] = [];
  const answer: number[] = [];
  let answered = 0;
  let doubled = 0;
  let deferred = 0;
  let over = 0;
  let last = started;
  for (const raw of raws) {
    const calls = world.calls.get(raw.id) ?? [];
    const callbacks = callbacksOf(calls);
    const callback = callbacks[0];
    if (!callback) continue;
    answered += 1;
    if (callbacks.length > 1) doubled += 1;
    const at = sent.get(raw.id) ?? started;
    first.push(callback.at - at);
    const isDeferral = callback.type === 5;
    if (isDeferral) deferred += 1;
    const final = isDeferral
      ? calls.find((c) => c.kind === 'edit' || c.kind === 'followup')
      : callback;
    if (final) answer.push(final.at - at);
    for (const call of calls) {
      last = Math.max(last, call.at);
      if (overLimits(call)) over += 1;
    }
  }
  const totalS = (last - started) / 1000;
  return {
    platform: 'discord',
    requests: raws.length,
    answered,
    lost: raws.length - answered,
    doubled,
    overLimits: over,
    deferred,
    firstResponseMs: summarizeLatencies(first),
    answerMs: summarizeLatencies(answer),
    totalS,
    perSecond: totalS > 0 ? answered / totalS : Number.NaN,
    rssBeforeMB: before.sample.rssMB,
    peakRssMB: peak ?? after.sample.rssMB,
    rssAfterMB: rssOfMB(bot.pid) ?? after.sample.rssMB,
    heapAfterMB: after.sample.heapUsedMB,
    errorsLogged: after.logs.error - before.logs.error,
    warningsLogged: after.logs.warn - before.logs.warn,
    recentLogs: after.logs.recent.slice(-5),
    stray: world.stray,
    loadAverage: [load0, loadavg()[0] ?? 0],
  };
}
