import { beforeAll, describe, expect, it } from 'vitest';
import {
  answer,
  createEngine,
  type Engine,
  isShammieError,
  loadCorpus,
  type Paper,
} from '../../src/index.ts';
import { looksCoined, shortName } from '../../src/search/paper-reference.ts';
import { TEST_COLLECTIONS } from '../beside-the-clone.ts';
import { TINY } from './papers.fixture.ts';

/**
 * A reference names a paper only when its words are that paper's own (title, short name,
 * authors, coined names, ids) and no other paper's; stray or unknown words name nothing, and
 * a single ordinary word is a topic. Checked on the bundled papers and among the thousands of
 * public abstracts beside the clone, where common words are truly common.
 */

/** References that must name no paper: stray common words, unknown words, topics, mixes. */
const NEAR_MISSES = [
  'no such paper zzzz',
  '"no such paper zzzz"',
  'paper',
  'such',
  'model',
  'zzzz',
  'zzzzqq',
  'the paper',
  'a model',
  'language',
  'language models',
  'alignment',
  'scaling',
  'inference',
  'benchmark',
  'images',
  'such a model',
  'this paper',
  'paper zzzz',
  'lima zzzz',
  'megalodon model zzzz',
  'transfusion zzzz',
  'paper model',
  'Levy',
  'Omer Levy',
  'Levy 2023',
  'Zettlemoyer',
  'LLM',
  'quantum chromodynamics',
  'the',
];

/**
 * Topics only in the bundled corpus, where every paper is about language models: elsewhere the
 * same words may be rare enough to be one title's.
 */
const BUNDLED_TOPICS = ['large language models', 'model evaluation', 'image generation'];

/** References that must name their paper, by arXiv id. */
const EXACT_REFERENCES: Array<[ref: string, arxiv: string]> = [
  ['LIMA', '2305.11206'],
  ['the LIMA paper', '2305.11206'],
  ['lima paper', '2305.11206'],
  ['megalodon model', '2404.08801'],
  ['the ZeroSCROLLS benchmark', '2305.14196'],
  ['instruction backtranslation paper', '2308.06259'],
  ['LIMA: Less Is More for Alignment', '2305.11206'],
  ['less is more for alignment', '2305.11206'],
  ['Transfusion', '2408.11039'],
  ['transfusoin', '2408.11039'],
  ['predict the next token and diffuse images', '2408.11039'],
  ['Megalodon', '2404.08801'],
  ['megalodn', '2404.08801'],
  ['unlimited context length pretraining', '2404.08801'],
  ['ZeroSCROLLS', '2305.14196'],
  ['zero scrolls', '2305.14196'],
  ['zero-shot benchmark long text understanding', '2305.14196'],
  ['Pick-a-Pic', '2305.01569'],
  ['pick a pic', '2305.01569'],
  ['pickapic', '2305.01569'],
  ['PickScore', '2305.01569'],
  ['Altogether', '2410.17251'],
  ['Altogether alt-text captions', '2410.17251'],
  ['Keep Guessing', '2410.15466'],
  ['keep guessing inference scaling baselines', '2410.15466'],
  ['Branch-Solve-Merge', '2310.15123'],
  ['BSM', '2310.15123'],
  ['instruction backtranslation', '2308.06259'],
  ['temporal structure language processing brain', '2310.07106'],
  ['Kirstain', '2305.01569'],
  ['Kirstain 2023', '2305.01569'],
  ['Kirstain et al. 2023', '2305.01569'],
  ['Shaham et al.', '2305.14196'],
  ['Yona', '2410.15466'],
  ['2305.11206', '2305.11206'],
  ['arXiv:2305.11206v2', '2305.11206'],
  ['https://arxiv.org/abs/2404.08801', '2404.08801'],
  ['arxiv.org/pdf/2408.11039v1', '2408.11039'],
];

function notFoundMessage(engine: Engine, ref: string): string | undefined {
  try {
    engine.resolve(ref);
    return undefined;
  } catch (error) {
    return isShammieError(error) && error.code === 'PAPER_NOT_FOUND' ? error.message : 'other';
  }
}

function checkReferences(engineOf: () => Engine): void {
  it.each(NEAR_MISSES)('“%s” names no paper and gets the not-found answer', (ref) => {
    const engine = engineOf();
    expect(engine.lookup(ref)?.title).toBeUndefined();
    expect(notFoundMessage(engine, ref)).toMatch(/^No paper matches “/);
  });

  it.each(EXACT_REFERENCES)('“%s” names arXiv %s', (ref, arxiv) => {
    expect(engineOf().lookup(ref)?.arxiv).toBe(arxiv);
  });
}

describe('which paper a reference names, in the bundled corpus', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = createEngine((await loadCorpus('corpus')).papers);
  });
  checkReferences(() => engine);

  it.each(BUNDLED_TOPICS)('the topic “%s” names no paper', (ref) => {
    expect(engine.lookup(ref)?.title).toBeUndefined();
  });

  it('the same look-up serves paper, summary, similar and cite', () => {
    const context = { today: '2026-05-01', random: () => 0.5 };
    for (const kind of ['paper', 'similar', 'cite'] as const) {
      const command =
        kind === 'cite'
          ? { kind, ref: 'no such paper zzzz', format: 'bibtex' as const }
          : { kind, ref: 'no such paper zzzz' };
      expect(answer(engine, command, context)).toMatchObject({
        kind: 'notice',
        code: 'PAPER_NOT_FOUND',
      });
    }
    expect(answer(engine, { kind: 'summary', ref: 'paper:no such zzzz' }, context)).toMatchObject({
      kind: 'notice',
      code: 'PAPER_NOT_FOUND',
    });
  });

  it('suggests the papers a near miss comes close to', () => {
    expect(notFoundMessage(engine, 'alignment')).toMatch(/Did you mean .*“LIMA: Less Is More/);
    expect(notFoundMessage(engine, 'lima zzzz')).toContain('Did you mean “LIMA: Less Is More');
  });

  it('fits its hint to what was typed', () => {
    expect(notFoundMessage(engine, 'zzzzqq')).toMatch(/Check the spelling, or search for it\.$/);
    expect(notFoundMessage(engine, 'zzzzqq')).not.toMatch(/fewer words/);
    expect(notFoundMessage(engine, 'paper')).toMatch(/No title or author has that word/);
    expect(notFoundMessage(engine, 'such')).toMatch(/Give title words/);
    expect(notFoundMessage(engine, 'no such paper zzzz')).toMatch(/search for the words\.$/);
  });

  it('reads paper: as the best match whatever the words, and topic: as no paper', () => {
    expect(engine.lookup('paper:scaling')).toBeDefined();
    expect(engine.lookup('topic:LIMA')).toBeUndefined();
    expect(notFoundMessage(engine, 'topic:LIMA')).toContain('paper:LIMA');
  });
});

describe('which paper a reference names, in a tiny corpus with a DOI', () => {
  const engine = createEngine(TINY);
  it('finds the paper by DOI and by its short name', () => {
    expect(engine.lookup('10.48550/arxiv.2305.11206')?.id).toBe('lima');
    expect(engine.lookup('https://doi.org/10.48550/arXiv.2305.11206')?.id).toBe('lima');
    expect(engine.lookup('zeroscrolls')?.id).toBe('zero');
  });

  it('lets a short name two papers share name neither', () => {
    const twins: Paper[] = [
      { id: 'a', title: 'Orca: Progressive Learning', abstract: 'We train Orca.', authors: ['A'] },
      { id: 'b', title: 'Orca: A Killer Whale Study', abstract: 'Whales.', authors: ['B'] },
    ];
    expect(createEngine(twins).lookup('Orca')).toBeUndefined();
    expect(createEngine(twins).lookup('Orca progressive learning')?.id).toBe('a');
  });
});

describe('the shapes a reference is read by', () => {
  it('tells coined names from ordinary words', () => {
    for (const word of ['PickScore', 'ZeroSCROLLS', 'LIMA', 'BSM', 'GPT4', 'T5', 'LLaMa']) {
      expect(looksCoined(word), word).toBe(true);
    }
    for (const word of ['scaling', 'Transformers', 'paper', 'A', 'I', '2023', 'Self-Alignment']) {
      expect(looksCoined(word), word).toBe(false);
    }
  });

  it('reads the short name a title opens with', () => {
    expect(shortName('LIMA: Less Is More for Alignment')).toBe('LIMA');
    expect(shortName('Keep Guessing? When Considering Inference Scaling')).toBe('Keep Guessing');
    expect(shortName('Self-Alignment with Instruction Backtranslation')).toBeUndefined();
    expect(shortName('What?')).toBeUndefined();
  });
});

describe.skipIf(!TEST_COLLECTIONS.present)(
  TEST_COLLECTIONS.named('which paper a reference names, among 7,000 other abstracts'),
  () => {
    let engine: Engine;
    beforeAll(async () => {
      const papers: Paper[] = [];
      for (const file of TEST_COLLECTIONS.paths) papers.push(...(await loadCorpus(file)).papers);
      papers.push(...(await loadCorpus('corpus')).papers);
      expect(papers.length).toBeGreaterThan(7000);
      engine = createEngine(papers);
    });
    checkReferences(() => engine);

    it.each([
      'blood transfusion',
      'HIV',
      'protein',
      'deep learning',
      'cancer cells',
      'diffusion',
      'boundary layer',
    ])('the topic “%s” names no paper', (ref) => {
      expect(engine.lookup(ref)?.title).toBeUndefined();
    });
  },
);
