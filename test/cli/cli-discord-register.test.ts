import { type AddressInfo, createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../adapters/discord/fake-discord.ts';
import { shammie } from './run-shammie.ts';

/** A local port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('shammie discord register', () => {
  let discord: FakeDiscord;
  beforeEach(async () => {
    discord = await startFakeDiscord();
  });
  afterEach(async () => {
    await discord.close();
  });

  const env = () => ({
    DISCORD_TOKEN: 'test-token-that-is-secret',
    DISCORD_APPLICATION_ID: '100000000000000001',
    DISCORD_GUILD_ID: '200000000000000002',
    DISCORD_API_URL: discord.apiUrl,
  });

  it('writes the commands to the guild when they differ, then reports nothing to change', async () => {
    // The fake application holds what was last written, as Discord does.
    let registered: unknown = [];
    discord.respond((call) => {
      if (!/\/guilds\/200000000000000002\/commands$/.test(call.path)) return undefined;
      if (call.method === 'PUT') registered = call.body;
      return { status: 200, body: registered };
    });
    const first = await shammie(['discord', 'register'], { env: env() });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/added .*search/);
    expect(discord.find('PUT', /\/commands$/)).toHaveLength(1);
    const second = await shammie(['discord', 'register'], { env: env() });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('already up to date');
    expect(discord.find('PUT', /\/commands$/)).toHaveLength(1);
    expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain(
      'test-token-that-is-secret',
    );
  });

  it.each([
    ['a closed local port', 'connection refused'],
    ['a name DNS does not know', 'DNS lookup failed'],
  ])('names a Discord API it cannot reach (%s) as a network failure', async (where, why) => {
    const apiUrl = where.startsWith('a closed')
      ? `http://127.0.0.1:${await closedPort()}/api`
      : 'http://discord.invalid/api';
    const { status, stdout, stderr } = await shammie(['discord', 'register'], {
      env: { ...env(), DISCORD_API_URL: apiUrl },
    });
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`shammie: could not reach ${new URL(apiUrl).host} (${why})\n`);
  });

  it('says Discord did not accept the token when it answers 401', async () => {
    discord.respond(() => ({ status: 401, body: { message: '401: Unauthorized', code: 0 } }));
    const { status, stderr } = await shammie(['discord', 'register'], { env: env() });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^shammie: Discord did not accept DISCORD_TOKEN \(.*Unauthorized\)\n$/);
    expect(stderr).not.toContain('test-token-that-is-secret');
  });

  it('says which variables to set when Discord is not configured', async () => {
    const { status, stderr } = await shammie(['discord', 'register'], {
      env: { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' },
    });
    expect(status).toBe(1);
    expect(stderr).toContain('DISCORD_TOKEN');
  });
});
