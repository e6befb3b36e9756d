import type { SlackMessage } from '../../../adapters/slack/blocks/block-kit.ts';
import { postedMessage } from './ask-checks.ts';
import type { RecordedCall } from './fake-slack-api.ts';
import { violations } from './message-checks.ts';

/** The mentions a library card may write on purpose: who added a paper, and where. */
const OUR_MENTIONS = /<@[UW][A-Z0-9]+>|<#[CG][A-Z0-9]+>/g;

/**
 * `violations` for a library message: the same limits and escaping, with the user and channel
 * mentions of "Added by <@U…> in <#C…>" allowed (a well-formed id, never `<!…>`).
 */
export function libraryViolations(message: SlackMessage): string[] {
  const plain = (text: string) => text.replace(OUR_MENTIONS, '@someone');
  return violations({
    ...message,
    text: plain(message.text),
    blocks: message.blocks.map((block) => {
      if (block.type === 'section')
        return { ...block, text: { ...block.text, text: plain(block.text.text) } };
      if (block.type === 'context') {
        return { ...block, elements: block.elements.map((e) => ({ ...e, text: plain(e.text) })) };
      }
      return block;
    }),
  });
}

/** Every mrkdwn text of a message joined, to look for what it says. */
export function allText(message: SlackMessage): string {
  const texts = [message.text];
  for (const block of message.blocks) {
    if (block.type === 'section') texts.push(block.text.text);
    if (block.type === 'context') texts.push(...block.elements.map((e) => e.text));
    if (block.type === 'header') texts.push(block.text.text);
  }
  return texts.join('\n');
}

/**
 * A `chat.update` as the message Slack would show. The method takes no unfurl flags: the edited
 * message keeps the ones it was posted with (off, as on every post).
 */
export function updatedMessage(call: RecordedCall | undefined): SlackMessage {
  return { ...postedMessage(call), unfurl_links: false, unfurl_media: false };
}
