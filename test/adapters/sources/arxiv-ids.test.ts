import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arxivDoi, arxivIdOfDoi, parsePaperRef } from '../../../adapters/sources/arxiv-ids.ts';

describe('paper references', () => {
  it.each([
    ['2305.11206', '2305.11206', undefined],
    ['2305.11206v2', '2305.11206', 2],
    ['arXiv:2305.11206', '2305.11206', undefined],
    ['https://arxiv.org/abs/2305.11206v3', '2305.11206', 3],
    ['https://arxiv.org/pdf/2305.11206v1.pdf', '2305.11206', 1],
    ['http://arxiv.org/pdf/2305.11206', '2305.11206', undefined],
    ['hep-th/9901001', 'hep-th/9901001', undefined],
    ['cs.CL/0112017', 'cs.CL/0112017', undefined],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001', 2],
    ['10.48550/arXiv.2305.11206', '2305.11206', undefined],
    ['https://doi.org/10.48550/arXiv.2305.11206', '2305.11206', undefined],
  ])('reads %s as the arXiv paper %s', (text, arxiv, version) => {
    expect(parsePaperRef(text)).toEqual(
      version === undefined ? { kind: 'arxiv', arxiv } : { kind: 'arxiv', arxiv, version },
    );
  });

  it.each([
    ['10.1145/3442188.3445922', '10.1145/3442188.3445922'],
    ['https://doi.org/10.18653/v1/2023.acl-long.1', '10.18653/v1/2023.acl-long.1'],
    ['doi:10.1038/S41586-021-03819-2', '10.1038/s41586-021-03819-2'],
  ])('reads %s as the DOI %s', (text, doi) => {
    expect(parsePaperRef(text)).toEqual({ kind: 'doi', doi });
  });

  it.each(['', 'llama', '2305', 'https://example.org/abs/2305.11206', '11.1145/x'])(
    'names no paper in %j',
    (text) => {
      expect(parsePaperRef(text)).toBeUndefined();
    },
  );

  it('maps arXiv DOIs both ways', () => {
    expect(arxivDoi('2305.11206')).toBe('10.48550/arXiv.2305.11206');
    expect(arxivIdOfDoi('10.48550/ARXIV.2305.11206')).toBe('2305.11206');
    expect(arxivIdOfDoi('10.1145/3442188.3445922')).toBeUndefined();
  });
});

const yymm = fc
  .tuple(fc.integer({ min: 7, max: 99 }), fc.integer({ min: 1, max: 12 }))
  .map(([yy, mm]) => `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}`);
const newStyleId = fc
  .tuple(yymm, fc.oneof(fc.stringMatching(/^\d{4}$/), fc.stringMatching(/^\d{5}$/)))
  .map(([prefix, number]) => `${prefix}.${number}`);
const oldStyleId = fc
  .tuple(
    fc.constantFrom('hep-th', 'math', 'cs', 'cond-mat', 'astro-ph', 'quant-ph'),
    fc.option(fc.constantFrom('CL', 'AI', 'GT', 'LO'), { nil: undefined }),
    yymm,
    fc.stringMatching(/^\d{3}$/),
  )
  .map(
    ([archive, subject, month, number]) =>
      `${archive}${subject ? `.${subject}` : ''}/${month}${number}`,
  );
const arxivId = fc.oneof(newStyleId, oldStyleId);
const version = fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined });

/** The ways people write an arXiv reference around an id and an optional version. */
const decorations: ((id: string, v: string) => string)[] = [
  (id, v) => `${id}${v}`,
  (id, v) => `arXiv:${id}${v}`,
  (id, v) => `  arxiv:${id}${v} `,
  (id, v) => `https://arxiv.org/abs/${id}${v}`,
  (id, v) => `http://arxiv.org/pdf/${id}${v}.pdf`,
  (id, v) => `https://export.arxiv.org/abs/${id}${v}?context=cs`,
];

describe('paper references (properties)', () => {
  it('recovers the id and version however an arXiv reference is written', () => {
    fc.assert(
      fc.property(arxivId, version, fc.nat({ max: decorations.length - 1 }), (id, v, which) => {
        const text = decorations[which]!(id, v === undefined ? '' : `v${v}`);
        const ref = parsePaperRef(text);
        expect(ref).toEqual(
          v === undefined ? { kind: 'arxiv', arxiv: id } : { kind: 'arxiv', arxiv: id, version: v },
        );
      }),
    );
  });

  it('reads every arXiv DOI as its arXiv paper', () => {
    fc.assert(
      fc.property(newStyleId, fc.constantFrom('', 'doi:', 'https://doi.org/'), (id, prefix) => {
        expect(parsePaperRef(`${prefix}${arxivDoi(id)}`)).toEqual({ kind: 'arxiv', arxiv: id });
      }),
    );
  });

  it('reads a DOI in any of its forms as the same lower-cased DOI', () => {
    const doi = fc
      .tuple(
        fc.stringMatching(/^\d{4,9}$/),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._\-/()]{0,40}[A-Za-z0-9]$/),
      )
      .filter(([registrant]) => registrant !== '48550')
      .map(([registrant, suffix]) => `10.${registrant}/${suffix}`);
    fc.assert(
      fc.property(
        doi,
        fc.constantFrom('', 'doi:', 'https://doi.org/', 'http://dx.doi.org/'),
        (value, prefix) => {
          expect(parsePaperRef(`${prefix}${value}`)).toEqual({
            kind: 'doi',
            doi: value.toLowerCase(),
          });
        },
      ),
    );
  });

  it('never throws, and what it returns reads back to itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const ref = parsePaperRef(text);
        if (ref === undefined) return;
        const again = parsePaperRef(ref.kind === 'arxiv' ? ref.arxiv : ref.doi);
        expect(again).toEqual(ref.kind === 'arxiv' ? { kind: 'arxiv', arxiv: ref.arxiv } : ref);
      }),
    );
  });
});
