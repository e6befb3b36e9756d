import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Engine } from '../../../src/index.ts';
import type { LibraryService } from '../../library/library-service.ts';
import type { AskService } from '../../shared/ask-port.ts';
import type { DailyCommands } from '../../shared/daily-port.ts';
import type { WatchCommands } from '../../shared/watch-port.ts';
import type { AskThreads } from '../ask-threads.ts';
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
  /** Who used the command. */
  userId?: string;
  /** Has Manage Server there (a watch's admin, for the watch service). */
  manageServer?: boolean;
  /** The bot may open a thread on a message there (a text channel, with the permissions). */
  canOpenThreads?: boolean;
}

/** Who used a command, as the library's editors rules see them. */
export interface CommandUser {
  id: string;
  /** Has Manage Server where the command was used (never in a direct message). */
  isAdmin: boolean;
}

/** What running a command needs besides its input; injected so tests are deterministic. */
export interface CommandContext {
  engine: Engine;
  /** Who used the command (always given by the interaction; the library commands need it). */
  user?: CommandUser;
  random: () => number;
  /** Today's local date, YYYY-MM-DD, in the bot's time zone. */
  today: () => string;
  daily?: DailyCommands;
  /** The watch service's commands; /watch says watches are off without them. */
  watch?: WatchCommands;
  place: CommandPlace;
  /** Who answers /ask (a model, or the library alone when absent). */
  ask?: AskService;
  /** The threads opened on answers to /ask, with their questions. */
  askThreads?: AskThreads;
  /**
   * Shows a view in place of "thinking…" before the answer is ready (a model's answer as it
   * grows); only given when the answer was deferred. Paced by the caller.
   */
  progress?: (view: DiscordView) => void;
  /** Adds and removes papers; absent when the bot runs without a library. */
  library?: LibraryService;
}

/** A public answer that was sent, for what a command does next with it. */
export interface SentAnswer {
  /** Opens a public thread on the answer's message: its id, or undefined when that failed (logged). */
  openThread(name: string): Promise<string | undefined>;
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
  /** True when the answer may take seconds whatever the corpus (a model writes it): deferred at once. */
  slow?: (context: CommandContext) => boolean;
  parse(input: CommandInput): Request;
  /**
   * True when `execute` will only refuse (this user may not do this here): it then runs without
   * being deferred, so the refusal goes straight back privately, never after a public
   * "thinking…".
   */
  refuses?(request: Request, context: CommandContext): boolean;
  execute(request: Request, context: CommandContext): DiscordView | Promise<DiscordView>;
  /** Runs once a public answer is out (e.g. opens a thread on it). */
  afterReply?(
    request: Request,
    view: DiscordView,
    sent: SentAnswer,
    context: CommandContext,
  ): Promise<void>;
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
  /** True when it is deferred at once, whatever the corpus (see `SlashCommand.slow`). */
  slow(context: CommandContext): boolean;
  /** True when it only refuses this user here: never deferred (see `SlashCommand.refuses`). */
  refuses(context: CommandContext): boolean;
  run(context: CommandContext): DiscordView | Promise<DiscordView>;
  /** What to do once its public answer is out, if anything. */
  afterReply?(view: DiscordView, sent: SentAnswer, context: CommandContext): Promise<void>;
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
      const { scansCorpus, slow, refuses, afterReply } = command;
      return {
        scansCorpus: typeof scansCorpus === 'function' ? scansCorpus(request) : scansCorpus,
        slow: (context) => slow?.(context) ?? false,
        refuses: (context) => refuses?.(request, context) ?? false,
        run: (context) => command.execute(request, context),
        ...(afterReply
          ? { afterReply: (view, sent, context) => afterReply(request, view, sent, context) }
          : {}),
      };
    },
  };
}
