import { beforeAll, describe, expect, it } from 'vitest';
import { BUTTONS_EXPIRED, buttonOutcome } from '../../../adapters/discord/button-actions.ts';
import { createButtonStore } from '../../../adapters/discord/button-store.ts';
import { type Engine, searchPage } from '../../../src/index.ts';
import { storedReply } from './stored-reply.ts';
import { tinyEngine } from './tiny-corpus.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await tinyEngine();
});

const context = () => ({ engine, random: () => 0.25, today: () => '2026-05-01' });
const request = { query: 'long context', limit: 4 };

/** Presses the button whose label is `label` on a reply, as Discord would send it back. */
function press(
  reply: ReturnType<typeof storedReply>,
  label: string,
  store: ReturnType<typeof createButtonStore>,
) {
  const button = reply.components
    .flatMap((row) => row.components)
    .find((c) => 'label' in c && c.label === label);
  if (!button || !('custom_id' in button)) throw new Error(`no button ${label}`);
  return buttonOutcome(store.get(button.custom_id), [], context());
}

describe('buttons', () => {
  it('▶ shows the next page of the same search', () => {
    const store = createButtonStore();
    const first = storedReply(searchPage(engine, request, 0), { store });
    const { view } = press(first, '▶', store);
    expect(view).toMatchObject({ kind: 'results', page: 1, pageCount: 2, total: 5 });
    if (view.kind === 'results') expect(view.cards).toHaveLength(1);
  });

  it('Summary #2 summarises the second paper and keeps the way back to the page', () => {
    const store = createButtonStore();
    const page = searchPage(engine, request, 0);
    const { view, back } = press(storedReply(page, { store }), 'Summary #2', store);
    expect(view).toMatchObject({ kind: 'summary', card: { id: page.cards[1]?.id } });
    expect(back).toEqual({ request, page: 0 });
    const summary = storedReply(view, { store, ...(back ? { back } : {}) });
    const { view: again } = press(summary, '◀ Results', store);
    expect(again).toMatchObject({ kind: 'results', page: 0 });
  });

  it('Similar and Cite answer for their own paper', () => {
    const store = createButtonStore();
    const page = searchPage(engine, request, 0);
    const reply = storedReply(page, { store });
    expect(press(reply, 'Similar #1', store).view).toMatchObject({
      kind: 'similar',
      of: { id: page.cards[0]?.id },
    });
    expect(press(reply, 'Cite #3', store).view).toMatchObject({
      kind: 'citation',
      format: 'bibtex',
      card: { id: page.cards[2]?.id },
    });
  });

  it('a pick in a select menu acts on the chosen paper', () => {
    const store = createButtonStore();
    const page = searchPage(
      engine,
      { query: 'transformers diffusion alignment context', limit: 10 },
      0,
    );
    // More papers than rows: the actions become select menus (Summary, Similar, Cite).
    expect(page.cards.length).toBeGreaterThan(5);
    const reply = storedReply(page, { store });
    const select = reply.components[1]?.components[0];
    if (!select || !('custom_id' in select)) throw new Error('no select');
    const { view } = buttonOutcome(store.get(select.custom_id), ['4'], context());
    expect(view).toMatchObject({ kind: 'similar', of: { id: page.cards[4]?.id } });
    expect(buttonOutcome(store.get(select.custom_id), ['99'], context()).view).toMatchObject({
      text: BUTTONS_EXPIRED,
    });
  });

  it('🎲 Another picks again on the same topic', () => {
    const store = createButtonStore();
    const random = storedReply(
      {
        kind: 'random',
        topic: 'diffusion',
        card: searchPage(engine, request, 0).cards[0]!,
        tldr: 't',
      },
      { store },
    );
    expect(press(random, '🎲 Another', store).view).toMatchObject({
      kind: 'random',
      topic: 'diffusion',
    });
  });

  it('an expired button says so instead of failing', () => {
    expect(buttonOutcome(undefined, [], context()).view).toEqual({
      kind: 'notice',
      tone: 'info',
      text: BUTTONS_EXPIRED,
    });
  });
});
