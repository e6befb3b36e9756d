import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SlackHandle, startSlack } from '../../adapters/slack/start-slack.ts';
import { type LogEntry, recordingLogger } from '../adapters/shared/recording-logger.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../adapters/slack/fake-slack-api.ts';
import { type FakeSocketMode, startFakeSocketMode } from '../adapters/slack/fake-socket-mode.ts';
import { eventEnvelope, mentionEvent } from '../adapters/slack/payloads.ts';
import { tinyEngine } from '../adapters/slack/reply-deps-fixture.ts';
import { postsInThread } from '../adapters/slack/slack-harness.ts';

/**
 * The real Bolt app and @slack/socket-mode client against a fake Socket Mode endpoint whose URL
 * comes from the fake Web API's `apps.connections.open`: Slack's `disconnect` messages, and an
 * app whose Socket Mode an admin has switched off (`link_disabled`). Reconnection delays are
 * shortened; the tests read the delays Shammie chose from its log, never the clock.
 */

const TUNING = { firstDelayMs: 5, linkDisabledFirstDelayMs: 20, maxDelayMs: 1_000 };
const LINK_DISABLED_ADVICE =
  "Socket Mode was disabled for this app: turn it on in the app's settings, or run in HTTP mode";

let api: FakeSlackApi | undefined;
let socket: FakeSocketMode | undefined;
let slack: SlackHandle | undefined;

afterEach(async () => {
  await slack?.stop();
  await socket?.close();
  await api?.close();
  slack = undefined;
});

async function start() {
  api = await startFakeSlackApi();
  socket = await startFakeSocketMode(api);
  const logger = recordingLogger();
  slack = await startSlack({
    config: { botToken: 'xoxb-socket', appToken: 'xapp-socket', port: 0, apiUrl: api.apiUrl },
    engine: await tinyEngine(),
    logger,
    tuning: { socketMode: TUNING },
  });
  await socket.connected();
  return { api, socket, logs: logger.entries };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  await vi.waitFor(() => expect(predicate(), `never happened: ${what}`).toBe(true), {
    timeout: 5_000,
    interval: 5,
  });
}

const reconnects = (logs: LogEntry[]) =>
  logs.filter((l) => l.message === 'Slack Socket Mode reconnecting');

/** A mention sent over the current connection is answered (the link works). */
async function answersAMention(fake: FakeSocketMode, fakeApi: FakeSlackApi): Promise<void> {
  const event = mentionEvent('help');
  fake.send('events_api', eventEnvelope(event));
  await fakeApi.waitFor((calls) => postsInThread(calls, event.ts).length === 1);
}

describe('Socket Mode disconnects', () => {
  it('logs a routine disconnect’s reason at info and reconnects at once', async () => {
    const s = await start();
    s.socket.disconnect('refresh_requested');
    await until(() => s.socket.connections() === 2, 'a second connection');
    const line = s.logs.find((l) => l.message === 'Slack Socket Mode disconnect');
    expect(line).toMatchObject({
      level: 'info',
      fields: { platform: 'slack', reason: 'refresh_requested' },
    });
    expect(reconnects(s.logs)[0]?.fields).toMatchObject({ retryInMs: TUNING.firstDelayMs });
    expect(s.logs.some((l) => l.level === 'warn' || l.level === 'error')).toBe(false);
    await answersAMention(s.socket, s.api);
  });

  it('says what to do when Socket Mode was switched off, and backs off instead of retrying at a fixed pace', async () => {
    const s = await start();
    s.socket.refuseWith('link_disabled');
    s.socket.disconnect('link_disabled');
    await until(() => reconnects(s.logs).length >= 4, 'four reconnection attempts');

    const warning = s.logs.find((l) => l.level === 'warn' && l.message === LINK_DISABLED_ADVICE);
    expect(warning?.fields).toMatchObject({ platform: 'slack', reason: 'link_disabled' });
    const delays = reconnects(s.logs)
      .slice(0, 4)
      .map((l) => l.fields.retryInMs);
    expect(delays).toEqual([20, 40, 80, 160]);
    expect(
      s.logs.filter((l) => l.message === 'Slack Socket Mode disconnect').map((l) => l.level),
    ).toContain('info');

    // An admin turns it back on: the next attempt stays connected and events are answered.
    s.socket.refuseWith(undefined);
    const opened = s.socket.connections();
    await until(() => s.socket.connections() > opened, 'a connection after Socket Mode came back');
    await answersAMention(s.socket, s.api);
  });

  it('stops reconnecting once the app is stopped', async () => {
    const s = await start();
    s.socket.refuseWith('link_disabled');
    s.socket.disconnect('link_disabled');
    await until(() => reconnects(s.logs).length >= 1, 'one reconnection attempt');
    await slack?.stop();
    slack = undefined;
    const opened = s.socket.connections();
    // Barrier: longer than any delay scheduled so far (the first two are 20 and 40 ms).
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(s.socket.connections()).toBe(opened);
  });
});
