import { FAKE_IDENTITY } from './fake-slack-api.ts';

/**
 * Payload factories shaped like Slack's deliveries, with overrides, for mapping and wiring tests.
 */

let counter = 0;
/** A fresh, unique message ts. */
export function nextTs(): string {
  counter += 1;
  return `1712345678.${String(counter).padStart(6, '0')}`;
}

export function mentionEvent(text: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'app_mention',
    user: 'U0ALICE',
    text: `<@${FAKE_IDENTITY.user_id}> ${text}`,
    ts: nextTs(),
    channel: 'C0LAB',
    event_ts: '1712345678.000000',
    ...overrides,
  };
}

export function directMessageEvent(text: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'message',
    channel_type: 'im',
    user: 'U0ALICE',
    text,
    ts: nextTs(),
    channel: 'D0ALICE',
    event_ts: '1712345678.000000',
    ...overrides,
  };
}

/** The Events API envelope around an event. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${nextTs()}`) {
  return {
    token: 'verification-token',
    team_id: FAKE_IDENTITY.team_id,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1712345678,
    authorizations: [
      {
        team_id: FAKE_IDENTITY.team_id,
        user_id: FAKE_IDENTITY.user_id,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    event,
  };
}

/** A `/shammie` delivery, form-encoded like Slack sends it. */
export function slashCommandForm(text: string, responseUrl: string, channel = 'C0LAB'): string {
  return new URLSearchParams({
    token: 'verification-token',
    team_id: FAKE_IDENTITY.team_id,
    team_domain: 'lab',
    channel_id: channel,
    channel_name: 'papers',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/shammie',
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: `trigger.${nextTs()}`,
  }).toString();
}

/** A button press on a message the bot posted, form-encoded as `payload=` like Slack sends it. */
export function blockActionForm(options: {
  actionId: string;
  value: string;
  responseUrl: string;
  channel?: string;
  messageTs?: string;
  threadTs?: string;
}): string {
  const channel = options.channel ?? 'C0LAB';
  const messageTs = options.messageTs ?? nextTs();
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ALICE', username: 'alice', team_id: FAKE_IDENTITY.team_id },
    api_app_id: 'A0APP',
    token: 'verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: `trigger.${nextTs()}`,
    team: { id: FAKE_IDENTITY.team_id, domain: 'lab' },
    channel: { id: channel, name: 'papers' },
    message: {
      type: 'message',
      ts: messageTs,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      bot_id: FAKE_IDENTITY.bot_id,
      text: 'results',
    },
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'paper_0',
        text: { type: 'plain_text', text: 'Summary' },
        value: options.value,
        action_ts: '1712345679.000000',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
