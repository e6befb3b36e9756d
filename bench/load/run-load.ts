/**
 * `npm run load`: a burst of commands at each platform adapter through the wiring tests' local
 * fakes (see `--help` and docs/reliability.md). Loopback only; stops by itself; exit status 1
 * when any command was lost, doubled, over the limits or logged as an error.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { loadCorpus } from '../../src/index.ts';
import { seededRandom } from '../seeded-order.ts';
import { startBotChild } from './bot-child.ts';
import type { BurstResult } from './burst-result.ts';
import { discordBurst } from './discord-burst.ts';
import { startDiscordWorld } from './discord-world.ts';
import { LOAD_HELP, parseLoadArgs } from './load-options.ts';
import { loadPassed, loadReport } from './load-report.ts';
import { slackBurst } from './slack-burst.ts';
import { startSlackWorld } from './slack-world.ts';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<number> {
  const parsed = parseLoadArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(`${LOAD_HELP}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    log(`npm run load: ${parsed.message} (see --help)`);
    return 1;
  }
  const options = parsed.options;
  // The harness reads the corpus too, for the commands it sends; the bot reads its own copy.
  const { papers, problems } = await loadCorpus(options.corpus);
  log(
    `corpus ${options.corpus}: ${papers.length} papers` +
      (problems.length > 0 ? ` (${problems.length} problems)` : ''),
  );
  log(
    `machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; node ${process.version}`,
  );
  const users = options.users ?? options.count;
  const discord = await startDiscordWorld();
  const slack = await startSlackWorld();
  const bot = await startBotChild({
    corpus: options.corpus,
    discordApiUrl: discord.apiUrl,
    discordToken: discord.token,
    applicationId: discord.applicationId,
    slackApiUrl: slack.apiUrl,
    slackToken: slack.token,
    signingSecret: slack.signingSecret,
    epoch: Date.now(),
    timeScale: 1,
  });
  slack.port = bot.slackPort;
  const results: BurstResult[] = [];
  try {
    await discord.ready;
    const started = await bot.sample(true);
    log(
      `bot process ${bot.pid}: ${bot.papers} papers, RSS ${Math.round(started.sample.rssMB)} MB, ` +
        `heap ${Math.round(started.sample.heapUsedMB)} MB after start`,
    );
    for (const platform of options.platforms) {
      const random = seededRandom(`${options.seed}:${platform}`);
      log(`${platform}: ${options.warmup} warm-up commands, then ${options.count} at once…`);
      results.push(
        platform === 'discord'
          ? await discordBurst(discord, bot, papers, random, { ...options, users })
          : await slackBurst(slack, bot, papers, random, { ...options, users }),
      );
    }
  } finally {
    await bot.stop();
    await discord.close();
    await slack.close();
  }
  process.stdout.write(`${loadReport(results)}\n`);
  if (options.json) {
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      corpus: { path: options.corpus, papers: papers.length },
      options,
      results,
    };
    await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${options.json}`);
  }
  return loadPassed(results) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Keep-alive sockets of the SDKs must not hold the process open.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (error: unknown) => {
    log(
      `npm run load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
