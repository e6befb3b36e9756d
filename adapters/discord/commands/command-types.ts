import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Engine } from '../../../src/index.ts';
import type { DailyCommands } from '../../shared/daily-port.ts';
import type { DiscordView } from '../to-reply.ts';

/** An option's value as Discord sends it (a channel option's value is the channel id). */
export type OptionValue = string | number | boolean;

/** A slash command as plain data: what the user typed, flattened from Discord's option tree. */
export interface CommandInput {
  name: string;
  /** The subcommand, for /daily. */
  subcommand?: string;
  options: Readonly<Record<string, OptionValue | undefined>>;
}

/** Where a command was used, and whether the user may change that channel's daily post. */
export interface CommandPlace {
  channelId?: string;
  guildId?: string;
  /** Has Manage Server or Manage Channels there. */
  canManage: boolean;
}

/** What running a command needs besides its input; injected so tests are deterministic. */
export interface CommandContext {
  engine: Engine;
  random: () => number;
  /** Today's local date, YYYY-MM-DD, in the bot's time zone. */
  today: () => string;
  daily?: DailyCommands;
  place: CommandPlace;
}

/** The JSON a command is registered with. */
export type CommandData = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * One slash command: its definition and its handler side by side. `parse` is pure (options to
 * the core call's request, throwing `ShammieError` on bad input); `execute` makes the call.
 */
export interface SlashCommand<Request> {
  data: { readonly name: string; toJSON(): CommandData };
  /** For /help: the options as the user types them, and one example. */
  usage: string;
  example: string;
  /** True when the work grows with the corpus: such work is deferred on a big corpus. */
  scansCorpus: boolean | ((request: Request) => boolean);
  parse(input: CommandInput): Request;
  execute(request: Request, context: CommandContext): DiscordView | Promise<DiscordView>;
}

/** A command with its request type hidden, so commands of every kind fit in one list. */
export interface AnyCommand {
  readonly name: string;
  readonly data: CommandData;
  readonly usage: string;
  readonly example: string;
  /** Parses, then returns the work to do: parse errors surface before anything is deferred. */
  prepare(input: CommandInput): PreparedCommand;
}

/** A parsed command, ready to run. */
export interface PreparedCommand {
  scansCorpus: boolean;
  run(context: CommandContext): DiscordView | Promise<DiscordView>;
}

/** Erases a command's request type behind `prepare`. */
export function defineCommand<Request>(command: SlashCommand<Request>): AnyCommand {
  const data = command.data.toJSON();
  return {
    name: data.name,
    data,
    usage: command.usage,
    example: command.example,
    prepare(input) {
      const request = command.parse(input);
      const { scansCorpus } = command;
      return {
        scansCorpus: typeof scansCorpus === 'function' ? scansCorpus(request) : scansCorpus,
        run: (context) => command.execute(request, context),
      };
    },
  };
}
