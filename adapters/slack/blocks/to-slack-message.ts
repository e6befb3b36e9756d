import type { ReplyView } from '../../../src/index.ts';
import type { SlackMessage } from './block-kit.ts';
import { fitMessage } from './fit-message.ts';
import { helpDraft, noticeDraft } from './help-message.ts';
import { type Draft, digestDraft, resultsDraft, similarDraft } from './list-messages.ts';
import {
  citationDraft,
  dailyDraft,
  paperDraft,
  randomDraft,
  summaryDraft,
} from './single-paper-messages.ts';

export interface ToSlackOptions {
  /** Paging key of the next page of a results view; More results is shown only with one. */
  moreValue?: string;
  /** How commands are typed where this answer goes, for help's examples (default `@Shammie`). */
  invocation?: string;
}

/** The default way of addressing the bot in help examples. */
export const DEFAULT_INVOCATION = '@Shammie';

/**
 * A reply view as a Slack message: Block Kit plus a plain fallback, every text escaped, fitted
 * to Slack's limits. Pure: the same view always gives the same message.
 */
export function toSlackMessage(view: ReplyView, options: ToSlackOptions = {}): SlackMessage {
  const draft = toDraft(view, options);
  return fitMessage(draft.text, draft.blocks);
}

function toDraft(view: ReplyView, options: ToSlackOptions): Draft {
  switch (view.kind) {
    case 'results':
      return resultsDraft(view, options.moreValue);
    case 'paper':
      return paperDraft(view);
    case 'summary':
      return summaryDraft(view);
    case 'digest':
      return digestDraft(view);
    case 'similar':
      return similarDraft(view);
    case 'citation':
      return citationDraft(view);
    case 'random':
      return randomDraft(view);
    case 'daily':
      return dailyDraft(view);
    case 'help':
      return helpDraft(view, options.invocation ?? DEFAULT_INVOCATION);
    case 'notice':
      return noticeDraft(view);
  }
}
