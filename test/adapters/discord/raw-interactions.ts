/**
 * Interaction payloads as Discord's gateway sends them (INTERACTION_CREATE `d`), with overrides.
 * Snowflakes are fixed strings; each interaction gets its own id and token.
 */

export const APPLICATION_ID = '200000000000000001';
export const GUILD_ID = '400000000000000001';
export const CHANNEL_ID = '300000000000000001';
export const USER_ID = '500000000000000001';

/** Permission bits as Discord sends them: Manage Server is 1 << 5. */
export const MANAGE_GUILD = String(1 << 5);

let counter = 0;

function base(permissions = '0') {
  counter += 1;
  return {
    id: String(600000000000000000n + BigInt(counter)),
    token: `interaction-token-${counter}`,
    application_id: APPLICATION_ID,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'papers' },
    member: {
      user: { id: USER_ID, username: 'ann', discriminator: '0', avatar: null, global_name: 'Ann' },
      roles: [],
      permissions,
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    attachment_size_limit: 10_000_000,
  };
}

export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: RawOption[];
}

/** A slash command. */
export function rawCommand(name: string, options: RawOption[] = [], permissions?: string) {
  return {
    ...base(permissions),
    type: 2,
    data: { id: '700000000000000001', name, type: 1, options },
  };
}

/** Typing in an autocompleted option. */
export function rawAutocomplete(name: string, options: RawOption[]) {
  return {
    ...base(),
    type: 4,
    data: { id: '700000000000000001', name, type: 1, options },
  };
}

/** The message a component sits on. */
function message(components: unknown[] = []) {
  return {
    id: '800000000000000001',
    channel_id: CHANNEL_ID,
    type: 20,
    content: '',
    embeds: [],
    components,
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    author: {
      id: APPLICATION_ID,
      username: 'Shammie',
      discriminator: '0',
      avatar: null,
      bot: true,
    },
  };
}

/** A button press. */
export function rawButton(customId: string, components: unknown[] = []) {
  return {
    ...base(),
    type: 3,
    message: message(components),
    data: { custom_id: customId, component_type: 2 },
  };
}

/** A pick in a string select menu. */
export function rawSelect(customId: string, values: string[]) {
  return {
    ...base(),
    type: 3,
    message: message(),
    data: { custom_id: customId, component_type: 3, values },
  };
}

/** The same interaction, sent by another user. */
export function fromUser<T extends { member: { user: { id: string } } }>(
  raw: T,
  userId: string,
): T {
  return { ...raw, member: { ...raw.member, user: { ...raw.member.user, id: userId } } };
}

/**
 * What the bot may do in the channel of an interaction, as Discord sends it (`app_permissions`):
 * View Channel, Read Message History and Create Public Threads, enough to open a thread.
 */
export const THREAD_PERMISSIONS = String((1n << 10n) | (1n << 16n) | (1n << 35n));

/** The same interaction where the bot has these permissions. */
export function withAppPermissions<T extends { app_permissions: string }>(
  raw: T,
  permissions: string,
): T {
  return { ...raw, app_permissions: permissions };
}

/** The same interaction, used in another channel (a public thread is type 11). */
export function inChannel<T extends { channel_id: string; channel: { id: string; type: number } }>(
  raw: T,
  channelId: string,
  type = 0,
): T {
  return { ...raw, channel_id: channelId, channel: { ...raw.channel, id: channelId, type } };
}

/** The same interaction in a direct message with the bot: no server, no member, no permissions. */
export function inDirectMessage<
  T extends { guild_id?: string; member?: { user: Record<string, unknown> } },
>(raw: T) {
  const { guild_id: _guild, member, ...rest } = raw;
  const dm = '310000000000000001';
  return {
    ...rest,
    user: member?.user,
    channel_id: dm,
    channel: { id: dm, type: 1 },
    context: 1,
  };
}
