import { REST, Routes } from 'discord.js';
import type { DiscordConfig } from '../shared/config.ts';
import type { Logger } from '../shared/logger.ts';
import { type CommandChanges, type CommandShape, diffCommands } from './command-diff.ts';
import { commandDefinitions } from './commands/index.ts';
import { REQUEST_TIMEOUT_MS } from './rest-options.ts';

/** What a registration did. */
export interface RegisterResult extends CommandChanges {
  /** True when the commands were written (something differed). */
  changed: boolean;
  /** Where: "guild 123…" or "global". */
  scope: string;
}

/** A REST client for the configured API base (a proxy, or a local fake in tests). */
export function createRest(config: DiscordConfig): REST {
  return new REST({
    timeout: REQUEST_TIMEOUT_MS,
    ...(config.apiUrl ? { api: config.apiUrl } : {}),
  }).setToken(config.token);
}

/**
 * Keeps Discord's registered slash commands equal to Shammie's definitions: reads what is
 * registered (in DISCORD_GUILD_ID's guild when set, else globally) and writes all of them in one
 * bulk overwrite only when they differ. Safe to run at every start.
 */
export async function registerCommands(options: {
  config: DiscordConfig;
  logger: Logger;
  rest?: REST;
}): Promise<RegisterResult> {
  const { config, logger } = options;
  const rest = options.rest ?? createRest(config);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const scope = config.guildId ? `guild ${config.guildId}` : 'global';
  const wanted = commandDefinitions();
  const registered = (await rest.get(route)) as CommandShape[];
  const changes = diffCommands(registered, wanted);
  const changed = changes.added.length + changes.removed.length + changes.updated.length > 0;
  if (changed) {
    await rest.put(route, { body: wanted });
    logger.info({ scope, ...changes }, 'slash commands registered');
  } else {
    logger.info({ scope, commands: wanted.length }, 'slash commands already up to date');
  }
  return { changed, scope, ...changes };
}

/** A one-line report of a registration, for `shammie discord register`. */
export function describeRegistration(result: RegisterResult): string {
  if (!result.changed) return `Slash commands (${result.scope}) are already up to date.`;
  const parts = [
    result.added.length > 0 ? `added ${result.added.join(', ')}` : '',
    result.updated.length > 0 ? `updated ${result.updated.join(', ')}` : '',
    result.removed.length > 0 ? `removed ${result.removed.join(', ')}` : '',
  ].filter(Boolean);
  return `Slash commands (${result.scope}): ${parts.join('; ')}.`;
}
