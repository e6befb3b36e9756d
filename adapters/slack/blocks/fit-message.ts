import { ELLIPSIS, SLACK_LIMITS } from '../limits.ts';
import { truncateMrkdwn } from '../mrkdwn.ts';
import { context, type Mrkdwn, type SlackBlock, type SlackMessage } from './block-kit.ts';

/** Shortest a text is cut to before whole blocks start being dropped instead. */
const SHRINK_FLOOR = 200;

/**
 * Fits a message to Slack's message-wide limits: at most 50 blocks, and blocks whose JSON stays
 * within the size Slack accepts. Long texts are cut first (longest first, with "…"); only then
 * are trailing blocks dropped. Never throws, whatever the input.
 */
export function fitMessage(
  fallback: string,
  candidates: ReadonlyArray<SlackBlock | undefined>,
): SlackMessage {
  // A copy: shrinking texts below must not reach into the caller's blocks.
  let blocks = structuredClone(candidates.filter((b): b is SlackBlock => b !== undefined));
  if (blocks.length > SLACK_LIMITS.blocks) {
    blocks = [...blocks.slice(0, SLACK_LIMITS.blocks - 1), context(`${ELLIPSIS} (more not shown)`)];
  }
  while (JSON.stringify(blocks).length > SLACK_LIMITS.blocksJson) {
    const longest = longestText(blocks);
    if (longest && longest.text.length > SHRINK_FLOOR) {
      longest.text = truncateMrkdwn(
        longest.text,
        Math.max(SHRINK_FLOOR, Math.floor(longest.text.length * 0.6)),
      );
    } else if (blocks.length > 1) {
      blocks = blocks.slice(0, -1);
    } else {
      break; // one block of at most SHRINK_FLOOR characters: far below the limit
    }
  }
  const text = truncateMrkdwn(fallback.trim() || ELLIPSIS, SLACK_LIMITS.fallbackText);
  return { text, blocks, unfurl_links: false, unfurl_media: false };
}

function longestText(blocks: SlackBlock[]): Mrkdwn | undefined {
  let longest: Mrkdwn | undefined;
  for (const block of blocks) {
    const texts =
      block.type === 'section' ? [block.text] : block.type === 'context' ? block.elements : [];
    for (const text of texts) {
      if (!longest || text.text.length > longest.text.length) longest = text;
    }
  }
  return longest;
}
