/**
 * A burst of Slack deliveries (mentions, direct messages and /shammie commands, some events
 * redelivered as Slack's retries): all sent at once over loopback, signed; each must be
 * acknowledged with 200 and answered exactly once at the fake Web API.
 */
import { loadavg } from 'node:os';
import type { SlackMessage } from '../../adapters/slack/blocks/block-kit.ts';
import type { Paper } from '../../src/index.ts';
import { violations } from '../../test/adapters/slack/message-checks.ts';
import type { Random } from '../seeded-order.ts';
import { summarizeLatencies } from '../stats.ts';
import type { BotChild } from './bot-child.ts';
import type { BurstResult } from './burst-result.ts';
import {
  nextAsk,
  RETRY_HEADERS,
  type SlackRequest,
  type SlackWay,
  slackRequest,
  slackUser,
} from './command-mix.ts';
import { rssOfMB, watchRss } from './rss-watch.ts';
import type { SlackAnswer, SlackWorld } from './slack-world.ts';
import { quiet, until } from './waiting.ts';

export interface SlackBurstOptions {
  count: number;
  users: number;
  warmup: number;
  timeoutS: number;
  retries: number;
}

/** How the burst's requests reach the bot: most by mention, then DMs, then /shammie. */
function wayOf(i: number): SlackWay {
  const r = i % 10;
  return r < 6 ? 'mention' : r < 8 ? 'dm' : 'slash';
}

/** How long nothing new must arrive before the count of answers is final. */
const QUIET_MS = 1500;

/** True when an answer carrying a message breaks a Block Kit limit or escaping rule. */
function overLimits(answer: SlackAnswer): boolean {
  const { text, blocks } = answer.body;
  if (!Array.isArray(blocks)) return false;
  const message: SlackMessage = {
    text: String(text ?? ''),
    blocks: blocks as SlackMessage['blocks'],
    unfurl_links: false,
    unfurl_media: false,
  };
  return violations(message).length > 0;
}

/** Sends the burst and measures it. */
export async function slackBurst(
  target: SlackWorld,
  bot: BotChild,
  papers: readonly Paper[],
  random: Random,
  options: SlackBurstOptions,
): Promise<BurstResult> {
  for (let i = 0; i < options.warmup; i++) {
    const request = slackRequest(
      nextAsk(papers, random),
      wayOf(i),
      `UWARM${i}`,
      1_000_000 + i,
      target.responseUrl,
    );
    await target.send(request.body, { form: request.form });
    await until(() => target.answers.has(request.key), performance.now() + 10_000);
  }
  target.answers.clear();
  const requests: SlackRequest[] = Array.from({ length: options.count }, (_, i) =>
    slackRequest(
      nextAsk(papers, random),
      wayOf(i),
      slackUser(i, options.users),
      i,
      target.responseUrl,
    ),
  );
  const retried = requests.filter((r) => r.eventId !== undefined && random() < options.retries);

  const before = await bot.sample(false);
  const load0 = loadavg()[0] ?? 0;
  const rss = watchRss(bot.pid);
  const started = performance.now();
  const sent = new Map<string, number>();
  const acks = requests.map((request) => {
    sent.set(request.key, performance.now());
    return target.send(request.body, { form: request.form }).then(
      (ack) => ({ request, ...ack }),
      () => ({ request, status: 0, at: performance.now() }),
    );
  });
  // Slack's redelivery of an event it believes was not acknowledged: same body and event id.
  const retryAcks = retried.map((request) =>
    target.send(request.body, { headers: RETRY_HEADERS }).catch(() => ({ status: 0, at: 0 })),
  );
  const deadline = started + options.timeoutS * 1000;
  const acked = await Promise.all(acks);
  const retryStatuses = await Promise.all(retryAcks);
  await until(() => requests.every((r) => target.answers.has(r.key)), deadline);
  // Then wait for quiet, so a late second answer is counted.
  const count = () => [...target.answers.values()].reduce((n, list) => n + list.length, 0);
  await quiet(count, QUIET_MS, deadline);
  const peak = rss.stop();
  const after = await bot.sample(false);

  const ackMs: number[] = [];
  const answerMs: number[] = [];
  let answered = 0;
  let doubled = 0;
  let over = 0;
  let last = started;
  for (const ack of acked) ackMs.push(ack.at - (sent.get(ack.request.key) ?? started));
  for (const request of requests) {
    const answers = target.answers.get(request.key) ?? [];
    if (answers.length === 0) continue;
    answered += 1;
    if (answers.length > 1) doubled += 1;
    answerMs.push((answers[0] as SlackAnswer).at - (sent.get(request.key) ?? started));
    for (const answer of answers) {
      last = Math.max(last, answer.at);
      if (overLimits(answer)) over += 1;
    }
  }
  const badAcks =
    acked.filter((a) => a.status !== 200).length +
    retryStatuses.filter((r) => r.status !== 200).length;
  const totalS = (last - started) / 1000;
  return {
    platform: 'slack',
    requests: requests.length,
    answered,
    lost: requests.length - answered,
    doubled,
    overLimits: over,
    retriesSent: retried.length,
    badAcks,
    firstResponseMs: summarizeLatencies(answerMs),
    ackMs: summarizeLatencies(ackMs),
    totalS,
    perSecond: totalS > 0 ? answered / totalS : Number.NaN,
    rssBeforeMB: before.sample.rssMB,
    peakRssMB: peak ?? after.sample.rssMB,
    rssAfterMB: rssOfMB(bot.pid) ?? after.sample.rssMB,
    heapAfterMB: after.sample.heapUsedMB,
    errorsLogged: after.logs.error - before.logs.error,
    warningsLogged: after.logs.warn - before.logs.warn,
    recentLogs: after.logs.recent.slice(-5),
    stray: target.stray,
    loadAverage: [load0, loadavg()[0] ?? 0],
  };
}
