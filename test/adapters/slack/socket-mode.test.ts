import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackHandle, startSlack } from '../../../adapters/slack/start-slack.ts';
import { recordingLogger } from '../shared/recording-logger.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { type FakeSocketMode, startFakeSocketMode } from './fake-socket-mode.ts';
import { eventEnvelope, mentionEvent } from './payloads.ts';
import { tinyEngine } from './reply-deps-fixture.ts';
import { postsInThread } from './slack-harness.ts';

let api: FakeSlackApi;
let socket: FakeSocketMode;
let slack: SlackHandle;
const logger = recordingLogger();

beforeAll(async () => {
  api = await startFakeSlackApi();
  socket = await startFakeSocketMode(api);
  slack = await startSlack({
    config: { botToken: 'xoxb-socket', appToken: 'xapp-socket', port: 0, apiUrl: api.apiUrl },
    engine: await tinyEngine(),
    logger,
  });
  await socket.connected();
});
afterAll(async () => {
  await slack?.stop();
  await socket?.close();
  await api?.close();
});

describe('Slack wiring in Socket Mode (fake Socket Mode endpoint on loopback)', () => {
  it('opened the connection with the app token, through the configured API URL', () => {
    const open = api.callsTo('apps.connections.open');
    expect(open[0]?.token).toBe('xapp-socket');
    expect(slack.port).toBeUndefined();
  });

  it('acknowledges a mention and answers it in its thread', async () => {
    const event = mentionEvent('paper LIMA');
    const id = socket.send('events_api', eventEnvelope(event));
    await api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    expect(socket.acks).toContain(id);
    expect(postsInThread(api.calls, event.ts)[0]?.token).toBe('xoxb-socket');
  });

  it('answers a redelivery (retry_attempt) only once', async () => {
    const event = mentionEvent('random');
    const envelope = eventEnvelope(event, 'EvSOCKETRETRY');
    socket.send('events_api', envelope);
    await api.waitFor((calls) => postsInThread(calls, event.ts).length > 0);
    const retry = socket.send('events_api', envelope, { retryAttempt: 1 });
    await api.waitFor(() => socket.acks.includes(retry));
    // Barrier: a later mention's answer means the redelivery was handled and stayed quiet.
    const later = mentionEvent('help');
    socket.send('events_api', eventEnvelope(later));
    await api.waitFor((calls) => postsInThread(calls, later.ts).length > 0);
    expect(postsInThread(api.calls, event.ts)).toHaveLength(1);
    expect(
      logger.entries.some(
        (l) => l.message === 'repeat delivery ignored' && l.fields.retryNum === 1,
      ),
    ).toBe(true);
  });

  it('acknowledges /shammie and answers through its response URL', async () => {
    const id = socket.send('slash_commands', {
      command: '/shammie',
      text: 'search diffusion',
      channel_id: 'C0LAB',
      team_id: 'T0LAB',
      user_id: 'U0ALICE',
      response_url: api.responseUrl('socket-cmd'),
      trigger_id: 'trigger.socket',
    });
    await api.waitFor((calls) => calls.some((c) => c.responseId === 'socket-cmd'));
    expect(socket.acks).toContain(id);
    const answer = api.callsTo('response_url').find((c) => c.responseId === 'socket-cmd');
    expect(answer?.body.response_type).toBe('in_channel');
  });
});
