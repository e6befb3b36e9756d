import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';

/** Discord's message flag for "only the user who asked sees this". */
export const EPHEMERAL = 64;

/** Component type numbers of the Discord API (kept here so the mappers need no discord.js at run time). */
export const COMPONENT = { row: 1, button: 2, stringSelect: 3 } as const;
/** Button styles of the Discord API. */
export const BUTTON_STYLE = { primary: 1, secondary: 2 } as const;

/** Mentions Shammie lets Discord parse: none, on every message. */
export const NO_MENTIONS: { parse: [] } = { parse: [] };

export type MessageRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/**
 * A message as the Discord API takes it (snake_case JSON), ready for an interaction callback,
 * an edit or a channel post. Embeds and components are always present, so an update clears
 * what the previous message had.
 */
export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  components: MessageRow[];
  /** EPHEMERAL for answers only the user should see (errors, help); absent otherwise. */
  flags?: number;
  allowed_mentions: { parse: [] };
}

/** The same payload in the shape discord.js's reply, editReply, update and send accept. */
export function toDiscordJs(payload: ReplyPayload): {
  content?: string;
  embeds: APIEmbed[];
  components: MessageRow[];
  flags?: number;
  allowedMentions: { parse: [] };
} {
  return {
    ...(payload.content !== undefined ? { content: payload.content } : {}),
    embeds: payload.embeds,
    components: payload.components,
    ...(payload.flags !== undefined ? { flags: payload.flags } : {}),
    allowedMentions: { parse: [] },
  };
}
