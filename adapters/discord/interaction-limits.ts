import {
  AUTOCOMPLETE_BURST,
  AUTOCOMPLETE_REFILL_PER_SECOND,
  createRateLimiter,
  DEFAULT_BURST,
  DEFAULT_REFILL_PER_SECOND,
  type RateLimiter,
} from '../shared/rate-limit.ts';

/**
 * Discord's two per-user buckets: one shared by slash commands, buttons and select menus (the
 * things that run the core and post a reply), and a roomier one for autocomplete, which fires
 * on every keystroke and, over its limit, quietly offers no choices for a moment.
 */
export interface InteractionLimits {
  commands: RateLimiter;
  autocomplete: RateLimiter;
}

/** The default buckets (`shared/rate-limit.ts` names the numbers) on the given clock. */
export function createInteractionLimits(options: { now: () => number }): InteractionLimits {
  return {
    commands: createRateLimiter({
      capacity: DEFAULT_BURST,
      refillPerSecond: DEFAULT_REFILL_PER_SECOND,
      now: options.now,
    }),
    autocomplete: createRateLimiter({
      capacity: AUTOCOMPLETE_BURST,
      refillPerSecond: AUTOCOMPLETE_REFILL_PER_SECOND,
      now: options.now,
    }),
  };
}
