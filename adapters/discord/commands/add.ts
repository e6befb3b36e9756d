import { SlashCommandBuilder } from 'discord.js';
import { ShammieError } from '../../../src/index.ts';
import type { AddResult } from '../../library/add-papers.ts';
import { MAX_REFS_PER_CHAT } from '../../library/add-papers.ts';
import { defineCommand } from './command-types.ts';
import { libraryFor, refusesLibrary } from './library-access.ts';
import { requiredText } from './option-readers.ts';

/**
 * Longest /add waits for the services (arXiv's 3-second spacing, retries, Retry-After) before it
 * answers that the paper may still come: well inside the 15 minutes an interaction can be
 * answered in, so the user is never left with "thinking…" for ever.
 */
export const ADD_DEADLINE_MS = 10 * 60 * 1000;

/** Said when the services have not answered by {@link ADD_DEADLINE_MS}. */
export const ADD_STILL_WAITING =
  'arXiv, Crossref or OpenAlex is slow to answer. The paper may still be added in a few minutes: look with /library, or try /add again later.';

/** The results, or undefined when they are not there after `ms` (the work goes on). */
export function withinDeadline(
  work: Promise<AddResult[]>,
  ms: number,
): Promise<AddResult[] | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref?.();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Splits the `ref` option into references: several may be given, separated by spaces. */
export function readRefs(text: string): string[] {
  const refs = text.split(/\s+/).filter((ref) => ref !== '');
  if (refs.length > MAX_REFS_PER_CHAT) {
    throw new ShammieError(
      'BAD_ARGUMENT',
      `Add at most ${MAX_REFS_PER_CHAT} papers at a time (${refs.length} were given).`,
    );
  }
  return refs;
}

/**
 * `/add ref`: fetches the paper (arXiv, Crossref, OpenAlex) and adds it to the library; its card
 * says who added it and where. Deferred at once: arXiv is asked at most once every 3 seconds,
 * and a slow service is retried. A user the editors rule leaves out is refused at once,
 * privately.
 */
export const addCommand = defineCommand<{ refs: string[] }>({
  data: new SlashCommandBuilder()
    .setName('add')
    .setDescription('Add a paper to the library by arXiv id or URL, or DOI')
    .addStringOption((o) =>
      o
        .setName('ref')
        .setDescription(
          `e.g. 2305.11206 or 10.1145/3442188.3445922 (up to ${MAX_REFS_PER_CHAT}, with spaces)`,
        )
        .setRequired(true)
        .setMaxLength(500),
    ),
  usage: 'ref',
  example: '/add ref:2305.11206',
  scansCorpus: false,
  slow: () => true,
  refuses: (_request, context) => refusesLibrary(context, 'add'),
  parse: (input) => ({
    refs: readRefs(requiredText(input, 'ref', 'an arXiv id or URL, or a DOI')),
  }),
  async execute({ refs }, context) {
    const { library, user, by } = libraryFor(context);
    const results = await withinDeadline(library.add(refs, user), ADD_DEADLINE_MS);
    if (!results) return { kind: 'notice', tone: 'info', text: ADD_STILL_WAITING };
    return { kind: 'library-add', results, by };
  },
});
