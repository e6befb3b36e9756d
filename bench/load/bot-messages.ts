/** What the load benchmark's bot process and its parent say to each other over IPC. */
import type { LogCounts } from './counting-logger.ts';

/** How the bot process is set up (JSON in SHAMMIE_LOAD_BOT). */
export interface BotConfig {
  corpus: string;
  discordApiUrl: string;
  discordToken: string;
  applicationId: string;
  slackApiUrl: string;
  slackToken: string;
  signingSecret: string;
  /** The bot's clock runs `timeScale` times faster than real time from `epoch` (epoch ms). */
  epoch: number;
  timeScale: number;
}

/** The bot process's memory at one moment, in MiB. */
export interface MemorySample {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  arrayBuffersMB: number;
  /** The kernel's peak RSS of the process so far (Linux). */
  peakRssMB?: number;
  /** Taken after two full garbage collections. */
  afterGc: boolean;
  /** Entries in discord.js's caches (users and channels seen in interactions, guilds). */
  discordCache: { users: number; channels: number; guilds: number };
}

export type BotRequest = { type: 'sample'; id: number; gc: boolean } | { type: 'stop' };

export type BotReply =
  | { type: 'ready'; slackPort: number; papers: number }
  | { type: 'sample'; id: number; sample: MemorySample; logs: LogCounts }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };
