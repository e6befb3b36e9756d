import type { Logger } from '../shared/logger.ts';
import type { Claim, DeliveryContext, DeliveryOutcome, DeliveryTarget } from './deliver.ts';
import { errorMessage } from './error-message.ts';

/**
 * Records a sent post's message id. From here on the date is never sent again: a failure to
 * record leaves the claim, which is never re-sent (at most once); the record itself is written
 * later when it can be.
 */
export function recordSent(
  context: DeliveryContext<unknown>,
  log: Logger,
  subscription: DeliveryTarget,
  claim: Claim,
  messageId: string,
  pick: { paperId: string },
): DeliveryOutcome {
  const { store, owner } = context;
  const { platform, channelId } = subscription;
  const postedAt = context.now();
  try {
    if (!store.recordPosted(claim.id, owner, messageId, postedAt)) {
      log.error({ messageId }, 'daily post sent but its claim was no longer ours');
      return 'unrecorded';
    }
  } catch (error) {
    log.error({ err: errorMessage(error), messageId }, 'daily post sent but not recorded');
    context.defer?.({
      what: 'sent post',
      write: () => {
        store.recordPosted(claim.id, owner, messageId, postedAt);
        store.noteSuccess(platform, channelId);
      },
    });
    return 'unrecorded';
  }
  try {
    store.noteSuccess(platform, channelId);
  } catch {
    // Only resets the failure count; the next success resets it.
  }
  log.info({ messageId, paper: pick.paperId }, 'daily paper posted');
  return 'posted';
}
