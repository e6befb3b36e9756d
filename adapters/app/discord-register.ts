import { DefaultRestOptions } from 'discord.js';
import { describeRegistration, registerCommands } from '../discord/register-commands.ts';
import type { DiscordConfig } from '../shared/config.ts';
import type { Logger } from '../shared/logger.ts';
import { unreachable } from '../shared/unreachable.ts';

/**
 * The register path of the app: `shammie discord register` loads Discord's code through this
 * file alone (the command line imports no platform), and only when that command runs.
 */

/** What a registration did, in one line, or why it failed, in words a user can act on. */
export type Registration = { ok: true; report: string } | { ok: false; reason: string };

/** Registers the slash commands (in the configured guild, else globally) when they changed. */
export async function registerSlashCommands(
  config: DiscordConfig,
  logger: Logger,
): Promise<Registration> {
  try {
    return { ok: true, report: describeRegistration(await registerCommands({ config, logger })) };
  } catch (error) {
    return { ok: false, reason: registrationFailure(error, config) };
  }
}

/**
 * Why a registration failed: no answer (the network, or DISCORD_API_URL) is not Discord
 * refusing the token, and Discord's own refusal names what to check.
 */
function registrationFailure(error: unknown, config: DiscordConfig): string {
  const offline = unreachable(error, config.apiUrl ?? DefaultRestOptions.api);
  if (offline) return offline;
  const { status, message } = error as { status?: unknown; message?: unknown };
  const said = typeof message === 'string' ? message : String(error);
  if (status === 401) return `Discord did not accept DISCORD_TOKEN (${said})`;
  if (typeof status === 'number') {
    return `Discord refused the registration (${status}: ${said}); check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID`;
  }
  return `the registration failed: ${said}`;
}
