import { isLibraryCommand, type LibraryCommand, parseChat } from '../../src/index.ts';
import type { Origin, Reply } from './reply-deps.ts';
import { replyToCommand } from './reply-to-text.ts';
import { readRequestText } from './request-text.ts';
import {
  type Asker,
  letOthersAck,
  rateLimited,
  replyOrApology,
  type SlackRuntime,
} from './runtime.ts';
import type { UsersClient } from './slack-client.ts';

/** One text request (a mention, a DM or `/shammie`) as the listeners hand it over. */
export interface TextRequest {
  /** The text as Slack delivered it (entity-encoded, with its markup). */
  raw: string;
  asker: Asker;
  /** Event id or trigger id, for the logs. */
  requestId: string | undefined;
  botUserId?: string | undefined;
  origin: Origin;
  /** Looks the asker up when a command needs to know whether they are a workspace admin. */
  client?: UsersClient | undefined;
}

/**
 * What a text request gets: a reply, a question for `ask/` to answer where it was asked, or a
 * library command for `library/` (it may fetch papers for seconds).
 */
export type TextAnswer = { reply: Reply } | { question: string } | { library: LibraryCommand };

/**
 * The reply to a text request, cheapest check first: the asker's rate limit, then the size of
 * the text, and only then decoding, parsing and the core. A question (`ask …`, or text ending
 * with "?") is handed back to be answered where it was asked, in its thread, maybe streamed;
 * so is a library command (`add`, `remove`, `library`).
 * Never throws: a bug in the core is logged with the request id and answered with the apology.
 */
export async function answerText(runtime: SlackRuntime, request: TextRequest): Promise<TextAnswer> {
  const limited = rateLimited(runtime, request.asker, request.requestId);
  if (limited) return { reply: limited };
  const read = readRequestText(
    request.raw,
    request.botUserId ? { botUserId: request.botUserId } : {},
  );
  if ('refused' in read) {
    runtime.logger.info(
      { eventId: request.requestId, length: request.raw.length },
      'oversized Slack message refused',
    );
    return { reply: read.refused };
  }
  const command = parseChat(read.text);
  if (command.kind === 'ask') return { question: command.question };
  if (isLibraryCommand(command)) return { library: command };
  // The core's work is synchronous: let the acknowledgements of deliveries already waiting go
  // out first, so a burst is acknowledged within Slack's 3 s rather than after all the answers.
  await letOthersAck();
  // `watch add` asks Slack whether the person is a workspace admin (one users.info).
  const asker = { userId: request.asker.userId, client: request.client, admins: runtime.admins };
  return {
    reply: await replyOrApology(runtime, request.requestId, () =>
      replyToCommand(command, runtime.deps, request.origin, asker),
    ),
  };
}
