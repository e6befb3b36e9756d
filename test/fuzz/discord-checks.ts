/**
 * What the fuzz suites check on a Discord payload beyond the size limits (those are
 * `limitProblems` in adapters/discord/limits.ts): no special mention, no markup that would turn
 * into one, and no text Discord would refuse as broken Unicode.
 */
import type { ReplyPayload } from '../../adapters/discord/reply-payload.ts';

/** Places Discord renders markdown and mentions in: content, descriptions, field values. */
function markdownTexts(payload: ReplyPayload): string[] {
  const texts = [payload.content ?? ''];
  for (const embed of payload.embeds) {
    texts.push(embed.description ?? '');
    for (const field of embed.fields ?? []) texts.push(field.value);
  }
  return texts;
}

/** Every string anywhere in a value (payload, message), for checks that apply to all text. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) allStrings(item, out);
  }
  return out;
}

/** Keys whose strings Discord never shows as text: links and component ids. */
const NOT_SHOWN = new Set(['url', 'custom_id']);

/** Every string of a payload that Discord shows as text. */
function shownStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) shownStrings(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!NOT_SHOWN.has(key)) shownStrings(item, out);
    }
  }
  return out;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text is valid UTF-16: no surrogate without its partner. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** A `<@…>`, `<@&…>`, `<#…>` or `<t:…>` not escaped by a backslash, outside code blocks. */
const RAW_MENTION = /(?<!\\)(?:\\\\)*<(?:@[!&]?|#|t:|a?:\w+:)/;

/** Every way the payload could ping, highlight a mention, or be refused for broken text. */
export function discordMentionProblems(payload: ReplyPayload): string[] {
  const problems: string[] = [];
  if (payload.allowed_mentions?.parse?.length !== 0) problems.push('allowed_mentions parses');
  for (const text of shownStrings(payload)) {
    const ping = /@(everyone|here)/i.exec(text);
    if (ping) problems.push(`raw ${ping[0]} in ${JSON.stringify(text.slice(0, 60))}`);
    if (!isWellFormedText(text))
      problems.push(`lone surrogate in ${JSON.stringify(text.slice(0, 60))}`);
  }
  for (const text of markdownTexts(payload)) {
    const outsideCode = text.replace(/```[\s\S]*?```/g, '');
    const raw = RAW_MENTION.exec(outsideCode);
    if (raw) {
      const at = raw.index;
      problems.push(`unescaped mention markup ${JSON.stringify(outsideCode.slice(at, at + 30))}`);
    }
  }
  return problems;
}
