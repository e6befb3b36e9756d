import type { SlackBlock, SlackMessage } from '../../../adapters/slack/blocks/block-kit.ts';
import { SLACK_LIMITS } from '../../../adapters/slack/limits.ts';

/** Every mrkdwn text of a message, fallback included: the places Slack parses markup. */
export function mrkdwnTexts(message: { text: string; blocks: SlackBlock[] }): string[] {
  const texts = [message.text];
  for (const block of message.blocks) {
    if (block.type === 'section') texts.push(block.text.text);
    if (block.type === 'context') texts.push(...block.elements.map((e) => e.text));
  }
  return texts;
}

/** Every plain_text of a message: headers and button labels. */
export function plainTexts(message: { blocks: SlackBlock[] }): string[] {
  return message.blocks.flatMap((block) =>
    block.type === 'header'
      ? [block.text.text]
      : block.type === 'actions'
        ? block.elements.map((b) => b.text.text)
        : [],
  );
}

/** A well-formed link we build: `<http(s)://…|label>`. */
const OUR_LINK = /<https?:\/\/[^\s<>|]+\|[^<>]*>/g;

/**
 * Markup in a mrkdwn text that is not one of our links: any `<` left once our links are removed
 * could open a mention (`<!channel>`, `<@U…>`) or a link someone else chose.
 */
export function strayMarkup(text: string): string | undefined {
  const rest = text.replace(OUR_LINK, '');
  const at = rest.indexOf('<');
  return at >= 0 ? rest.slice(at, at + 20) : undefined;
}

/** Every way a message breaks Slack's limits or our escaping rules; empty when it is fine. */
export function violations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const { blocks } = message;
  if (blocks.length === 0) problems.push('no blocks');
  if (blocks.length > SLACK_LIMITS.blocks) problems.push(`${blocks.length} blocks`);
  const json = JSON.stringify(blocks).length;
  if (json > SLACK_LIMITS.blocksJson) problems.push(`blocks JSON ${json} chars`);
  if (message.text.length === 0 || message.text.length > SLACK_LIMITS.fallbackText) {
    problems.push(`fallback text of ${message.text.length} chars`);
  }
  if (message.unfurl_links !== false || message.unfurl_media !== false) problems.push('unfurls');
  const blockIds = new Set<string>();
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        if (!between(block.text.text, 1, SLACK_LIMITS.headerText)) problems.push('header text');
        break;
      case 'section':
        if (!between(block.text.text, 1, SLACK_LIMITS.sectionText)) problems.push('section text');
        break;
      case 'context':
        if (block.elements.length < 1 || block.elements.length > SLACK_LIMITS.contextElements) {
          problems.push('context element count');
        }
        for (const e of block.elements) {
          if (!between(e.text, 1, SLACK_LIMITS.contextText)) problems.push('context text');
        }
        break;
      case 'actions':
        if (blockIds.has(block.block_id)) problems.push(`duplicate block_id ${block.block_id}`);
        blockIds.add(block.block_id);
        if (!between(block.block_id, 1, SLACK_LIMITS.id)) problems.push('block_id');
        if (block.elements.length < 1 || block.elements.length > SLACK_LIMITS.actionElements) {
          problems.push('actions element count');
        }
        for (const b of block.elements) {
          if (!between(b.text.text, 1, SLACK_LIMITS.buttonText)) problems.push('button text');
          if (!between(b.value, 1, SLACK_LIMITS.buttonValue)) problems.push('button value');
          if (!between(b.action_id, 1, SLACK_LIMITS.id)) problems.push('action_id');
        }
        break;
      case 'divider':
        break;
    }
  }
  for (const text of mrkdwnTexts(message)) {
    const stray = strayMarkup(text);
    if (stray !== undefined) problems.push(`unescaped markup: ${JSON.stringify(stray)}`);
  }
  // Plain text holds no links at all, so any raw angle bracket there is a failure to escape.
  for (const text of plainTexts(message)) {
    if (/[<>]/.test(text))
      problems.push(`unescaped plain text: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return problems;
}

function between(text: string, min: number, max: number): boolean {
  return text.length >= min && text.length <= max;
}
