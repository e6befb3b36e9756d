import {
  code,
  errorNotice,
  isShammieError,
  type LibraryCommand,
  richNotice,
} from '../../../src/index.ts';
import { MAX_REFS_PER_CHAT } from '../../library/add-papers.ts';
import type { LibraryAction } from '../../library/editors.ts';
import type { LibraryUser } from '../../library/library-service.ts';
import { parsePaperRef } from '../../sources/arxiv-ids.ts';
import type { SlackMessage } from '../blocks/block-kit.ts';
import {
  addMessage,
  fetchingMessage,
  librarySummaryMessage,
  NO_LIBRARY_TEXT,
  removeMessage,
} from '../blocks/library-messages.ts';
import { type Reply, type ReplyDeps, replyFromView } from '../reply-deps.ts';
import { apologyReply, letOthersAck, type SlackLibrary, type SlackRuntime } from '../runtime.ts';
import type { UsersClient } from '../slack-client.ts';

/** One `add`, `remove` or `library` request, wherever it was typed. */
export interface LibraryRequest {
  command: LibraryCommand;
  teamId: string | undefined;
  userId: string | undefined;
  /** Where it was typed: the channel recorded with an addition or removal. */
  channelId: string;
  /** Event id or trigger id, for the logs. */
  requestId: string | undefined;
  /** How commands are typed there (`@Shammie`, `/shammie`, '' in a DM), for the undo hint. */
  invocation: string;
}

/**
 * What a library request gets: a reply at once, or a fetch from arXiv, Crossref or OpenAlex,
 * which may take seconds (one arXiv request per 3 s, per process). A fetch is announced
 * (`fetching`) before `finish` runs it, so nobody waits on a silent thread.
 */
export type LibraryPlan =
  | { reply: Reply }
  | { fetching: SlackMessage; finish: () => Promise<Reply> };

/**
 * Plans the answer to a library command. The admin lookup (`users.info`) is made only when the
 * editors' rules make it matter. Never throws: a refusal is a notice for the asker alone, a bug
 * the logged apology.
 */
export async function planLibrary(
  runtime: SlackRuntime,
  client: UsersClient,
  request: LibraryRequest,
): Promise<LibraryPlan> {
  const { library } = runtime;
  if (!library) return { reply: noLibraryReply(runtime.deps) };
  // The work below is synchronous (the database, the summary): waiting acknowledgements go first.
  await letOthersAck();
  const { command } = request;
  switch (command.kind) {
    case 'library':
      return {
        reply: await guarded(runtime, request, async () =>
          publicReply(librarySummaryMessage(library.service.summary())),
        ),
      };
    case 'remove':
      return { reply: await removeReply(runtime, library, client, request, command.ref) };
    case 'add':
      return planAdd(runtime, library, client, request, command.refs);
  }
}

async function removeReply(
  runtime: SlackRuntime,
  library: SlackLibrary,
  client: UsersClient,
  request: LibraryRequest,
  ref: string,
): Promise<Reply> {
  if (ref === '') {
    const typed = `${request.invocation} remove 2305.11206`.trim();
    return noticeReply(runtime, 'error', [
      'Name the paper to remove: its arXiv id, DOI or id, as in ',
      code(typed),
      '.',
    ]);
  }
  return guarded(runtime, request, async () => {
    const user = await libraryUser(library, client, request, 'remove');
    const result = await library.service.remove(ref, user);
    const done = result.status === 'removed' || result.status === 'already-removed';
    return {
      message: removeMessage(result, request.invocation),
      visibility: done ? 'public' : 'private',
      // A reference that names no paper is the asker's to fix.
      ...(done ? {} : { askerOnly: true }),
    };
  });
}

async function planAdd(
  runtime: SlackRuntime,
  library: SlackLibrary,
  client: UsersClient,
  request: LibraryRequest,
  refs: readonly string[],
): Promise<LibraryPlan> {
  let user: LibraryUser;
  try {
    user = await libraryUser(library, client, request, 'add');
  } catch (error) {
    return { reply: failure(runtime, request, error) };
  }
  const add = () =>
    guarded(runtime, request, async () =>
      publicReply(addMessage(await library.service.add(refs, user))),
    );
  // Refused before any fetch (none, too many, not allowed; the service says which), or nothing
  // to fetch: answered at once.
  const fetches =
    refs.length > 0 &&
    refs.length <= MAX_REFS_PER_CHAT &&
    library.service.may('add', user) &&
    refs.some((ref) => parsePaperRef(ref) !== undefined);
  if (!fetches) return { reply: await add() };
  return { fetching: fetchingMessage(refs), finish: add };
}

/**
 * The asker as the library sees them. Whether they are an admin is asked of Slack only when
 * the rule for `action` does not already let them (the default lets everyone add).
 */
async function libraryUser(
  library: SlackLibrary,
  client: UsersClient,
  request: LibraryRequest,
  action: LibraryAction,
): Promise<LibraryUser> {
  const userId = request.userId ?? '';
  const base = { platform: 'slack' as const, channel: request.channelId, userId };
  if (userId === '' || library.service.may(action, { userId, isAdmin: false })) {
    return { ...base, isAdmin: false };
  }
  return { ...base, isAdmin: await library.admins.isAdmin(client, request.teamId, userId) };
}

/** Runs `work`; a refusal (NOT_ALLOWED, BAD_ARGUMENT) becomes its notice, a bug the apology. */
async function guarded(
  runtime: SlackRuntime,
  request: LibraryRequest,
  work: () => Promise<Reply>,
): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    return failure(runtime, request, error);
  }
}

function failure(runtime: SlackRuntime, request: LibraryRequest, error: unknown): Reply {
  if (isShammieError(error)) {
    return replyFromView(errorNotice(error), runtime.deps, request.invocation);
  }
  runtime.logger.error(
    { platform: 'slack', eventId: request.requestId, err: error },
    'failed to answer a Slack library command',
  );
  return apologyReply();
}

function publicReply(message: SlackMessage): Reply {
  return { message, visibility: 'public' };
}

/** What anyone typing a library command is told on a bot started without a library. */
export function noLibraryReply(deps: ReplyDeps): Reply {
  return { ...replyFromView(richNotice('info', [NO_LIBRARY_TEXT]), deps, ''), askerOnly: true };
}

/** A notice of ours; an error one is a mistake in what was typed, for the asker alone. */
function noticeReply(
  runtime: SlackRuntime,
  tone: 'info' | 'error',
  text: Parameters<typeof richNotice>[1],
): Reply {
  const view = richNotice(tone, text);
  return replyFromView(
    tone === 'error' ? { ...view, code: 'BAD_ARGUMENT' } : view,
    runtime.deps,
    '',
  );
}
