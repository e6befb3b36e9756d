import { SlashCommandBuilder } from 'discord.js';
import {
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  type SearchRequest,
  searchPage,
} from '../../../src/index.ts';
import { defineCommand } from './command-types.ts';
import { checkLength, integerIn, optionalText, requiredText } from './option-readers.ts';

/**
 * Papers per page on Discord unless the user asks otherwise: four, so every paper keeps its own
 * row of Summary / Similar / Cite buttons next to the ◀ ▶ row (Discord allows five rows).
 */
export const DISCORD_PAGE_SIZE = 4;

/** `/search query [author] [year] [limit]`. */
export const searchCommand = defineCommand<SearchRequest>({
  data: new SlashCommandBuilder()
    .setName('search')
    .setDescription('Find papers by words, a "phrase", an arXiv id or a DOI')
    .addStringOption((o) =>
      o
        .setName('query')
        .setDescription('What to look for, e.g. long context; author: and year: work too')
        .setRequired(true)
        .setMaxLength(MAX_QUERY_LENGTH),
    )
    .addStringOption((o) =>
      o
        .setName('author')
        .setDescription('Only papers by an author matching this')
        .setMaxLength(100),
    )
    .addStringOption((o) =>
      o.setName('year').setDescription('A year or a range: 2024, 2022..2024').setMaxLength(20),
    )
    .addIntegerOption((o) =>
      o
        .setName('limit')
        .setDescription(`Papers per page (1 to ${MAX_PAGE_SIZE})`)
        .setMinValue(1)
        .setMaxValue(MAX_PAGE_SIZE),
    ),
  usage: 'query [author] [year] [limit]',
  example: '/search query:long context year:2024',
  scansCorpus: true,
  parse(input) {
    const request: SearchRequest = {
      query: requiredText(input, 'query', 'a few words to search for'),
      limit: integerIn(input, 'limit', 1, MAX_PAGE_SIZE, DISCORD_PAGE_SIZE),
    };
    const author = optionalText(input, 'author');
    const year = optionalText(input, 'year');
    if (author) request.author = checkLength(author, 'author');
    if (year) request.year = checkLength(year, 'year');
    return request;
  },
  execute(request, { engine }) {
    return searchPage(engine, request, 0);
  },
});
