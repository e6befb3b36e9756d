import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The import rules of biome.json, checked on fixtures: small files that pretend to sit in each
 * adapter folder. They are linted once, by one Biome process, in a temporary copy of the
 * project's configuration (only the git integration and the file filter are changed, since the
 * copy lives outside the repository).
 */

interface Case {
  /** Where the fixture pretends to be. */
  file: string;
  /** Its one import. */
  code: string;
}

const refused: Record<string, Case[]> = {
  'a platform importing another platform': [
    { file: 'adapters/discord/a.ts', code: "import { x } from '../slack/start-slack.ts';" },
    { file: 'adapters/discord/commands/b.ts', code: "import { x } from '../../slack/mrkdwn.ts';" },
    { file: 'adapters/slack/c.ts', code: "import { x } from '../discord/start-discord.ts';" },
    { file: 'adapters/slack/d.ts', code: "import { x } from '../cli/run-cli.ts';" },
    {
      file: 'adapters/cli/e.ts',
      code: "const x = await import('../discord/register-commands.ts');",
    },
    { file: 'adapters/cli/f.ts', code: "import { x } from '../slack/mrkdwn.ts';" },
    { file: 'adapters/discord/g.ts', code: "import { App } from '@slack/bolt';" },
    { file: 'adapters/slack/h.ts', code: "import { Client } from 'discord.js';" },
    { file: 'adapters/cli/i.ts', code: "const x = await import('discord.js');" },
  ],
  'a platform importing the app': [
    { file: 'adapters/discord/j.ts', code: "import { boot } from '../app/boot.ts';" },
    { file: 'adapters/slack/listeners/k.ts', code: "export { boot } from '../../app/boot.ts';" },
    { file: 'adapters/cli/l.ts', code: "import { runBot } from '../app/run-bot.ts';" },
    { file: 'adapters/cli/commands/l2.ts', code: "import { boot } from '../../app/boot.ts';" },
    {
      file: 'adapters/cli/commands/l3.ts',
      code: "const x = await import('../../discord/register-commands.ts');",
    },
  ],
  'shared importing another adapter folder': [
    { file: 'adapters/shared/m.ts', code: "import { x } from '../discord/limits.ts';" },
    { file: 'adapters/shared/n.ts', code: "import { x } from '../slack/limits.ts';" },
    { file: 'adapters/shared/o.ts', code: "import { x } from '../scheduler/schedule.ts';" },
    { file: 'adapters/shared/o2.ts', code: "import { x } from '../llm/chat-client.ts';" },
    { file: 'adapters/shared/o3.ts', code: "import { x } from '../library/add-papers.ts';" },
    { file: 'adapters/shared/p.ts', code: "import { x } from '../cli/run-cli.ts';" },
    { file: 'adapters/shared/q.ts', code: "import { x } from '../app/boot.ts';" },
  ],
  'the scheduler importing a platform or the app': [
    { file: 'adapters/scheduler/r.ts', code: "import { x } from '../slack/daily-poster.ts';" },
    { file: 'adapters/scheduler/s.ts', code: "import { x } from '../discord/daily-poster.ts';" },
    { file: 'adapters/scheduler/t.ts', code: "import { x } from '../app/engine-holder.ts';" },
  ],
  // Every folder: Biome replaces (does not merge) a rule's options across overrides, so each
  // folder's override must repeat the core rule.
  'an adapter importing the core past src/index.ts': [
    'app',
    'cli',
    'discord',
    'slack',
    'scheduler',
    'shared',
  ].map((folder) => ({
    file: `adapters/${folder}/deep.ts`,
    code: "import { x } from '../../src/search/create-engine.ts';",
  })),
};

const allowed: Case[] = [
  ...['app', 'cli', 'discord', 'slack', 'scheduler', 'shared'].map((folder) => ({
    file: `adapters/${folder}/core.ts`,
    code: "import { createEngine } from '../../src/index.ts';",
  })),
  { file: 'adapters/discord/commands/core.ts', code: "import { x } from '../../../src/index.ts';" },
  { file: 'adapters/discord/u.ts', code: "import { Client } from 'discord.js';" },
  { file: 'adapters/discord/v.ts', code: "import { x } from '../shared/logger.ts';" },
  { file: 'adapters/slack/w.ts', code: "import { App } from '@slack/bolt';" },
  { file: 'adapters/slack/x.ts', code: "import { x } from './blocks/paper-card.ts';" },
  {
    file: 'adapters/cli/register.ts',
    code: "const x = await import('../app/discord-register.ts');",
  },
  {
    file: 'adapters/cli/commands/register.ts',
    code: "const x = await import('../../app/discord-register.ts');",
  },
  // The terminal asks questions with the bot's own ask service (the same model settings).
  { file: 'adapters/cli/ask.ts', code: "import { x } from '../app/ask-service.ts';" },
  { file: 'adapters/cli/commands/ask.ts', code: "import { x } from '../../app/ask-service.ts';" },
  // The terminal's `daily` reads the daily store: state, not a platform.
  { file: 'adapters/cli/y.ts', code: "import { x } from '../scheduler/stored-daily.ts';" },
  { file: 'adapters/scheduler/z.ts', code: "import { x } from '../shared/daily-port.ts';" },
  { file: 'adapters/shared/aa.ts', code: "import { x } from './logger.ts';" },
  { file: 'adapters/app/ab.ts', code: "import { x } from '../discord/start-discord.ts';" },
  { file: 'adapters/app/ac.ts', code: "import { x } from '../slack/start-slack.ts';" },
  { file: 'adapters/app/ad.ts', code: "import { x } from '../scheduler/create-scheduler.ts';" },
];

/** The files Biome reported a restricted import in, with how many. */
let flagged = new Map<string, number>();
let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'shammie-import-rules-'));
  const config = JSON.parse(readFileSync('biome.json', 'utf8'));
  config.vcs = { enabled: false };
  config.files = { includes: ['**'] };
  writeFileSync(join(root, 'biome.json'), JSON.stringify(config));
  for (const { file, code } of [...Object.values(refused).flat(), ...allowed]) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    writeFileSync(join(root, file), `${code}\n`);
  }
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  const run = spawnSync(
    process.execPath,
    [biome, 'lint', '--reporter=json', '--only=style/noRestrictedImports', '.'],
    { cwd: root, encoding: 'utf8' },
  );
  const report = JSON.parse(run.stdout) as {
    diagnostics: Array<{ category?: string; location?: { path?: string } }>;
  };
  flagged = new Map();
  for (const { category, location } of report.diagnostics) {
    if (category !== 'lint/style/noRestrictedImports' || !location?.path) continue;
    flagged.set(location.path, (flagged.get(location.path) ?? 0) + 1);
  }
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the import rules of adapters/', () => {
  for (const [what, cases] of Object.entries(refused)) {
    it.each(cases)(`refuse ${what}: $file has $code`, ({ file }) => {
      expect(flagged.get(file)).toBe(1);
    });
  }

  it.each(allowed)('allow $file to have $code', ({ file }) => {
    expect(flagged.get(file)).toBeUndefined();
  });
});
