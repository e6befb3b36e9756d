import { describe, expect, it } from 'vitest';
import { parseSeedText } from '../../src/corpus/seed-text-format.ts';

describe('parseSeedText', () => {
  it('reads one paper per "Abstract:" line, named by the line above as collection', () => {
    const text =
      'Shammie\nAbstract:First paper.\n\nAbstract: Second paper.\nLater\nabstract :Third.';
    const { records, problems } = parseSeedText(text, { file: 'seed.txt', collection: 'seed' });
    expect(problems).toEqual([]);
    expect(
      records.map(({ abstract, collection, line }) => ({ abstract, collection, line })),
    ).toEqual([
      { abstract: 'First paper.', collection: 'Shammie', line: 2 },
      { abstract: 'Second paper.', collection: 'Shammie', line: 4 },
      { abstract: 'Third.', collection: 'Later', line: 6 },
    ]);
    expect(records.every((record) => record.title === undefined)).toBe(true);
  });

  it('uses the file name as collection when no line names one', () => {
    const { records } = parseSeedText('Abstract:Only.', { file: 'notes.txt', collection: 'notes' });
    expect(records[0]!.collection).toBe('notes');
  });

  it('reports an empty Abstract: line and a file with none', () => {
    expect(parseSeedText('Name\nAbstract:   \nAbstract:Fine.', { file: 'a.txt' }).problems).toEqual(
      [{ file: 'a.txt', line: 2, message: 'empty Abstract: line' }],
    );
    const none = parseSeedText('Just notes\nno papers', { file: 'b.txt' });
    expect(none.records).toEqual([]);
    expect(none.problems).toHaveLength(1);
    expect(none.problems[0]!.message).toMatch(/no "Abstract:" lines/);
  });

  it('accepts Windows line endings', () => {
    const { records } = parseSeedText('Name\r\nAbstract:One.\r\nAbstract:Two.\r\n', {
      file: 'w.txt',
    });
    expect(records.map((record) => record.abstract)).toEqual(['One.', 'Two.']);
    expect(records[0]!.collection).toBe('Name');
  });
});
