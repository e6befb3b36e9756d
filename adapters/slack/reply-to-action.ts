import {
  answer,
  type EngineCommand,
  errorNotice,
  isShammieError,
  type ReplyView,
  searchPage,
} from '../../src/index.ts';
import { localDate } from '../shared/local-date.ts';
import { ACTION_IDS } from './blocks/action-ids.ts';
import { type Reply, type ReplyDeps, replyFromView } from './reply-deps.ts';

/** What a pressed button says when its results were forgotten (expiry, or a restart). */
export const EXPIRED_PAGE =
  'Those results have expired. Search again to get a fresh list with working buttons.';

/** A button's reply; More results replaces the message it was pressed on, the others add one. */
export interface ActionReply extends Reply {
  replaceOriginal: boolean;
}

/**
 * Answers one button press: Summary, Similar and Cite carry the paper's id; More results
 * carries the key of the next page in the paging store.
 */
export function replyToAction(actionId: string, value: string, deps: ReplyDeps): ActionReply {
  const invocation = '';
  if (actionId === ACTION_IDS.more) {
    const ref = deps.paging.get(value);
    if (!ref) {
      const view: ReplyView = { kind: 'notice', tone: 'error', text: EXPIRED_PAGE };
      return { ...replyFromView(view, deps, invocation), replaceOriginal: false };
    }
    const view = userErrorsAsNotice(() => searchPage(deps.engine, ref.request, ref.page));
    return { ...replyFromView(view, deps, invocation), replaceOriginal: view.kind === 'results' };
  }
  const command = paperCommand(actionId, value);
  const view: ReplyView = command
    ? answer(deps.engine, command, {
        today: localDate(deps.now(), deps.timezone),
        random: deps.random,
      })
    : { kind: 'notice', tone: 'error', text: 'That button is not one I know any more.' };
  return { ...replyFromView(view, deps, invocation), replaceOriginal: false };
}

function paperCommand(actionId: string, paperId: string): EngineCommand | undefined {
  switch (actionId) {
    case ACTION_IDS.summary:
      return { kind: 'summary', ref: paperId };
    case ACTION_IDS.similar:
      return { kind: 'similar', ref: paperId };
    case ACTION_IDS.cite:
      return { kind: 'cite', ref: paperId, format: 'bibtex' };
    default:
      return undefined;
  }
}

function userErrorsAsNotice(run: () => ReplyView): ReplyView {
  try {
    return run();
  } catch (error) {
    if (isShammieError(error)) return errorNotice(error);
    throw error;
  }
}
