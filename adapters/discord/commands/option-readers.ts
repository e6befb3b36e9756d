import { MAX_QUERY_LENGTH, ShammieError } from '../../../src/index.ts';
import type { CommandInput, OptionValue } from './command-types.ts';

/** The slice of an option Discord sends (raw `data.options` and discord.js `options.data` fit). */
export interface RawOption {
  name: string;
  type: number;
  value?: OptionValue;
  options?: readonly RawOption[];
}

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/** Flattens Discord's option tree into a command input. */
export function readCommandInput(name: string, options: readonly RawOption[] = []): CommandInput {
  const values: Record<string, OptionValue> = {};
  let subcommand: string | undefined;
  const walk = (list: readonly RawOption[]) => {
    for (const option of list) {
      if (option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP) {
        subcommand = option.name;
        walk(option.options ?? []);
      } else if (option.value !== undefined) {
        values[option.name] = option.value;
      }
    }
  };
  walk(options);
  return { name, ...(subcommand ? { subcommand } : {}), options: values };
}

/** An optional string option, trimmed; undefined when absent or blank. */
export function optionalText(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  if (value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/**
 * A text the user must give (a query, a paper, a topic): trimmed, not empty, not longer than
 * the core accepts. Checked here so the friendly answer comes before any deferral.
 */
export function requiredText(input: CommandInput, name: string, what: string): string {
  const text = optionalText(input, name);
  if (text === undefined) throw new ShammieError('EMPTY_QUERY', `Please give ${what}.`);
  return checkLength(text, what);
}

/** The text, or QUERY_TOO_LONG when it is over the core's limit. */
export function checkLength(text: string, what: string): string {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new ShammieError(
      'QUERY_TOO_LONG',
      `That ${what} is ${text.length} characters long; the limit is ${MAX_QUERY_LENGTH}.`,
    );
  }
  return text;
}

/** An optional integer option, clamped to [min, max]; `fallback` when absent or not a number. */
export function integerIn(
  input: CommandInput,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const value = Number(input.options[name]);
  if (input.options[name] === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
