import { afterEach, describe, expect, it } from 'vitest';
import { type Bot, boot } from '../../../adapters/app/boot.ts';
import { loadConfig } from '../../../adapters/shared/config.ts';
import { silentLogger } from '../../../adapters/shared/logger.ts';
import { type FakeDiscord, startFakeDiscord } from '../discord/fake-discord.ts';
import { attachFakeGateway } from '../discord/fake-gateway.ts';
import { rawCommand } from '../discord/raw-interactions.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { writeCorpus } from './bot-fixture.ts';

const APPLICATION_ID = '200000000000000001';
/** How long the fake Discord holds its answer to the reply: a stop that did not wait is done by then. */
const SLOW_REPLY_MS = 400;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('stopping the bot while a Discord reply is in flight', () => {
  it('waits for the reply to be answered before leaving Discord and closing the database', async () => {
    const discord: FakeDiscord = await startFakeDiscord();
    cleanups.push(() => discord.close());
    const gateway = attachFakeGateway(discord.server, { id: APPLICATION_ID, username: 'Shammie' });
    let registered: unknown[] = [];
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    discord.respond((call) => {
      if (/^\/interactions\/.+\/callback$/.test(call.path)) {
        return { fault: 'hold', until: answered };
      }
      if (!call.path.endsWith('/commands')) return undefined;
      if (call.method === 'PUT') registered = call.body as unknown[];
      return { status: 200, body: registered };
    });
    const dir = tempDir('shammie-discord-stop-');
    cleanups.push(dir.remove);
    const bot: Bot = await boot(
      loadConfig({
        DISCORD_TOKEN: 'discord-stop-token',
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_API_URL: discord.apiUrl,
        SHAMMIE_CORPUS: writeCorpus(dir.path),
        SHAMMIE_DATA_DIR: `${dir.path}/data`,
      }),
      { logger: silentLogger(), autoTick: false, watch: false },
    );
    cleanups.push(() => bot.stop());
    await gateway.ready;

    const command = rawCommand('search', [{ name: 'query', type: 3, value: 'attention' }]);
    gateway.dispatch('INTERACTION_CREATE', command);
    await discord.next((c) => c.path === `/interactions/${command.id}/${command.token}/callback`);
    const order: string[] = [];
    const stopping = bot.stop().then(() => order.push('stopped'));
    // Time for a stop that did not wait to finish; a slow machine can only hide that, not fail.
    await new Promise((resolve) => setTimeout(resolve, SLOW_REPLY_MS));
    expect(bot.store.db.open).toBe(true);
    order.push('answered');
    answer();
    await stopping;
    expect(order).toEqual(['answered', 'stopped']);
    expect(bot.store.db.open).toBe(false);
  });
});
