import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAtomFeed } from '../../../adapters/sources/arxiv-api.ts';
import { readListRecords } from '../../../adapters/sources/arxiv-oai.ts';
import { readAnnouncement } from '../../../adapters/sources/arxiv-rss.ts';
import {
  cleanText,
  MAX_ABSTRACT_LENGTH,
  MAX_AUTHOR_LENGTH,
  MAX_AUTHORS,
  MAX_TITLE_LENGTH,
} from '../../../adapters/sources/clean-text.ts';
import { jatsText } from '../../../adapters/sources/jats-text.ts';
import { isServiceError } from '../../../adapters/sources/service-error.ts';
import { atomEntry, atomFeed } from './fakes/fake-arxiv-api.ts';
import { oaiEnvelope } from './fakes/fake-arxiv-oai.ts';
import { rssFeed } from './fakes/fake-arxiv-rss.ts';
import { SAMPLE_PAPERS, samplePaper } from './fakes/sample-papers.ts';

/** Runs `read`; a ServiceError is an acceptable answer to garbage, anything else thrown is a bug. */
function readOrRefuse<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (isServiceError(error)) return undefined;
    throw error;
  }
}

/** A valid document with a slice cut out or a piece of noise spliced in. */
function damaged(document: string) {
  return fc
    .tuple(fc.nat({ max: document.length }), fc.nat({ max: 200 }), fc.string({ maxLength: 30 }))
    .map(([at, cut, noise]) => document.slice(0, at) + noise + document.slice(at + cut));
}

const ATOM = atomFeed(SAMPLE_PAPERS.map(atomEntry), SAMPLE_PAPERS.length);
const RSS = rssFeed(
  'cs.CL',
  SAMPLE_PAPERS.map((paper) => ({ paper, announceType: 'new' })),
);
const OAI = oaiEnvelope(
  '<ListRecords><record><header><identifier>oai:arXiv.org:2305.11206</identifier><datestamp>2024-01-02</datestamp></header><metadata><arXiv><id>2305.11206</id><title>T</title><abstract>A</abstract><categories>cs.CL</categories></arXiv></metadata></record><resumptionToken cursor="0" completeListSize="9">t1</resumptionToken></ListRecords>',
);

describe('answers from a broken or hostile service', () => {
  it('an Atom feed, damaged anywhere, is read or refused with a ServiceError', () => {
    fc.assert(
      fc.property(fc.oneof(damaged(ATOM), fc.string()), (text) => {
        const feed = readOrRefuse(() => readAtomFeed(text));
        for (const record of feed?.records ?? []) {
          expect(record.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
          expect(record.arxiv).not.toBe('');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an OAI-PMH page, damaged anywhere, is read or refused with a ServiceError', () => {
    fc.assert(
      fc.property(fc.oneof(damaged(OAI), fc.string()), (text) => {
        readOrRefuse(() => readListRecords(text, 'arXiv', 'cs.CL'));
      }),
      { numRuns: 200 },
    );
  });

  it('an RSS feed, damaged anywhere, is read or refused with a ServiceError', () => {
    fc.assert(
      fc.property(fc.oneof(damaged(RSS), fc.string()), (text) => {
        readOrRefuse(() => readAnnouncement(text));
      }),
      { numRuns: 200 },
    );
  });

  it('caps every field of an entry full of huge values', () => {
    const huge = samplePaper({
      title: 'T'.repeat(50_000),
      abstract: 'word '.repeat(100_000),
      authors: Array.from(
        { length: 2_000 },
        (_, i) => `Author ${i} ${'x'.repeat(i === 0 ? 5_000 : 1)}`,
      ),
      categories: Array.from({ length: 500 }, (_, i) => `cs.X${i}`),
    });
    const [record] = readAtomFeed(atomFeed([atomEntry(huge)], 1)).records;
    expect(record?.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(record?.abstract.length).toBeLessThanOrEqual(MAX_ABSTRACT_LENGTH);
    expect(record?.authors).toHaveLength(MAX_AUTHORS);
    expect(record?.authors[0]?.length).toBeLessThanOrEqual(MAX_AUTHOR_LENGTH);
    expect(record?.categories.length).toBeLessThanOrEqual(50);
  });

  it('reads JATS of any shape without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = jatsText(text);
        expect(result === undefined || typeof result === 'string').toBe(true);
      }),
    );
  });
});

describe('cleaned text', () => {
  it('is at most the cap, has no runs of whitespace, and keeps short text whole', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.integer({ min: 2, max: 300 }), (text, max) => {
        const clean = cleanText(text, max);
        expect(clean.length).toBeLessThanOrEqual(max);
        expect(clean).not.toMatch(/\s\s|^\s|\s$/);
        const collapsed = text.replace(/\s+/g, ' ').trim();
        if (collapsed.length <= max) expect(clean).toBe(collapsed);
      }),
    );
  });
});
