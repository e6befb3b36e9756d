import { beforeAll, describe, expect, it } from 'vitest';
import {
  answerText,
  askJson,
  askLibrary,
  createEngine,
  type Engine,
  isShammieError,
  loadCorpus,
  NOT_IN_LIBRARY,
  type Paper,
} from '../../src/index.ts';

let bundled: Engine;
beforeAll(async () => {
  bundled = await createEngine((await loadCorpus('corpus')).papers);
});

function paper(id: string, title: string, abstract: string): Paper {
  return { id, title, abstract, authors: ['A. Author'] };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isShammieError(error) ? error.code : 'not a ShammieError';
  }
  return undefined;
}

describe('askLibrary without a model', () => {
  it('answers from the sentences of the paper that holds the answer, citing it', () => {
    const answer = askLibrary(bundled, 'How many examples was LIMA fine-tuned on?');
    expect(answer.refused).toBe(false);
    expect(answer.mode).toBe('extractive');
    const lima = answer.citations.find((c) => c.title.startsWith('LIMA'));
    expect(lima).toBeDefined();
    const fromLima = answer.evidence.filter((e) => e.n === lima!.n);
    expect(fromLima.some((e) => /1,000 carefully curated prompts/.test(e.sentence))).toBe(true);
    for (const segment of answer.segments) expect(segment.cites.length).toBeGreaterThan(0);
  });

  it('leads with how many papers the answer quotes, in grammatical English', () => {
    expect(askLibrary(bundled, 'How many examples was LIMA fine-tuned on?').lead).toBe(
      'What one paper in the library says:',
    );
    expect(askLibrary(bundled, 'Which models handle long context?').lead).toBe(
      'What 3 papers in the library say:',
    );
  });

  it('numbers citations by paper: every evidence number is a listed citation, each paper once', () => {
    const answer = askLibrary(
      bundled,
      'Which benchmarks evaluate long text understanding zero-shot?',
    );
    const numbers = answer.citations.map((c) => c.n);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(new Set(answer.citations.map((c) => c.id)).size).toBe(answer.citations.length);
    for (const e of answer.evidence) expect(numbers).toContain(e.n);
    for (const e of answer.evidence) {
      expect(answer.citations.find((c) => c.n === e.n)?.id).toBe(e.paperId);
    }
  });

  it('says "not in the library", with the closest papers, when the evidence is weak', () => {
    const answer = askLibrary(
      bundled,
      'Which protein folding models predict enzyme kinetics in soil bacteria?',
    );
    expect(answer.refused).toBe(true);
    expect(answer.lead).toBe(NOT_IN_LIBRARY);
    expect(answer.segments).toEqual([]);
    expect(answer.citations).toEqual([]);
    expect(answer.closest?.length ?? 0).toBeLessThanOrEqual(3);
  });

  it('refuses with no closest papers when nothing matches at all', () => {
    const answer = askLibrary(bundled, 'zyxxy quorblat?');
    expect(answer.refused).toBe(true);
    expect(answer.closest).toEqual([]);
  });

  it('is deterministic', () => {
    const q = 'Does instruction backtranslation label human-written text with instructions?';
    expect(askLibrary(bundled, q)).toEqual(askLibrary(bundled, q));
  });

  it('asks a follow-up with the earlier questions as context', () => {
    const engine = createEngine([
      paper(
        'text',
        'Aligning chat models',
        'Chat models are aligned with human preferences. Human preferences are collected as pairwise human preferences between replies.',
      ),
      paper(
        'image',
        'Rewarding image generators',
        'Text-to-image generation improves with a reward model. The reward model is trained on human preferences between generated images.',
      ),
      paper('audio', 'Speech codecs', 'Neural speech codecs compress audio at low bitrates.'),
      paper('graphs', 'Graph networks', 'Message passing networks learn on molecular graphs.'),
    ]);
    const question = 'and which used human preferences?';
    const alone = askLibrary(engine, question, { threshold: 0 });
    const followUp = askLibrary(engine, question, {
      threshold: 0,
      history: [{ question: 'How can text-to-image generation be improved?' }],
    });
    expect(alone.citations[0]?.id).toBe('text');
    expect(followUp.citations[0]?.id).toBe('image');
    const fromImage = followUp.evidence.filter((e) => e.paperId === 'image');
    expect(fromImage.some((e) => /human preferences/.test(e.sentence))).toBe(true);
  });

  it('refuses a follow-up that only its context would answer', () => {
    const followUp = askLibrary(bundled, 'and what about protein folding?', {
      history: [{ question: 'How many examples was LIMA fine-tuned on?' }],
    });
    expect(followUp.refused).toBe(true);
  });

  it('gives a friendly error code for an empty question and for a 5,000-character one', () => {
    expect(codeOf(() => askLibrary(bundled, '   '))).toBe('EMPTY_QUERY');
    expect(codeOf(() => askLibrary(bundled, 'why '.repeat(1250)))).toBe('QUERY_TOO_LONG');
  });

  it('keeps a mention in an abstract from pinging anyone when it is quoted', () => {
    const engine = createEngine([
      paper(
        'p1',
        'Gradient checkpointing for transformers',
        'Gradient checkpointing reduces transformer memory @everyone <@123456> <!channel> by recomputing activations. Other text follows here.',
      ),
      paper('p2', 'Unrelated', 'Bird migration follows magnetic fields.'),
    ]);
    const answer = askLibrary(engine, 'How does gradient checkpointing reduce transformer memory?');
    expect(answer.refused).toBe(false);
    const text = answerText(answer);
    expect(text).not.toMatch(/@everyone|<@|<!channel>/);
    expect(text).toContain('recomputing activations');
  });

  it('prints the --json shape: refused, answer with [n] markers, citations with n, id, title', () => {
    const json = askJson(askLibrary(bundled, 'How many examples was LIMA fine-tuned on?'));
    expect(Object.keys(json).sort()).toEqual(['answer', 'citations', 'refused']);
    expect(json.answer).toMatch(/\[\d\]/);
    for (const c of json.citations) {
      expect(typeof c.n).toBe('number');
      expect(typeof c.id).toBe('string');
      expect(typeof c.title).toBe('string');
    }
    expect(json.citations.some((c) => c.arxiv === '2305.11206')).toBe(true);
  });

  it('shows the closest titles in the text of a refusal', () => {
    const answer = askLibrary(bundled, 'What is the melting point of tungsten carbide alloys?');
    expect(answer.refused).toBe(true);
    expect(answerText(answer).startsWith(NOT_IN_LIBRARY)).toBe(true);
  });
});
