import { describe, expect, it } from 'vitest';
import { createDiscordClient, USER_CACHE_SIZE } from '../../../adapters/discord/start-discord.ts';

describe('the discord.js client Shammie runs', () => {
  it('keeps at most USER_CACHE_SIZE users, also before it has logged in', async () => {
    const client = createDiscordClient({ token: 'x', applicationId: '100000000000000001' });
    try {
      // What discord.js does with the user of every interaction it receives.
      const users = client.users as unknown as { _add(data: unknown): unknown };
      for (let i = 0; i < USER_CACHE_SIZE + 500; i++) {
        users._add({
          id: String(500000000000000000n + BigInt(i)),
          username: `u${i}`,
          discriminator: '0',
        });
      }
      expect(client.users.cache.size).toBeLessThanOrEqual(USER_CACHE_SIZE);
    } finally {
      await client.destroy();
    }
  });
});
