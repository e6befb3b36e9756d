import { type Config, loadConfig } from '../../shared/config.ts';
import type { CliCommand } from '../cli-context.ts';
import { createCliLogger } from '../cli-logger.ts';
import { EXIT_BAD_INPUT, ExitError } from '../exit-status.ts';

/** `shammie discord register`: writes the slash commands to Discord when they changed. */
export const discordRegisterCommand: CliCommand = (program, cli) => {
  program
    .command('discord')
    .description('Discord administration')
    .command('register')
    .description('register the slash commands (in DISCORD_GUILD_ID, else globally) if they changed')
    .action(async () => {
      let config: Config;
      try {
        config = loadConfig(cli.io.env);
      } catch (error) {
        throw new ExitError(error instanceof Error ? error.message : String(error), EXIT_BAD_INPUT);
      }
      if (!config.discord) {
        throw new ExitError('set DISCORD_TOKEN and DISCORD_APPLICATION_ID first', EXIT_BAD_INPUT);
      }
      // Discord's code is loaded only here, and only through the app's register path.
      const { registerSlashCommands } = await import('../../app/discord-register.ts');
      const registration = await registerSlashCommands(
        config.discord,
        createCliLogger(cli.io.stderr),
      );
      if (!registration.ok) throw new ExitError(registration.reason, EXIT_BAD_INPUT);
      cli.out(registration.report);
    });
};
