/**
 * Model output made safe to show: mentions that would ping a channel neutralised, and the
 * Markdown a model likes to write taken off, so each platform can render plain text its own
 * way. Text in, text out; nothing is ever executed or followed.
 */

/** Discord's <@id>, <@!id>, <@&role>, <#channel>; Slack's <@U…>, <#C…>, <!here>, <!subteam^…>. */
const ANGLE_MENTION = /<[@#!][^<>\s]{0,80}>/g;
/** Plain-text broadcasts: @everyone, @here, @channel (any case). */
const BROADCAST = /@(everyone|here|channel)\b/gi;

/** Removes mentions that could ping anyone; broadcast words keep their word without the "@". */
export function neutralizeMentions(text: string): string {
  // Until nothing changes: removing one mention may join two halves of another ("@@everyone").
  // Each pass that changes anything shortens the text, so this ends.
  let out = text;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(ANGLE_MENTION, '').replace(BROADCAST, '$1');
  }
  // A lone opener ("<@" cut off by a length cap) could close into a mention with whatever a
  // platform prints after it: its angle bracket goes too.
  return out.replace(/<(?=[@!#])/g, '');
}

/**
 * Markdown reduced to its words: fences, headings, quotes, list bullets, emphasis, inline code,
 * links (a link whose text is a number, "[1](…)", stays a citation "[1]"), images, rules.
 */
export function stripMarkdown(text: string): string {
  return text
    .replace(/^\s*(```|~~~).*$/gm, '')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+•]|\d{1,3}[.)])\s+/gm, '')
    .replace(/^\s*(?:[-*_]\s*){3,}$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[(\[\d{1,3}\])\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, (_all, label: string) =>
      /^\s*\d+\s*$/.test(label) ? `[${label.trim()}]` : label,
    )
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([^~\n]*?\S)~~/g, '$1')
    .replace(/`+([^`\n]*)`+/g, '$1');
}

/** What a platform may show of a model's text: Markdown off, mentions defused, spaces tidied. */
export function plainModelText(text: string): string {
  return neutralizeMentions(stripMarkdown(text))
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
