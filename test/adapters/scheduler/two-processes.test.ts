import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { fakeClock, instance, recordingPoster } from './helpers.ts';
import { tempDir } from './temp-dir.ts';

const run = promisify(execFile);
const FIXTURE = join(import.meta.dirname, 'fixtures', 'tick-once.ts');

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

it('posts each channel once when three processes tick the same data directory at once', async () => {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const dataDir = join(dir.path, 'data');
  const out = join(dir.path, 'posts.jsonl');
  const clock = fakeClock('2024-06-01T09:00:00Z');
  const setup = instance(dataDir, clock, [recordingPoster('slack', clock)]);
  for (let i = 0; i < 150; i += 1) {
    await setup.commands.subscribe({
      channel: { platform: 'slack', channelId: `C${i}` },
      time: '09:00',
      timezone: 'UTC',
    });
  }
  await setup.close();

  const processes = ['p1', 'p2', 'p3'].map((owner) =>
    run(process.execPath, [
      '--import',
      'tsx',
      FIXTURE,
      dataDir,
      out,
      '2024-06-01T09:00:30Z',
      owner,
    ]),
  );
  const reports = (await Promise.all(processes)).map(
    ({ stdout }) => JSON.parse(stdout) as { posted: number },
  );
  const posts = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { channelId: string });
  expect(posts).toHaveLength(150);
  expect(new Set(posts.map((p) => p.channelId)).size).toBe(150);
  expect(reports.reduce((sum, r) => sum + r.posted, 0)).toBe(150);
});
