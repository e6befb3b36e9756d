/**
 * `npm run soak`: a steady rate of mixed commands at the bot for a few minutes, its memory
 * sampled after full garbage collections, and the trend reported (see `--help` and
 * docs/reliability.md). Loopback only; stops by itself; exit status 1 when any command was
 * lost or answered twice, or the bot logged an error.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import {
  DEFAULT_STORE_CAPACITY,
  DEFAULT_STORE_TTL_MS,
} from '../../adapters/discord/button-store.ts';
import { DEFAULT_MAX_KEYS } from '../../adapters/shared/rate-limit.ts';
import { DEDUPE_MAX_ENTRIES, DEDUPE_TTL_MS } from '../../adapters/slack/delivery-dedupe.ts';
import { PAGING_MAX_ENTRIES, PAGING_TTL_MS } from '../../adapters/slack/paging-store.ts';
import { loadCorpus } from '../../src/index.ts';
import { startBotChild } from '../load/bot-child.ts';
import type { MemorySample } from '../load/bot-messages.ts';
import { startDiscordWorld } from '../load/discord-world.ts';
import { startSlackWorld } from '../load/slack-world.ts';
import { millis, textTable } from '../report.ts';
import { seededRandom } from '../seeded-order.ts';
import { summarizeLatencies } from '../stats.ts';
import { type Point, type Trend, trend } from './memory-trend.ts';
import { parseSoakArgs, SOAK_HELP, type SoakOptions } from './soak-options.ts';
import { createTraffic, type TrafficCounts } from './soak-traffic.ts';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One memory sample of the bot, with the traffic so far. */
interface SoakSample {
  minute: number;
  memory: MemorySample;
  sent: number;
  answered: number;
  pending: number;
  /** First-answer latency p50 and p99 (ms) of the answers since the previous sample. */
  discordP50: number;
  discordP99: number;
  slackP50: number;
  slackP99: number;
  loadAverage: number;
}

/** The bounded structures of the bot, what the soak put into them and their caps. */
function boundedLines(options: SoakOptions, counts: TrafficCounts): string[] {
  const botMinutes = options.minutes * options.timeScale;
  const ttl = (ms: number) =>
    `${ms / 60_000} min TTL${botMinutes >= ms / 60_000 ? ', reached' : ''}`;
  const users = options.users ?? Object.values(counts.sent).reduce((a, b) => a + b, 0);
  return [
    `Discord button store: ${counts.discordButtons} custom_ids handed out; cap ${DEFAULT_STORE_CAPACITY}, ${ttl(DEFAULT_STORE_TTL_MS)}`,
    `Slack paging store: ${counts.slackPages} More results keys; cap ${PAGING_MAX_ENTRIES}, ${ttl(PAGING_TTL_MS)}`,
    `Slack dedupe: ${counts.slackEvents} deliveries (up to 2 keys each); cap ${DEDUPE_MAX_ENTRIES} keys, ${ttl(DEDUPE_TTL_MS)}`,
    `Rate-limit buckets: ${users} distinct users${options.users === undefined ? ' (one per command)' : ''}; cap ${DEFAULT_MAX_KEYS}, idle buckets dropped after 10 s`,
    `Bot clock: ${botMinutes.toFixed(1)} min elapsed (time scale ${options.timeScale})`,
  ];
}

function trendRow(name: string, t: Trend): string[] {
  return [
    name,
    t.startMB.toFixed(1),
    t.endMB.toFixed(1),
    t.maxMB.toFixed(1),
    Number.isFinite(t.slopeMBPerMinute) ? t.slopeMBPerMinute.toFixed(2) : '—',
  ];
}

async function main(): Promise<number> {
  const parsed = parseSoakArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(`${SOAK_HELP}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    log(`npm run soak: ${parsed.message} (see --help)`);
    return 1;
  }
  const options = parsed.options;
  const { papers } = await loadCorpus(options.corpus);
  const epoch = Date.now();
  const botNow = () => epoch + (Date.now() - epoch) * options.timeScale;
  const discord = await startDiscordWorld({ keepCalls: false });
  const slack = await startSlackWorld({ now: botNow, keepCalls: false });
  const bot = await startBotChild({
    corpus: options.corpus,
    discordApiUrl: discord.apiUrl,
    discordToken: discord.token,
    applicationId: discord.applicationId,
    slackApiUrl: slack.apiUrl,
    slackToken: slack.token,
    signingSecret: slack.signingSecret,
    epoch,
    timeScale: options.timeScale,
  });
  slack.port = bot.slackPort;
  log(
    `soak: ${options.minutes} min at ${options.rate}/s over ${bot.papers} papers; ` +
      `${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  const traffic = createTraffic(discord, slack, papers, seededRandom(options.seed), options);
  const samples: SoakSample[] = [];
  let sent = 0;
  let errors = 0;
  let lastLogs: string[] = [];
  try {
    await discord.ready;
    const start = performance.now();
    const end = start + options.minutes * 60_000;
    let nextSample = start;
    let nextSweep = start;
    const minute = () => (performance.now() - start) / 60_000;
    while (performance.now() < end) {
      // Ticks due by now (drift-free: the rate holds however late a timer fires).
      const due = Math.floor(((performance.now() - start) / 1000) * options.rate);
      while (sent < due) {
        traffic.tick();
        sent += 1;
      }
      if (performance.now() >= nextSweep) {
        traffic.sweep();
        nextSweep += 250;
      }
      if (performance.now() >= nextSample) {
        nextSample += options.sampleS * 1000;
        const { sample, logs } = await bot.sample(true);
        const d = summarizeLatencies(traffic.counts.latencies.discord.splice(0));
        const s = summarizeLatencies(traffic.counts.latencies.slack.splice(0));
        samples.push({
          minute: minute(),
          memory: sample,
          sent,
          answered: traffic.counts.answered,
          pending: traffic.pending,
          discordP50: d.p50,
          discordP99: d.p99,
          slackP50: s.p50,
          slackP99: s.p99,
          loadAverage: loadavg()[0] ?? 0,
        });
        errors = logs.error;
        lastLogs = logs.recent.slice(-5);
        log(
          `${minute().toFixed(2)} min: sent ${sent}, answered ${traffic.counts.answered}, ` +
            `RSS ${sample.rssMB.toFixed(1)} MB, heap ${sample.heapUsedMB.toFixed(1)} MB, ` +
            `p99 ${millis(d.p99)} / ${millis(s.p99)} ms, discord.js users cached ` +
            `${sample.discordCache.users}, load ${loadavg()[0]?.toFixed(2)}`,
        );
      }
      await sleep(5);
    }
    // Let the last answers arrive and settle.
    const drainUntil = performance.now() + 40_000;
    while (traffic.pending > 0 && performance.now() < drainUntil) {
      traffic.sweep();
      await sleep(250);
    }
    const last = await bot.sample(true);
    errors = last.logs.error;
    lastLogs = last.logs.recent.slice(-5);
  } finally {
    await bot.stop();
    await discord.close();
    await slack.close();
  }

  const warm = options.warmupS / 60;
  const points = (pick: (m: MemorySample) => number): Point[] =>
    samples.map((s) => ({ minute: s.minute, mb: pick(s.memory) }));
  const trends = {
    rss: trend(
      points((m) => m.rssMB),
      warm,
    ),
    heap: trend(
      points((m) => m.heapUsedMB),
      warm,
    ),
    external: trend(
      points((m) => m.externalMB),
      warm,
    ),
  };
  const { counts } = traffic;
  const latencyRows = samples.filter((s) => s.minute >= warm);
  const worst = (pick: (s: SoakSample) => number) =>
    Math.max(...latencyRows.map(pick).filter(Number.isFinite));
  const lastSample = samples[samples.length - 1]?.memory;
  const report = [
    textTable(
      ['memory (after GC)', 'start MB', 'end MB', 'max MB', 'slope MB/min'],
      [
        trendRow('RSS', trends.rss),
        trendRow('heap used', trends.heap),
        trendRow('external', trends.external),
      ],
    ),
    `(trend over ${trends.rss.samples} samples after a ${options.warmupS} s warm-up)`,
    '',
    `commands: ${sent} sent (${Object.entries(counts.sent)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
    `answered ${counts.answered}, lost ${counts.lost}, doubled ${counts.doubled}; ` +
      `bot errors logged ${errors}`,
    ...(counts.lost > 0
      ? [`lost by action: ${JSON.stringify(counts.lostBy)}; e.g. ${counts.lostKeys.join(', ')}`]
      : []),
    `worst per-sample p99 of first answers: Discord ${millis(worst((s) => s.discordP99))} ms, ` +
      `Slack ${millis(worst((s) => s.slackP99))} ms`,
    '',
    ...boundedLines(options, counts),
    ...(lastSample
      ? [
          `discord.js caches at the end: ${lastSample.discordCache.users} users, ` +
            `${lastSample.discordCache.channels} channels, ${lastSample.discordCache.guilds} guilds`,
        ]
      : []),
    ...(lastLogs.length > 0 ? ['last bot warnings/errors:', ...lastLogs.map((l) => `  ${l}`)] : []),
  ].join('\n');
  process.stdout.write(`${report}\n`);
  if (options.json) {
    await writeFile(
      options.json,
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, options, trends, counts: { ...counts, latencies: undefined }, errors, samples }, null, 2)}\n`,
    );
    log(`wrote ${options.json}`);
  }
  return counts.lost === 0 && counts.doubled === 0 && errors === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 200).unref();
  },
  (error: unknown) => {
    log(
      `npm run soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
