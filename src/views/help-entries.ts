import type { HelpEntry } from './reply-view.ts';

/** Every command of the chat grammar with an example; Discord and the terminal list the same. */
export const HELP_ENTRIES: readonly HelpEntry[] = [
  {
    command: 'search',
    usage: 'QUERY [author:NAME] [year:2023..2024] ["exact phrase"]',
    example: 'search long context author:levy',
    description: 'Find papers; text with no command word is a search too (unless it ends with ?).',
  },
  {
    command: 'ask',
    usage: 'QUESTION',
    example: 'ask how many examples was LIMA fine-tuned on?',
    description:
      'An answer from the papers, every statement cited, or “not in the library”. In chat, text ending with ? is asked too.',
  },
  {
    command: 'paper',
    usage: 'TITLE WORDS | SHORT NAME | AUTHOR | arXiv id | URL | DOI',
    example: 'paper LIMA',
    description:
      "Show one paper with its abstract. Every word must be the paper's own; paper:WORDS takes the best match.",
  },
  {
    command: 'summary',
    usage: 'PAPER | TOPIC | paper:WORDS | topic:WORDS',
    example: 'summary topic:alignment',
    description:
      'A TL;DR and key points of the paper named, else a digest of the topic. paper: or topic: forces either.',
  },
  {
    command: 'random',
    usage: '[TOPIC]',
    example: 'random diffusion',
    description: 'A random paper, optionally on a topic.',
  },
  {
    command: 'similar',
    usage: 'PAPER',
    example: 'similar Transfusion',
    description: 'Papers that share its distinctive terms.',
  },
  {
    command: 'cite',
    usage: 'PAPER [bibtex|apa|mla]',
    example: 'cite 2305.11206 apa',
    description: 'A citation, BibTeX by default.',
  },
  {
    command: 'daily',
    usage: '[YYYY-MM-DD] | subscribe [HH:MM] [ZONE] | unsubscribe | status',
    example: 'daily subscribe 09:00 Europe/Paris',
    description: "The paper of the day, and this channel's daily post.",
  },
  {
    command: 'add',
    usage: 'arXiv id or URL | DOI [… up to 10]',
    example: 'add 2305.11206',
    description:
      'Fetch papers into the library from arXiv, Crossref and OpenAlex; searchable at once.',
  },
  {
    command: 'remove',
    usage: 'arXiv id | DOI | id',
    example: 'remove 2305.11206',
    description: 'Hide a paper from the library (admins by default); add it again to undo.',
  },
  {
    command: 'library',
    usage: '',
    example: 'library',
    description: 'How many papers there are by source, the last additions, how to export.',
  },
  {
    command: 'watch',
    usage:
      'add CATEGORY… ["phrase"] [word] [author:NAME] [-word] [count:N] [at HH:MM] [ZONE] [crosslists:off] [quiet] | list | remove|pause|resume [N] | why PAPER',
    example:
      'watch add cs.CL "long context" author:"Omer Levy" -vision count:5 at 08:00 Europe/Paris',
    description:
      "Each morning, arXiv's new papers of those categories this channel cares about, ranked by the library.",
  },
  {
    command: 'help',
    usage: '',
    example: 'help',
    description: 'This list.',
  },
];
