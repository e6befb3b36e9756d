import { MAX_QUERY_LENGTH } from '../../src/index.ts';
import { toSlackMessage } from './blocks/to-slack-message.ts';
import { type DecodeOptions, decodeSlackText } from './decode-slack-text.ts';
import type { Reply } from './reply-deps.ts';

/**
 * Longest raw message text Shammie reads. Slack allows 40,000 characters; a command is a word
 * and a query of at most `MAX_QUERY_LENGTH` (500) characters, which Slack's markup and entity
 * encoding (`&amp;` for `&`, `<https://…|label>` for a link) can stretch several times over.
 * Anything longer is refused before it is decoded or parsed.
 */
export const MAX_RAW_TEXT_LENGTH = 4_000;

/** The friendly refusal of an oversized message (for the asker alone). */
export function tooLongReply(length: number): Reply {
  return {
    message: toSlackMessage({
      kind: 'notice',
      tone: 'error',
      code: 'QUERY_TOO_LONG',
      text: `That message is ${length.toLocaleString('en')} characters long; I read queries of up to ${MAX_QUERY_LENGTH} characters. A few distinctive words work best.`,
    }),
    visibility: 'private',
    askerOnly: true,
  };
}

/**
 * A request's text, decoded — or, when the raw text is over `MAX_RAW_TEXT_LENGTH`, the reply
 * refusing it, without having looked further than its length.
 */
export function readRequestText(
  raw: string,
  options: DecodeOptions = {},
): { text: string } | { refused: Reply } {
  if (raw.length > MAX_RAW_TEXT_LENGTH) return { refused: tooLongReply(raw.length) };
  return { text: decodeSlackText(raw, options) };
}
