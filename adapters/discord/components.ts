import type { APIButtonComponentWithCustomId, APIStringSelectComponent } from 'discord.js';
import type { PaperCard } from '../../src/index.ts';
import type { PaperAction, ResultsPlace } from './button-store.ts';
import { CUSTOM_ID_PREFIX } from './button-store.ts';
import { LIMITS } from './limits.ts';
import type { ButtonSink } from './pending-buttons.ts';
import { BUTTON_STYLE, COMPONENT, type MessageRow } from './reply-payload.ts';
import { plainLine } from './text.ts';

const ACTION_LABELS: Record<PaperAction, string> = {
  summary: 'Summary',
  similar: 'Similar',
  cite: 'Cite',
};
const ACTION_PLACEHOLDERS: Record<PaperAction, string> = {
  summary: 'Summary of…',
  similar: 'Papers similar to…',
  cite: 'Cite…',
};

function button(
  customId: string,
  label: string,
  style: 1 | 2 = BUTTON_STYLE.secondary,
  disabled = false,
): APIButtonComponentWithCustomId {
  return {
    type: COMPONENT.button,
    custom_id: customId,
    label: plainLine(label, LIMITS.buttonLabel),
    style,
    ...(disabled ? { disabled: true } : {}),
  };
}

function row(components: MessageRow['components']): MessageRow {
  return { type: COMPONENT.row, components };
}

/** Where a paper button's answer goes: `aside` shows it to the presser alone (see `ButtonAction`). */
export interface PaperButtonOptions {
  back?: ResultsPlace;
  aside?: boolean;
}

/** The fields of a button action for `options`, absent ones left out. */
function placement(options: PaperButtonOptions): { back?: ResultsPlace; aside?: true } {
  return {
    ...(options.back ? { back: options.back } : {}),
    ...(options.aside ? { aside: true as const } : {}),
  };
}

/** Buttons Summary / Similar / Cite of one paper ("Summary #2" when `number` is given). */
export function paperButtons(
  store: ButtonSink,
  paperId: string,
  actions: readonly PaperAction[],
  options: PaperButtonOptions & { number?: number } = {},
): APIButtonComponentWithCustomId[] {
  const suffix = options.number !== undefined ? ` #${options.number}` : '';
  return actions.map((kind) =>
    button(store.put({ kind, paperId, ...placement(options) }), `${ACTION_LABELS[kind]}${suffix}`),
  );
}

/** What a list of papers needs of each: its id, and its title and authors for a menu. */
export type ListedPaper = Pick<PaperCard, 'id' | 'title' | 'authorsShort'>;

/**
 * The actions of a list of papers (Summary / Similar / Cite unless `actions` says otherwise), in
 * at most `rowsLeft` rows: one row of buttons per paper when they fit, else one select menu per
 * action listing every paper (so no paper is ever left out).
 */
export function paperListRows(
  store: ButtonSink,
  cards: readonly ListedPaper[],
  rowsLeft: number,
  options: PaperButtonOptions & {
    firstNumber?: number;
    /** Each paper's number in the labels, when they are not consecutive (an answer's citations). */
    numbers?: readonly number[];
    actions?: readonly PaperAction[];
  } = {},
): MessageRow[] {
  if (cards.length === 0 || rowsLeft <= 0) return [];
  const first = options.firstNumber ?? 1;
  const numberOf = (i: number) => options.numbers?.[i] ?? first + i;
  const placed = placement(options);
  const actions = options.actions ?? ['summary', 'similar', 'cite'];
  if (cards.length <= rowsLeft) {
    return cards.map((card, i) =>
      row(paperButtons(store, card.id, actions, { number: numberOf(i), ...placed })),
    );
  }
  const listed = cards.slice(0, LIMITS.selectOptions);
  return actions.slice(0, rowsLeft).map((action) => {
    const select: APIStringSelectComponent = {
      type: COMPONENT.stringSelect,
      custom_id: store.put({ kind: 'pick', action, paperIds: listed.map((c) => c.id), ...placed }),
      placeholder: ACTION_PLACEHOLDERS[action],
      options: listed.map((card, i) => ({
        label: plainLine(`${numberOf(i)}. ${card.title}`, LIMITS.selectLabel) || `${numberOf(i)}.`,
        value: String(i),
        ...(card.authorsShort.trim() !== ''
          ? { description: plainLine(card.authorsShort, LIMITS.selectDescription) || '…' }
          : {}),
      })),
    };
    return row([select]);
  });
}

/** ◀ page x/y ▶ for a search with more than one page; the counter in the middle is inert. */
export function pagingRow(store: ButtonSink, place: ResultsPlace, pageCount: number): MessageRow {
  const { request, page } = place;
  const previous =
    page > 0
      ? button(store.put({ kind: 'page', place: { request, page: page - 1 } }), '◀', 1)
      : button(`${CUSTOM_ID_PREFIX}x-prev`, '◀', 1, true);
  const next =
    page < pageCount - 1
      ? button(store.put({ kind: 'page', place: { request, page: page + 1 } }), '▶', 1)
      : button(`${CUSTOM_ID_PREFIX}x-next`, '▶', 1, true);
  const counter = button(`${CUSTOM_ID_PREFIX}x-count`, `${page + 1} / ${pageCount}`, 2, true);
  return row([previous, counter, next]);
}

/** A row with "◀ Results" (back to the search page) and any extra buttons. */
export function toolRow(
  store: ButtonSink,
  options: { back?: ResultsPlace; extra?: APIButtonComponentWithCustomId[] },
): MessageRow[] {
  const buttons = [...(options.extra ?? [])];
  if (options.back) {
    buttons.unshift(button(store.put({ kind: 'page', place: options.back }), '◀ Results'));
  }
  return buttons.length > 0 ? [row(buttons.slice(0, LIMITS.buttonsPerRow))] : [];
}

/** "🎲 Another" for a random pick. */
export function anotherButton(store: ButtonSink, topic?: string): APIButtonComponentWithCustomId {
  return button(
    store.put({ kind: 'random', ...(topic ? { topic } : {}) }),
    '🎲 Another',
    BUTTON_STYLE.primary,
  );
}
