/**
 * Slack delivers message text entity-encoded and with its own markup: `<@U…>` for users,
 * `<#C…|name>` for channels, `<!here>` for special mentions and `<https://…|label>` for links.
 * This turns that back into what the person typed, so the chat grammar and the search engine see
 * plain words (and an arXiv link still resolves as a URL).
 */

export interface DecodeOptions {
  /** The bot's own user id: a mention of it at the start of the text is dropped. */
  botUserId?: string;
}

/** One `<…>` token: `@`, `#` or `!` followed by an id, or a URL; an optional `|label`. */
const TOKEN = /<([^<>]*)>/g;
const ENTITY = /&(amp|lt|gt);/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/** Decodes one Slack message text into plain text (see the module comment). */
export function decodeSlackText(text: string, options: DecodeOptions = {}): string {
  const withoutAddress = dropLeadingBotMention(text, options.botUserId);
  const plain = withoutAddress.replace(TOKEN, (_whole, inner: string) => decodeToken(inner));
  // Entities last, in one pass, so "&amp;lt;" becomes the literal "&lt;" the person typed.
  return plain
    .replace(ENTITY, (_e, name: string) => ENTITIES[name] ?? '')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/**
 * A message that addresses the bot starts with its mention ("@Shammie search x"); that mention
 * is not part of the command. When the bot's id is unknown, any leading user mention is taken
 * to be the bot's (app_mention events always start with it).
 */
function dropLeadingBotMention(text: string, botUserId: string | undefined): string {
  const match = /^\s*<@([A-Z0-9]+)(?:\|[^<>]*)?>[\s,:;]*/i.exec(text);
  if (!match) return text;
  if (botUserId !== undefined && match[1] !== botUserId) return text;
  return text.slice(match[0].length);
}

function decodeToken(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : '';
  switch (target[0]) {
    case '@':
      // Other people's mentions: their display name when Slack gives one, else nothing.
      return label ? `@${label.replace(/^@/, '')}` : '';
    case '#':
      return label ? `#${label.replace(/^#/, '')}` : '';
    case '!': {
      // <!here>, <!channel>, <!everyone>, <!subteam^S…|@team>, <!date^…|fallback>: plain words.
      if (label) return label.replace(/^@/, '');
      return target.slice(1).split('^')[0] ?? '';
    }
    default:
      if (/^mailto:/i.test(target)) return label || target.slice('mailto:'.length);
      // A link: the URL itself, so "<https://arxiv.org/abs/2305.11206|LIMA>" still resolves.
      return target;
  }
}
