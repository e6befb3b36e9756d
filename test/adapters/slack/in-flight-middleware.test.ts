import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../adapters/slack/blocks/action-ids.ts';
import { blockActionForm, eventEnvelope, mentionEvent, slashCommandForm } from './payloads.ts';
import { type SlackHarness, startHarness } from './slack-harness.ts';

/** How late the fake Slack answers the reply under test. */
const SLOW_REPLY_MS = 300;

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** True once `promise` has settled, checked after pending I/O has had its turn. */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

type Delivery = (h: SlackHarness) => Promise<{ status: number }>;

const DELIVERIES: Array<[string, string, Delivery]> = [
  [
    'a mention (an event)',
    'chat.postMessage',
    (h) => h.postJson(eventEnvelope(mentionEvent('search attention'))),
  ],
  [
    'a slash command',
    'response_url',
    (h) => h.postForm(slashCommandForm('search attention', h.api.responseUrl('cmd'))),
  ],
  [
    'a button action',
    'response_url',
    (h) =>
      h.postForm(
        blockActionForm({
          actionId: ACTION_IDS.more,
          value: 'expired-page',
          responseUrl: h.api.responseUrl('act'),
        }),
      ),
  ],
];

describe('the in-flight middleware (Bolt global middleware)', () => {
  it.each(DELIVERIES)(
    'counts %s until its reply is answered, so a stop can wait for it',
    async (_what, method, deliver) => {
      harness = await startHarness();
      const h = harness;
      h.api.failWith(method, { fault: 'delay', delayMs: SLOW_REPLY_MS }, { times: 1 });
      expect(h.slack.busy()).toBe(0);
      const response = await deliver(h);
      expect(response.status).toBe(200);
      await h.api.waitFor((calls) => calls.some((c) => c.method === method));
      // The reply is on its way and not yet answered: counted, and idle() waits for it.
      expect(h.slack.busy()).toBe(1);
      const idle = h.slack.idle();
      expect(await settledSoon(idle)).toBe(false);
      // Closing the receiver does not end the reply: it is still waited for.
      await h.slack.stop();
      await idle;
      expect(h.slack.busy()).toBe(0);
      expect(h.api.calls.filter((c) => c.method === method)).toHaveLength(1);
    },
  );

  it('is idle at once when nothing is in flight', async () => {
    harness = await startHarness();
    expect(await settledSoon(harness.slack.idle())).toBe(true);
  });
});
