import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../../adapters/shared/config.ts';

/** The documented keys that deployments rely on: they must stay; the configuration may add to them. */
const INTERFACE_KEYS = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'PORT',
  'SLACK_API_URL',
  'SHAMMIE_CORPUS',
  'SHAMMIE_DATA_DIR',
  'SHAMMIE_DAILY_CRON',
  'SHAMMIE_TIMEZONE',
  'DISCORD_DAILY_CHANNEL_ID',
  'SLACK_DAILY_CHANNEL_ID',
  'LOG_LEVEL',
  'SHAMMIE_LLM_URL',
  'SHAMMIE_LLM_MODEL',
  'SHAMMIE_LLM_API_KEY',
];
const KEYS = CONFIG_KEYS;

it('the configuration reads every documented key deployments rely on', () => {
  expect(CONFIG_KEYS).toEqual(expect.arrayContaining(INTERFACE_KEYS));
});

const text = readFileSync(join(import.meta.dirname, '../../../.env.example'), 'utf8');

it('.env.example lists every key of the environment, each with a comment above it', () => {
  const parsed = parse(text);
  expect(Object.keys(parsed).sort()).toEqual([...KEYS].sort());
  const lines = text.split('\n');
  for (const key of KEYS) {
    const at = lines.findIndex((line) => line.startsWith(`${key}=`));
    expect(lines[at - 1], key).toMatch(/^# \S/);
  }
});

it('.env.example copied as it is loads as "nothing configured", with the defaults', () => {
  const config = loadConfig(parse(text));
  expect(config.discord).toBeUndefined();
  expect(config.slack).toBeUndefined();
  expect(config.daily).toEqual({ cron: '0 9 * * *', timezone: 'UTC', catchUp: 'catch-up' });
});
