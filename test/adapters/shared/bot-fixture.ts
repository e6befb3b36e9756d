import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDiscordPoster } from '../../../adapters/discord/daily-poster.ts';
import {
  createDiscordClient,
  type StartDiscordOptions,
} from '../../../adapters/discord/start-discord.ts';
import type { PlatformHandle } from '../../../adapters/shared/boot.ts';
import { PAPERS } from '../scheduler/helpers.ts';

/** Writes the scheduler tests' tiny corpus as JSON Lines; returns its path. */
export function writeCorpus(dir: string): string {
  const path = join(dir, 'papers.jsonl');
  writeFileSync(path, `${PAPERS.map((paper) => JSON.stringify(paper)).join('\n')}\n`);
  return path;
}

/**
 * Discord as boot starts it, minus the gateway: the real client (REST to `DISCORD_API_URL`,
 * the fake) and the real daily poster. The fake Discord speaks HTTP only, so instead of
 * `client.login` (a WebSocket), the token is handed to the REST client directly.
 */
export async function discordWithoutGateway(options: StartDiscordOptions): Promise<PlatformHandle> {
  const client = createDiscordClient(options.config);
  client.rest.setToken(options.config.token);
  return {
    poster: createDiscordPoster(client, { logger: options.logger }),
    stop: async () => {
      await client.destroy();
    },
  };
}
