import type { SlackMessage } from '../../../adapters/slack/blocks/block-kit.ts';
import type { RecordedCall } from './fake-slack-api.ts';

/** Section texts of a recorded post, update or response, in order. */
export function sectionsOf(call: RecordedCall | undefined): string[] {
  return ((call?.body.blocks ?? []) as Array<{ type: string; text?: { text: string } }>)
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '');
}

/** Context texts of a recorded post, update or response, in order. */
export function contextsOf(call: RecordedCall | undefined): string[] {
  return ((call?.body.blocks ?? []) as Array<{ type: string; elements?: Array<{ text: string }> }>)
    .filter((b) => b.type === 'context')
    .flatMap((b) => (b.elements ?? []).map((e) => e.text));
}

/** A recorded post as the message Slack would show (the form encoding undone). */
export function postedMessage(call: RecordedCall | undefined): SlackMessage {
  const flag = (value: unknown) => (value === 'false' || value === false ? false : value) as false;
  return {
    text: String(call?.body.text ?? ''),
    blocks: (call?.body.blocks ?? []) as SlackMessage['blocks'],
    unfurl_links: flag(call?.body.unfurl_links),
    unfurl_media: flag(call?.body.unfurl_media),
  };
}
