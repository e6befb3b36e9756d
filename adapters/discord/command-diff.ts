/**
 * Compares the commands Discord has registered with Shammie's definitions, so registration
 * writes only when something changed (Discord allows 200 command creates a day per guild).
 */

/** The slice of a command (definition or registered) that decides what users see. */
export interface CommandShape {
  name: string;
  type?: number;
  description?: string;
  default_member_permissions?: string | null;
  nsfw?: boolean;
  options?: readonly OptionShape[];
}

export interface OptionShape {
  type: number;
  name: string;
  description?: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: ReadonlyArray<{ name: string; value: string | number }>;
  channel_types?: readonly number[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  options?: readonly OptionShape[];
}

/** Names of the commands to add, remove and update. */
export interface CommandChanges {
  added: string[];
  removed: string[];
  updated: string[];
}

/** Discord leaves out defaults (required: false, no choices…); fill them so both sides compare. */
function normalizeOption(option: OptionShape): unknown {
  return {
    type: option.type,
    name: option.name,
    description: option.description ?? '',
    required: option.required ?? false,
    autocomplete: option.autocomplete ?? false,
    choices: (option.choices ?? []).map((c) => ({ name: c.name, value: c.value })),
    channel_types: [...(option.channel_types ?? [])].sort((a, b) => a - b),
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
    options: (option.options ?? []).map(normalizeOption),
  };
}

/** A command as a string that is equal exactly when users would see the same command. */
export function commandKey(command: CommandShape): string {
  return JSON.stringify({
    name: command.name,
    type: command.type ?? 1,
    description: command.description ?? '',
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: command.nsfw ?? false,
    options: (command.options ?? []).map(normalizeOption),
  });
}

/** What registering `wanted` over `registered` would change. */
export function diffCommands(
  registered: readonly CommandShape[],
  wanted: readonly CommandShape[],
): CommandChanges {
  const have = new Map(registered.map((c) => [c.name, c]));
  const want = new Map(wanted.map((c) => [c.name, c]));
  const added = [...want.keys()].filter((name) => !have.has(name));
  const removed = [...have.keys()].filter((name) => !want.has(name));
  const updated = [...want.entries()]
    .filter(([name, command]) => {
      const current = have.get(name);
      return current !== undefined && commandKey(current) !== commandKey(command);
    })
    .map(([name]) => name);
  return { added, removed, updated };
}
