import type { ButtonStore, ResultsPlace } from '../../../adapters/discord/button-store.ts';
import { storeButtons } from '../../../adapters/discord/pending-buttons.ts';
import type { ReplyPayload } from '../../../adapters/discord/reply-payload.ts';
import { type DiscordView, toReply } from '../../../adapters/discord/to-reply.ts';

/** A view as the handler sends it: rendered (purely), then its buttons stored in `store`. */
export function storedReply(
  view: DiscordView,
  context: { store: ButtonStore; back?: ResultsPlace | undefined },
): ReplyPayload {
  return storeButtons(context.store, toReply(view, context.back ? { back: context.back } : {}));
}
