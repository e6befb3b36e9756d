import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DiscordBot, startDiscord } from '../../adapters/discord/start-discord.ts';
import type { Engine } from '../../src/index.ts';
import { type FakeDiscord, startFakeDiscord } from '../adapters/discord/fake-discord.ts';
import { attachFakeGateway } from '../adapters/discord/fake-gateway.ts';
import { APPLICATION_ID, rawCommand } from '../adapters/discord/raw-interactions.ts';
import { tinyEngine } from '../adapters/discord/tiny-corpus.ts';
import { recordingLogger } from '../adapters/shared/recording-logger.ts';

/**
 * A dead gateway link under the real discord.js client: the fake gateway stops answering
 * anything (heartbeats, close frames) on the open connection, as a link that died silently.
 * The heartbeat interval is shortened to 1 s (Discord's is about 41 s). No assertion is on how
 * long anything took: "at once" is shown by Shammie ending the socket itself (logged, with the
 * socket count) and the session resuming long before @discordjs/ws's 30-s close timeout would
 * have let it; the waits below are only the limits of that patience, roomy for a busy machine.
 */

const INTERVAL_MS = 1_000;
/** Far longer than a resume takes, far shorter than the 30 s a dead link used to cost. */
const RESUME_WITHIN_MS = 15_000;

let engine: Engine;
let fake: FakeDiscord | undefined;
let bot: DiscordBot | undefined;

beforeAll(async () => {
  engine = await tinyEngine();
});
afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = undefined;
  fake = undefined;
});

async function start() {
  fake = await startFakeDiscord();
  const gateway = attachFakeGateway(
    fake.server,
    { id: APPLICATION_ID, username: 'Shammie' },
    { heartbeatIntervalMs: INTERVAL_MS },
  );
  fake.respond((call) =>
    call.path.endsWith('/commands') ? { status: 200, body: call.body ?? [] } : undefined,
  );
  const logger = recordingLogger();
  bot = await startDiscord({
    config: { token: 'test-token', applicationId: APPLICATION_ID, apiUrl: fake.apiUrl },
    engine,
    logger,
    livenessCheckMs: 50,
  });
  await gateway.ready;
  return { fake, gateway, logger };
}

/** Resolves when `condition` holds, checked every 20 ms; rejects after `ms`. */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  await vi.waitFor(() => expect(condition(), `not within ${ms} ms: ${what}`).toBe(true), {
    timeout: ms,
    interval: 20,
  });
}

describe('a dead Discord gateway connection', () => {
  it('is ended at once by Shammie and resumed, not left to the 30-s close timeout, and the outage is logged', async () => {
    const { fake: f, gateway, logger } = await start();
    // Two acknowledged heartbeats: the client now knows the interval.
    await until(() => gateway.heartbeats.filter((h) => h.answered).length >= 2, 10_000, 'two ACKs');
    gateway.goSilent();
    await until(() => gateway.heartbeats.some((h) => !h.answered), 10_000, 'a missed heartbeat');
    // Before: @discordjs/ws waited 30 s for a close frame the dead link never sent.
    await until(() => gateway.resumes.length > 0, RESUME_WITHIN_MS, 'a RESUME');
    expect(gateway.connections()).toBe(2);

    await until(() => logger.entries.some((e) => e.fields.outcome === 'resumed'), 10_000, 'log');
    const outage = logger.entries.filter((e) => e.fields.request?.toString().startsWith('gateway'));
    expect(outage.map((e) => [e.level, e.fields.outcome])).toEqual([
      ['warn', 'terminated, resuming'],
      ['warn', 'resumed'],
    ]);
    expect(outage[0]?.fields.platform).toBe('discord');
    // Shammie ended the dead socket itself, once it had learnt the interval from the heartbeats
    // (their spacing drifts on a busy machine, so only its order of size is checked).
    expect(outage[0]?.fields.socketsClosed).toBe(1);
    const learnt = Number(outage[0]?.fields.heartbeatIntervalMs);
    expect(learnt).toBeGreaterThan(INTERVAL_MS / 2);
    expect(learnt).toBeLessThan(INTERVAL_MS * 5);
    // It ends a connection only after 1.5 silent intervals, on the same clock as this figure.
    expect(outage[1]?.fields.outageMs).toBeGreaterThan(INTERVAL_MS);

    // Interactions arrive over the resumed session and are answered.
    const raw = rawCommand('help');
    gateway.dispatch('INTERACTION_CREATE', raw);
    await f.next((c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`);
  });

  it('sees its gateway socket through the public Node seam (fails if that seam disappears)', async () => {
    const { gateway } = await start();
    expect(gateway.connections()).toBe(1);
    // Only a terminated socket makes a resume this fast; the first test relies on it.
    const { followGatewaySockets } = await import('../../adapters/discord/gateway-sockets.ts');
    const sockets = followGatewaySockets();
    try {
      await bot?.stop();
      bot = undefined;
      const again = await startDiscord({
        config: { token: 'test-token', applicationId: APPLICATION_ID, apiUrl: fake?.apiUrl ?? '' },
        engine,
        logger: recordingLogger(),
      });
      bot = again;
      await until(() => gateway.connections() === 2, 10_000, 'second connection');
      await until(() => sockets.count() === 1, 10_000, 'the socket seen');
    } finally {
      sockets.stop();
    }
  });
});
