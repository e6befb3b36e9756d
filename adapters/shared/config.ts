import { Cron } from 'croner';
import { z } from 'zod';
// The model client's settings reader: one zod schema of the SHAMMIE_LLM_* keys, shared by the
// bot (here) and the terminal (`llmConfig`), so both read the same keys the same way.
import { LLM_KEYS, LLM_SECRET_KEYS, type LlmSettings, readLlmSettings } from './llm-settings.ts';

/** Default schedule of daily posts: 09:00 every day. */
export const DEFAULT_DAILY_CRON = '0 9 * * *';
/** Default zone of the daily schedule. */
export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_CORPUS = './corpus';
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_PORT = 3000;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  /** Base of the Discord HTTP API (discord.js `rest.api`), e.g. a local fake in tests. */
  apiUrl?: string;
  dailyChannelId?: string;
}

export interface SlackConfig {
  botToken: string;
  /** Socket Mode when set; else HTTP mode with the signing secret. */
  appToken?: string;
  signingSecret?: string;
  port: number;
  /** Base of the Slack Web API (Bolt `clientOptions.slackApiUrl`). */
  apiUrl?: string;
  dailyChannelId?: string;
}

export interface Config {
  corpus: string;
  dataDir: string;
  logLevel: LogLevel;
  daily: {
    cron: string;
    timezone: string;
    /** A slot missed while the bot was down: posted when it returns the same day, or skipped. */
    catchUp?: 'catch-up' | 'skip';
  };
  discord?: DiscordConfig;
  slack?: SlackConfig;
  /** An OpenAI-compatible model server for `ask`; unset, answers are extractive. */
  llm?: LlmSettings;
}

/** Secrets: their values never appear in messages or logs. */
export const SECRET_KEYS = [
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  ...LLM_SECRET_KEYS,
];

const optional = z
  .string()
  .transform((v) => v.trim())
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const url = optional.refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), {
  message: 'must be an http(s) URL',
});

/**
 * A Discord id (a "snowflake"): a number of 17 to 20 digits. `what` says which id and where to
 * copy it from, so the message is true whatever was typed ("123" is numeric, but no id).
 */
const snowflake = (what: string) =>
  optional.refine((v) => v === undefined || /^\d{17,20}$/.test(v), {
    message: `must be ${what}: Discord ids are numbers of 17 to 20 digits`,
  });

/** Where Discord ids are copied from, for the messages. */
const COPY_ID = 'with Developer Mode on (User Settings → Advanced), right-click';

const schema = z.object({
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: snowflake(
    'the Application ID from the Developer Portal (General Information)',
  ),
  DISCORD_GUILD_ID: snowflake(`a server id (${COPY_ID} the server → Copy Server ID)`),
  DISCORD_API_URL: url,
  DISCORD_DAILY_CHANNEL_ID: snowflake(`a channel id (${COPY_ID} the channel → Copy Channel ID)`),
  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'must be a bot token starting with xoxb-',
  }),
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp-',
  }),
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: url,
  SLACK_DAILY_CHANNEL_ID: optional,
  PORT: optional.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) < 65536), {
    message: 'must be a port number',
  }),
  SHAMMIE_CORPUS: optional,
  SHAMMIE_DATA_DIR: optional,
  SHAMMIE_DAILY_CRON: optional,
  SHAMMIE_DAILY_CATCH_UP: optional.refine(
    (v) => v === undefined || v === 'catch-up' || v === 'skip',
    {
      message: 'must be catch-up or skip',
    },
  ),
  SHAMMIE_TIMEZONE: optional.refine((v) => v === undefined || isTimeZone(v), {
    message: 'must be an IANA time zone such as Europe/Paris',
  }),
  LOG_LEVEL: optional.refine(
    (v) => v === undefined || ['debug', 'info', 'warn', 'error'].includes(v),
    {
      message: 'must be one of debug, info, warn, error',
    },
  ),
});

/**
 * The library's keys: the paper services' bases and contact address, and who may edit the
 * library. Their readers live with the service clients and the library (shared/ imports no
 * adapter), and the bot runs them with `loadConfig` so one run names every mistake
 * (adapters/app/library-settings.ts); they are listed here so that CONFIG_KEYS is complete.
 */
export const LIBRARY_KEYS: readonly string[] = [
  'ARXIV_API_URL',
  'ARXIV_OAI_URL',
  'ARXIV_RSS_URL',
  'CROSSREF_API_URL',
  'OPENALEX_API_URL',
  'SHAMMIE_CONTACT_EMAIL',
  'SHAMMIE_LIBRARY_EDITORS',
];

/** Every environment variable the bot reads; `.env.example` documents each one. */
export const CONFIG_KEYS: readonly string[] = [
  ...Object.keys(schema.shape),
  ...LLM_KEYS,
  ...LIBRARY_KEYS,
];

/** True for a time zone Intl knows (IANA names, and UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A configuration problem: names the variable, never its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The secret values a configuration holds, for the logger to mask wherever they appear. */
export function secretValues(config: Config): string[] {
  return [
    config.discord?.token,
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
    config.llm?.apiKey,
  ].filter((value): value is string => value !== undefined);
}

/** The corpus path the environment names: SHAMMIE_CORPUS, else the default. */
export function corpusPath(env: Readonly<Record<string, string | undefined>>): string {
  return env.SHAMMIE_CORPUS?.trim() || DEFAULT_CORPUS;
}

/**
 * Reads the environment once per process. Every missing or malformed key is named at once —
 * malformed values, missing partners and a cron pattern that cannot run, in one list, so one
 * run shows every mistake; values are never echoed (they may be secrets).
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  const llm = readLlmSettings(env);
  problems.push(...pairingProblems(env), ...scheduleProblems(env), ...llm.problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;

  const config: Config = {
    corpus: corpusPath(env),
    dataDir: e.SHAMMIE_DATA_DIR ?? DEFAULT_DATA_DIR,
    logLevel: (e.LOG_LEVEL as LogLevel | undefined) ?? 'info',
    daily: {
      cron: e.SHAMMIE_DAILY_CRON ?? DEFAULT_DAILY_CRON,
      timezone: e.SHAMMIE_TIMEZONE ?? DEFAULT_TIMEZONE,
      catchUp: e.SHAMMIE_DAILY_CATCH_UP === 'skip' ? 'skip' : 'catch-up',
    },
  };
  if (e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID) {
    config.discord = {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
      ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
      ...(e.DISCORD_DAILY_CHANNEL_ID ? { dailyChannelId: e.DISCORD_DAILY_CHANNEL_ID } : {}),
    };
  }
  if (e.SLACK_BOT_TOKEN) {
    config.slack = {
      botToken: e.SLACK_BOT_TOKEN,
      port: e.PORT ? Number(e.PORT) : DEFAULT_PORT,
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
      ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
      ...(e.SLACK_DAILY_CHANNEL_ID ? { dailyChannelId: e.SLACK_DAILY_CHANNEL_ID } : {}),
    };
  }
  if (llm.settings) config.llm = llm.settings;
  return config;
}

/**
 * The model settings alone (SHAMMIE_LLM_*), for a process that reads no other key (the
 * terminal): undefined when no model is configured; a ConfigError names each bad key.
 */
export function llmConfig(
  env: Readonly<Record<string, string | undefined>>,
): LlmSettings | undefined {
  const { settings, problems } = readLlmSettings(env);
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

/** Variables that only work together: each one set without its partner. */
function pairingProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  // Read from the raw environment, not the parsed one: a malformed value is still "set", and
  // its partner's absence is a second mistake worth naming in the same run.
  const set = (key: string) => (env[key]?.trim() ?? '') !== '';
  const problems: string[] = [];
  if (set('DISCORD_TOKEN') && !set('DISCORD_APPLICATION_ID')) {
    problems.push('DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set');
  }
  if (set('DISCORD_APPLICATION_ID') && !set('DISCORD_TOKEN')) {
    problems.push('DISCORD_TOKEN is required when DISCORD_APPLICATION_ID is set');
  }
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) is required with SLACK_BOT_TOKEN',
    );
  }
  if (!set('SLACK_BOT_TOKEN') && (set('SLACK_APP_TOKEN') || set('SLACK_SIGNING_SECRET'))) {
    problems.push(
      'SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set',
    );
  }
  return problems;
}

/** A daily cron pattern that cannot run (checked in UTC when the zone is itself a mistake). */
function scheduleProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const cron = env.SHAMMIE_DAILY_CRON?.trim() || DEFAULT_DAILY_CRON;
  const zone = env.SHAMMIE_TIMEZONE?.trim() || DEFAULT_TIMEZONE;
  const problem = cronProblem(cron, isTimeZone(zone) ? zone : DEFAULT_TIMEZONE);
  return problem
    ? [
        `SHAMMIE_DAILY_CRON must be a cron pattern such as "0 9 * * *" (minute hour day month weekday): ${problem}`,
      ]
    : [];
}

/**
 * Why a cron pattern cannot drive the daily post, or undefined when it can. Asked of croner,
 * the library the scheduler runs the pattern with, so what passes here runs there.
 */
function cronProblem(pattern: string, zone: string): string | undefined {
  try {
    const cron = new Cron(pattern, { timezone: zone, paused: true });
    if (!cron.nextRun()) return 'it never fires';
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
