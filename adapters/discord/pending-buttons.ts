import type { ButtonAction, ButtonStore } from './button-store.ts';
import type { ReplyPayload } from './reply-payload.ts';

/** Where a renderer files the action of each button it draws; returns the button's custom_id. */
export interface ButtonSink {
  put(action: ButtonAction): string;
}

/** A button drawn by a renderer whose action is not stored yet. */
export interface PendingButton {
  /** The placeholder custom_id the payload carries until `storeButtons` replaces it. */
  placeholder: string;
  action: ButtonAction;
}

/** A reply as a renderer returns it: the payload and the buttons the caller must store. */
export interface RenderedReply {
  payload: ReplyPayload;
  buttons: PendingButton[];
}

/** The prefix of a placeholder id; a real id never has it (see `CUSTOM_ID_PREFIX`). */
const PLACEHOLDER_PREFIX = 'pending:';

/**
 * A sink that stores nothing: it hands out placeholder ids and keeps the actions, so a renderer
 * stays a pure function of its view. One per rendering.
 */
export function collectButtons(): ButtonSink & { readonly buttons: PendingButton[] } {
  const buttons: PendingButton[] = [];
  return {
    buttons,
    put(action) {
      const placeholder = `${PLACEHOLDER_PREFIX}${buttons.length}`;
      buttons.push({ placeholder, action });
      return placeholder;
    },
  };
}

/**
 * Stores a rendered reply's button actions and returns its payload with their real custom_ids:
 * what the caller does just before sending.
 */
export function storeButtons(
  store: Pick<ButtonStore, 'put'>,
  rendered: RenderedReply,
): ReplyPayload {
  if (rendered.buttons.length === 0) return rendered.payload;
  const ids = new Map(rendered.buttons.map((b) => [b.placeholder, store.put(b.action)]));
  return {
    ...rendered.payload,
    components: rendered.payload.components.map((row) => ({
      ...row,
      components: row.components.map((component) => {
        const id = 'custom_id' in component ? ids.get(component.custom_id) : undefined;
        return id === undefined ? component : { ...component, custom_id: id };
      }),
    })),
  };
}
