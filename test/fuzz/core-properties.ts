/**
 * Properties of the core's parsers shared by the fuzz suites (tens of thousands of runs) and the
 * normal suite (a few hundred, in core-properties.test.ts): the chat grammar and the query
 * parser take any text without throwing anything undocumented, and give well-formed results.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { type ChatCommand, CITATION_FORMATS, isShammieError, parseChat } from '../../src/index.ts';
import { MAX_QUERY_LENGTH, parseQuery } from '../../src/search/query-parser.ts';
import { hostileCommand, hostileQuery, hostileString } from './hostile-strings.ts';

/** Every shape a command may have, checked field by field. */
export function wellFormed(command: ChatCommand): boolean {
  const text = (value: unknown) => typeof value === 'string' && value === value.trim();
  switch (command.kind) {
    case 'search':
      return text(command.query);
    case 'ask':
      return text(command.question);
    case 'watch':
      return text(command.text);
    case 'paper':
    case 'summary':
    case 'similar':
      return text(command.ref);
    case 'cite':
      return text(command.ref) && CITATION_FORMATS.includes(command.format);
    case 'unknown-format':
      return /^\S+$/.test(command.name) && !CITATION_FORMATS.includes(command.name as never);
    case 'random':
      return command.topic === undefined || (text(command.topic) && command.topic !== '');
    case 'daily':
      switch (command.action) {
        case 'show':
          return command.date === undefined || /^\S+$/.test(command.date);
        case 'subscribe':
          return (
            (command.time === undefined || /^\d{1,2}:\d{2}$/.test(command.time)) &&
            (command.timezone === undefined || /^\S+$/.test(command.timezone))
          );
        default:
          return true;
      }
    case 'add':
      return command.refs.every((ref) => /^\S+$/.test(ref) && !/^,|,$/.test(ref));
    case 'remove':
      return text(command.ref);
    case 'library':
    case 'help':
      return true;
  }
}

/** Calls `work`; a ShammieError with one of `codes` is an answer, anything else fails the case. */
function codeOf(work: () => unknown, codes: readonly string[]): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    if (!isShammieError(error) || !codes.includes(error.code)) throw error;
    return error.code;
  }
}

/** parseChat never throws, and every command it gives is well-formed. */
export const grammarIsTotal = fc.property(fc.oneof(hostileString, hostileCommand), (text) => {
  // Inputs the grammar is known to be slow on (known-issues.ts) are left to their own case.
  expect(wellFormed(parseChat(text))).toBe(true);
});

/** parseQuery throws only QUERY_TOO_LONG and BAD_ARGUMENT, and takes every query apart cleanly. */
export const queryParserIsTotal = fc.property(hostileQuery, (raw) => {
  let parsed: ReturnType<typeof parseQuery> | undefined;
  const code = codeOf(() => {
    parsed = parseQuery(raw);
  }, ['QUERY_TOO_LONG', 'BAD_ARGUMENT']);
  expect(code === 'QUERY_TOO_LONG').toBe(raw.length > MAX_QUERY_LENGTH);
  if (!parsed) return;
  expect(parsed.text).not.toMatch(/"/);
  expect(parsed.text).toBe(parsed.text.trim());
  for (const phrase of parsed.phrases) expect(phrase.trim()).not.toBe('');
  for (const author of parsed.authors) expect(author.trim()).not.toBe('');
  if (parsed.year) {
    expect(Number.isInteger(parsed.year.from) && Number.isInteger(parsed.year.to)).toBe(true);
    expect(parsed.year.from).toBeLessThanOrEqual(parsed.year.to);
  }
  for (const id of parsed.arxivIds) expect(id).toMatch(/^\S+$/);
  for (const doi of parsed.dois) expect(doi).toMatch(/^10\./);
});
