import { answer, type Engine, searchPage } from '../../src/index.ts';
import type { ButtonAction, PaperAction, ResultsPlace } from './button-store.ts';
import type { DiscordView } from './to-reply.ts';

/** Said when a button's state is gone (expired, evicted, or from before a restart). */
export const BUTTONS_EXPIRED =
  'These buttons have expired (they work for 15 minutes after the answer). Run the command again for fresh ones.';

/** What answering a button needs. */
export interface ButtonContext {
  engine: Engine;
  random: () => number;
  today: () => string;
}

/** The view a button leads to, and the search page its own buttons return to. */
export interface ButtonOutcome {
  view: DiscordView;
  back?: ResultsPlace;
}

const expired = (): ButtonOutcome => ({
  view: { kind: 'notice', tone: 'info', text: BUTTONS_EXPIRED },
});

function paperOutcome(
  kind: PaperAction,
  paperId: string,
  back: ResultsPlace | undefined,
  context: ButtonContext,
): ButtonOutcome {
  const answerContext = { today: context.today(), random: context.random };
  const command =
    kind === 'cite'
      ? ({ kind, ref: paperId, format: 'bibtex' } as const)
      : ({ kind, ref: paperId } as const);
  const view = answer(context.engine, command, answerContext);
  return back ? { view, back } : { view };
}

/**
 * Answers a button press (or a select-menu pick, whose chosen values come in `values`).
 * `action` is undefined when the store no longer holds the button's state.
 */
export function buttonOutcome(
  action: ButtonAction | undefined,
  values: readonly string[],
  context: ButtonContext,
): ButtonOutcome {
  if (!action) return expired();
  switch (action.kind) {
    case 'page':
      return { view: searchPage(context.engine, action.place.request, action.place.page) };
    case 'summary':
    case 'similar':
    case 'cite':
      return paperOutcome(action.kind, action.paperId, action.back, context);
    case 'pick': {
      const index = /^\d{1,3}$/.test(values[0] ?? '') ? Number(values[0]) : -1;
      const paperId = action.paperIds[index];
      if (paperId === undefined) return expired();
      return paperOutcome(action.action, paperId, action.back, context);
    }
    case 'random':
      return {
        view: answer(
          context.engine,
          action.topic ? { kind: 'random', topic: action.topic } : { kind: 'random' },
          { today: context.today(), random: context.random },
        ),
      };
  }
}
