/**
 * Slack's Block Kit limits (see `shared/platform-limits.md`). Every message Shammie sends is fitted
 * to these by truncating with "…", never by failing.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** Characters of a section's text. */
  sectionText: 3000,
  /** Characters of a header's plain text. */
  headerText: 150,
  /** Characters of one context element's text. */
  contextText: 2000,
  /** Elements of one context block. */
  contextElements: 10,
  /** Characters of a button's label. */
  buttonText: 75,
  /** Characters of a button's value. */
  buttonValue: 2000,
  /** Elements of one actions block. */
  actionElements: 25,
  /** Characters of an `action_id` or `block_id`. */
  id: 255,
  /**
   * Budget for a whole message's blocks, measured as the length of their JSON. Slack refuses
   * messages over about 12,000 characters of blocks (`msg_blocks_too_long`); counting the JSON,
   * markup included, stays safely under whatever Slack counts.
   */
  blocksJson: 12_000,
  /** Characters of the plain `text` fallback sent with every message. */
  fallbackText: 3000,
} as const;

/** The mark that says "there was more here". */
export const ELLIPSIS = '…';
