import { type FakeService, startFakeService } from './fake-service.ts';

/** A Crossref `/works/{doi}` message, with overrides. */
export function crossrefWork(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    DOI: '10.1145/3600006.3613165',
    type: 'proceedings-article',
    title: ['Serving Small Models <i>Quickly</i> on Shared Accelerators'],
    author: [
      { given: 'Ines', family: 'Moreau', sequence: 'first', affiliation: [] },
      { given: 'Tariq', family: 'Haddad', sequence: 'additional', affiliation: [] },
      { name: 'The Example Consortium', sequence: 'additional', affiliation: [] },
    ],
    'container-title': ['Proceedings of an Invented Symposium on Systems'],
    published: { 'date-parts': [[2023, 10, 23]] },
    issued: { 'date-parts': [[2023, 10, 23]] },
    abstract:
      '<jats:title>Abstract</jats:title><jats:p>We serve many small models on one accelerator by sharing its memory &amp; batching requests across models.</jats:p><jats:p>Latency stays under 50&#160;ms at <jats:italic>p</jats:italic><jats:sub>99</jats:sub>.</jats:p>',
    URL: 'https://doi.org/10.1145/3600006.3613165',
    relation: {},
    ...overrides,
  };
}

/** An OpenAlex work, with overrides; `abstract` is turned into an inverted index. */
export function openAlexWork(
  overrides: Record<string, unknown> = {},
  abstract = 'Sharing memory lets one accelerator serve many small models at low latency.',
): Record<string, unknown> {
  const index: Record<string, number[]> = {};
  abstract.split(' ').forEach((word, position) => {
    index[word] = [...(index[word] ?? []), position];
  });
  return {
    id: 'https://openalex.org/W4387654321',
    doi: 'https://doi.org/10.1145/3600006.3613165',
    title: 'Serving Small Models Quickly on Shared Accelerators',
    display_name: 'Serving Small Models Quickly on Shared Accelerators',
    publication_year: 2023,
    publication_date: '2023-10-23',
    type: 'article',
    ids: {
      openalex: 'https://openalex.org/W4387654321',
      doi: 'https://doi.org/10.1145/3600006.3613165',
    },
    authorships: [
      {
        author_position: 'first',
        author: { id: 'https://openalex.org/A1', display_name: 'Ines Moreau' },
      },
      {
        author_position: 'last',
        author: { id: 'https://openalex.org/A2', display_name: 'Tariq Haddad' },
      },
    ],
    primary_location: {
      landing_page_url: 'https://doi.org/10.1145/3600006.3613165',
      source: { display_name: 'Proceedings of an Invented Symposium on Systems' },
    },
    locations: [],
    abstract_inverted_index: abstract === '' ? null : index,
    ...overrides,
  };
}

export interface FakeScholarly extends FakeService {
  /** Base for `CROSSREF_API_URL` or `OPENALEX_API_URL`. */
  apiUrl: string;
}

/** Crossref over `works` (DOI → message): `/works/{doi}`, 404 "Resource not found." otherwise. */
export async function startFakeCrossref(
  works: Record<string, Record<string, unknown>>,
): Promise<FakeScholarly> {
  const service = await startFakeService((request) => {
    const doi = request.path.replace(/^\/works\//, '').toLowerCase();
    const message = works[doi];
    if (!request.path.startsWith('/works/') || !message) {
      return {
        status: 404,
        headers: { 'content-type': 'text/plain' },
        body: 'Resource not found.',
      };
    }
    return json({ status: 'ok', 'message-type': 'work', 'message-version': '1.0.0', message });
  });
  return Object.assign(service, { apiUrl: service.url });
}

/** OpenAlex over `works` (DOI → work): `/works/doi:{doi}`, a 404 JSON error otherwise. */
export async function startFakeOpenAlex(
  works: Record<string, Record<string, unknown>>,
): Promise<FakeScholarly> {
  const service = await startFakeService((request) => {
    const doi = request.path.replace(/^\/works\/doi:/, '').toLowerCase();
    const work = works[doi];
    if (!request.path.startsWith('/works/doi:') || !work) {
      return {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: '{"error":"404 Not Found"}',
      };
    }
    return json(work);
  });
  return Object.assign(service, { apiUrl: service.url });
}

function json(value: unknown) {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  };
}
