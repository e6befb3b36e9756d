import { describe, expect, it } from 'vitest';
import { findArxivId, findDoi, parseArxivId, parseDoi } from '../../src/corpus/paper-ids.ts';

describe('parseArxivId', () => {
  it.each([
    ['2305.11206', '2305.11206'],
    ['2305.11206v2', '2305.11206'],
    ['arXiv:2305.11206v2', '2305.11206'],
    ['  ARXIV: 2305.11206 ', '2305.11206'],
    ['https://arxiv.org/abs/2305.11206', '2305.11206'],
    ['http://arxiv.org/abs/2305.11206v3', '2305.11206'],
    ['https://arxiv.org/pdf/2305.11206', '2305.11206'],
    ['https://arxiv.org/pdf/2305.11206v1.pdf', '2305.11206'],
    ['arxiv.org/html/2404.08801v2', '2404.08801'],
    ['https://www.arxiv.org/abs/2404.08801?context=cs', '2404.08801'],
    ['0704.0001', '0704.0001'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['arXiv:math.GT/0309136', 'math.GT/0309136'],
    ['https://arxiv.org/abs/cond-mat/0102536v1', 'cond-mat/0102536'],
    ['10.48550/arXiv.2305.11206', '2305.11206'],
    ['https://doi.org/10.48550/ARXIV.2305.11206', '2305.11206'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseArxivId(input)).toBe(expected);
  });

  it.each([
    '',
    'long context',
    '1.70',
    '2023',
    '2313.11206',
    '2305.112',
    '2305.1120612',
    'https://example.org/abs/2305.11206',
    'hep-th/99010',
    '10.1145/3292500.3330701',
  ])('finds no arXiv id in %j', (input) => {
    expect(parseArxivId(input)).toBeUndefined();
  });
});

describe('findArxivId', () => {
  it('finds an id mentioned after "arXiv:" inside longer text', () => {
    expect(findArxivId('arXiv preprint arXiv:2305.11206')).toBe('2305.11206');
    expect(findArxivId('arXiv:2305.11206 [cs]')).toBe('2305.11206');
    expect(findArxivId('see https://arxiv.org/abs/hep-th/9901001v1 for details')).toBe(
      'hep-th/9901001',
    );
  });

  it('ignores bare numbers in prose', () => {
    expect(findArxivId('reaches a loss of 2305.11206 in 2023')).toBeUndefined();
  });
});

describe('parseDoi', () => {
  it.each([
    ['10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['10.18653/V1/2021.ACL-LONG.1', '10.18653/v1/2021.acl-long.1'],
    ['doi:10.1000/XYZ123', '10.1000/xyz123'],
    ['https://doi.org/10.1000/xyz123', '10.1000/xyz123'],
    ['http://dx.doi.org/10.1000/xyz123', '10.1000/xyz123'],
    ['https://doi.org/10.1002%2F%28SICI%291097', '10.1002/(sici)1097'],
    ['10.1000/xyz123.', '10.1000/xyz123'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDoi(input)).toBe(expected);
  });

  it.each([
    '',
    'doi',
    '10.1/abc',
    '11.1000/xyz',
    'https://example.org/10.1000/xyz',
    'a 10.1000/xyz',
  ])('finds no DOI in %j', (input) => {
    expect(parseDoi(input)).toBeUndefined();
  });

  it('finds a DOI mentioned inside a note', () => {
    expect(findDoi('Published as 10.1000/XYZ123 in 2020')).toBe('10.1000/xyz123');
    expect(findDoi('no identifier here')).toBeUndefined();
  });
});
