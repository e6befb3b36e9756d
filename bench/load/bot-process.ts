/**
 * The bot under load, in a process of its own so that its latency and memory are its own:
 * the corpus and engine, `startDiscord` (discord.js over the fake gateway, REST to the fake
 * Discord) and `startSlack` (Bolt in HTTP mode on 127.0.0.1, Web API to the fake Slack), the
 * same entry points `npm start` uses. Started by bot-child.ts with a JSON config in
 * SHAMMIE_LOAD_BOT; talks to its parent over IPC: "ready" once both platforms are up, a memory
 * sample on request, and a clean stop.
 */
import { startDiscord } from '../../adapters/discord/start-discord.ts';
import { startSlack } from '../../adapters/slack/start-slack.ts';
import { createEngine, loadCorpus } from '../../src/index.ts';
import type { BotConfig, BotReply, BotRequest, MemorySample } from './bot-messages.ts';
import { countingLogger } from './counting-logger.ts';

const MB = 1024 * 1024;

function send(message: BotReply): void {
  process.send?.(message);
}

/** The kernel's peak resident memory of this process, in MiB (Linux), else undefined. */
async function peakRssMB(): Promise<number | undefined> {
  try {
    const { readFile } = await import('node:fs/promises');
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(await readFile('/proc/self/status', 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.SHAMMIE_LOAD_BOT ?? '{}') as BotConfig;
  // The bot's clock: real time, or faster so that expiry (15 and 60 minutes) shows in a soak.
  const now = () => new Date(config.epoch + (Date.now() - config.epoch) * config.timeScale);
  const logger = countingLogger();
  const { papers } = await loadCorpus(config.corpus);
  const engine = createEngine(papers);
  const discord = await startDiscord({
    config: {
      token: config.discordToken,
      applicationId: config.applicationId,
      apiUrl: config.discordApiUrl,
    },
    engine,
    logger,
    now,
  });
  const slack = await startSlack({
    config: {
      botToken: config.slackToken,
      signingSecret: config.signingSecret,
      port: 0,
      apiUrl: config.slackApiUrl,
    },
    engine,
    logger,
    host: '127.0.0.1',
    now,
  });
  const gc = (globalThis as { gc?: () => void }).gc;

  process.on('message', (request: BotRequest) => {
    if (request.type === 'sample') {
      if (request.gc && gc) {
        gc();
        gc();
      }
      void peakRssMB().then((peak) => {
        const m = process.memoryUsage();
        const sample: MemorySample = {
          rssMB: m.rss / MB,
          heapUsedMB: m.heapUsed / MB,
          heapTotalMB: m.heapTotal / MB,
          externalMB: m.external / MB,
          arrayBuffersMB: m.arrayBuffers / MB,
          ...(peak !== undefined ? { peakRssMB: peak } : {}),
          afterGc: Boolean(request.gc && gc),
          discordCache: {
            users: discord.client.users.cache.size,
            channels: discord.client.channels.cache.size,
            guilds: discord.client.guilds.cache.size,
          },
        };
        send({ type: 'sample', id: request.id, sample, logs: logger.counts });
      });
    } else if (request.type === 'stop') {
      void Promise.allSettled([discord.stop(), slack.stop()]).then(() => {
        send({ type: 'stopped' });
        process.exit(0);
      });
    }
  });
  send({ type: 'ready', slackPort: slack.port ?? 0, papers: papers.length });
}

main().catch((error: unknown) => {
  send({
    type: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
});
