import { App, HTTPModuleFunctions, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';

/**
 * The public SDK seams Shammie's adapters stand on. An SDK upgrade that removed or renamed one
 * would break shutdown or request handling silently; this fails instead. Each seam is also
 * exercised for real by the adapter's wiring tests (in-flight-middleware, stop-discord,
 * request-guard, socket-mode).
 */
describe('the public SDK seams the adapters use', () => {
  it('Bolt: global middleware (`app.use`) counts work in flight', () => {
    expect(typeof App.prototype.use).toBe('function');
  });

  it('Bolt: the HTTP receiver offers its request listener, and reads a body given as rawBody', () => {
    const receiver = new HTTPReceiver({ signingSecret: 'seam-test' });
    expect(typeof receiver.requestListener).toBe('function');
    expect(typeof receiver.init).toBe('function');
    expect(typeof HTTPModuleFunctions.defaultDispatchErrorHandler).toBe('function');
    const buffered = Object.assign(Object.create(null), { rawBody: Buffer.from('x') });
    expect(HTTPModuleFunctions.isBufferedIncomingMessage(buffered)).toBe(true);
  });

  it('Bolt: the Socket Mode receiver exposes its client, with its events and start', () => {
    const receiver = new SocketModeReceiver({
      appToken: 'xapp-seam-test',
      autoReconnectEnabled: false,
    });
    expect(typeof receiver.client.start).toBe('function');
    expect(typeof receiver.client.on).toBe('function');
  });

  it('Slack Web API: failures carry ErrorCode codes, and a waited-out 429 is announced by an event', () => {
    expect(webApi.ErrorCode).toMatchObject({
      PlatformError: 'slack_webapi_platform_error',
      RequestError: 'slack_webapi_request_error',
      HTTPError: 'slack_webapi_http_error',
      RateLimitedError: 'slack_webapi_rate_limited_error',
    });
    expect(webApi.WebClientEvent.RATE_LIMITED).toBe('rate_limited');
    expect(typeof new webApi.WebClient('xoxb-seam-test').on).toBe('function');
  });

  it('discord.js: destroy() ends the client, and listeners can be attached to interactions', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds] });
    expect(typeof client.destroy).toBe('function');
    expect(Events.InteractionCreate).toBe('interactionCreate');
    expect(Events.Raw).toBe('raw');
    await client.destroy();
    expect(client.token).toBeNull();
  });
});
