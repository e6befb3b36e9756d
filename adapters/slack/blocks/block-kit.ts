import { SLACK_LIMITS } from '../limits.ts';
import { escapeMrkdwn, truncateMrkdwn } from '../mrkdwn.ts';

/**
 * The slice of Block Kit Shammie uses, as plain data. Builders here apply each field's own limit;
 * `fitMessage` then enforces the message-wide ones.
 */
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** mrkdwn with `verbatim: true`: our own links and bold are kept, nothing else is auto-parsed. */
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}

export interface SectionBlock {
  type: 'section';
  text: Mrkdwn;
}

export interface ContextBlock {
  type: 'context';
  elements: Mrkdwn[];
}

export interface Button {
  type: 'button';
  action_id: string;
  text: PlainText;
  value: string;
  style?: 'primary';
}

export interface ActionsBlock {
  type: 'actions';
  block_id: string;
  elements: Button[];
}

export interface DividerBlock {
  type: 'divider';
}

export type SlackBlock = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock;

/** A message as Slack's `chat.postMessage` and `response_url` take it. */
export interface SlackMessage {
  /** Plain fallback for notifications and screen readers, escaped like mrkdwn. */
  text: string;
  blocks: SlackBlock[];
  /** Lists of links are not unfurled: one preview per paper would bury the answer. */
  unfurl_links: false;
  unfurl_media: false;
}

function mrkdwn(text: string, max: number): Mrkdwn {
  // Slack refuses empty text objects; a lone space would also be refused, so use a visible mark.
  const fitted = truncateMrkdwn(text, max);
  return { type: 'mrkdwn', text: fitted === '' ? '—' : fitted, verbatim: true };
}

/**
 * Plain text, escaped all the same: Slack parses no mentions in plain_text but still decodes the
 * three entities for display, so escaping costs nothing and no raw `<!channel>` is ever sent.
 */
function plainText(raw: string, max: number): PlainText {
  // Escaping may leave nothing (a title of control characters): plain text must not be empty.
  const line = escapeMrkdwn(raw).replace(/\s+/g, ' ').trim();
  return { type: 'plain_text', text: truncateMrkdwn(line || '—', max), emoji: true };
}

/** A header of raw text (escaped and cut to 150 characters here). */
export function header(text: string): HeaderBlock {
  return { type: 'header', text: plainText(text, SLACK_LIMITS.headerText) };
}

/** A section of already-escaped mrkdwn. */
export function section(escapedMrkdwn: string): SectionBlock {
  return { type: 'section', text: mrkdwn(escapedMrkdwn, SLACK_LIMITS.sectionText) };
}

/** A context line of already-escaped mrkdwn parts. */
export function context(...escapedParts: string[]): ContextBlock {
  const parts = escapedParts.filter((p) => p !== '').slice(0, SLACK_LIMITS.contextElements);
  return {
    type: 'context',
    elements: (parts.length > 0 ? parts : ['—']).map((p) => mrkdwn(p, SLACK_LIMITS.contextText)),
  };
}

/**
 * A button with a raw label; undefined when its value would not fit or would not survive the
 * round trip (a value is never cut or altered: it names a paper or a page).
 */
export function button(
  label: string,
  actionId: string,
  value: string,
  style?: 'primary',
): Button | undefined {
  if (value === '' || value.length > SLACK_LIMITS.buttonValue || !value.isWellFormed()) {
    return undefined;
  }
  return {
    type: 'button',
    action_id: actionId.slice(0, SLACK_LIMITS.id),
    text: plainText(label, SLACK_LIMITS.buttonText),
    value,
    ...(style ? { style } : {}),
  };
}

/** An actions block, or undefined when no button survived. */
export function actions(
  blockId: string,
  buttons: Array<Button | undefined>,
): ActionsBlock | undefined {
  const kept = buttons.filter((b): b is Button => b !== undefined);
  if (kept.length === 0) return undefined;
  return {
    type: 'actions',
    block_id: blockId.slice(0, SLACK_LIMITS.id),
    elements: kept.slice(0, SLACK_LIMITS.actionElements),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}
