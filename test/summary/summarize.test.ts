import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/summary/sentence-split.ts';
import { MAX_ABSTRACT_CHARS, summarizeAbstract } from '../../src/summary/summarize.ts';
import { MAX_SENTENCE_CHARS } from '../../src/summary/trim-sentence.ts';

/** Lower-cased words of a text, for "no invented words" checks. */
const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Asserts every word of `part` occurs in `whole`: the summary only extracts. */
function expectExtracted(part: string, whole: string): void {
  const available = new Set(words(whole));
  for (const word of words(part))
    expect(available.has(word), `"${word}" is not in the abstract`).toBe(true);
}

// A made-up abstract with the usual shape: background, gap, contribution, method, results.
const ADAPTIVE_ABSTRACT =
  'Graph neural networks have become a popular tool for learning on molecules and social networks. ' +
  'However, existing message passing schemes suffer from over-smoothing, which limits their depth. ' +
  'In this paper, we introduce Residual Echo Networks, a message passing architecture that keeps node features distinct across many layers. ' +
  'Each layer mixes a learned gate with a skip connection to the input features. ' +
  'Experiments on eight benchmarks show that Residual Echo Networks outperform strong baselines by up to 12% in accuracy.';

// From the user's own corpus (the seed collection): the Megalodon and Pick-a-Pic abstracts.
const MEGALODON =
  'The quadratic complexity and weak length extrapolation of Transformers limits their ability to scale to long sequences, and while sub-quadratic solutions like linear attention and state space models exist, they empirically underperform Transformers in pretraining efficiency and downstream task accuracy. We introduce Megalodon, a neural architecture for efficient sequence modeling with unlimited context length. Megalodon inherits the architecture of Mega (exponential moving average with gated attention), and further introduces multiple technical components to improve its capability and stability, including complex exponential moving average (CEMA), timestep normalization layer, normalized attention mechanism and pre-norm with two-hop residual configuration. In a controlled head-to-head comparison with Llama2, Megalodon achieves better efficiency than Transformer in the scale of 7 billion parameters and 2 trillion training tokens. Megalodon reaches a training loss of 1.70, landing mid-way between Llama2-7B (1.75) and 13B (1.67). Code: https://github.com/XuezheMax/megalodon';

const PICK_A_PIC =
  "The ability to collect a large dataset of human preferences from text-to-image users is usually limited to companies, making such datasets inaccessible to the public. To address this issue, we create a web app that enables text-to-image users to generate images and specify their preferences. Using this web app we build Pick-a-Pic, a large, open dataset of text-to-image prompts and real users' preferences over generated images. We leverage this dataset to train a CLIP-based scoring function, PickScore, which exhibits superhuman performance on the task of predicting human preferences. Then, we test PickScore's ability to perform model evaluation and observe that it correlates better with human rankings than other automatic evaluation metrics. Therefore, we recommend using PickScore for evaluating future text-to-image generation models, and using Pick-a-Pic prompts as a more relevant dataset than MS-COCO. Finally, we demonstrate how PickScore can enhance existing text-to-image models via ranking.";

const LIMA =
  'Large language models are trained in two stages: (1) unsupervised pretraining from raw text, to learn general-purpose representations, and (2) large scale instruction tuning and reinforcement learning, to better align to end tasks and user preferences. We measure the relative importance of these two stages by training LIMA, a 65B parameter LLaMa language model fine-tuned with the standard supervised loss on only 1,000 carefully curated prompts and responses, without any reinforcement learning or human preference modeling. LIMA demonstrates remarkably strong performance, learning to follow specific response formats from only a handful of examples in the training data, including complex queries that range from planning trip itineraries to speculating about alternate history. Moreover, the model tends to generalize well to unseen tasks that did not appear in the training data. In a controlled human study, responses from LIMA are either equivalent or strictly preferred to GPT-4 in 43% of cases; this statistic is as high as 58% when compared to Bard and 65% versus DaVinci003, which was trained with human feedback. Taken together, these results strongly suggest that almost all knowledge in large language models is learned during pretraining, and only limited instruction tuning data is necessary to teach models to produce high quality output.';

describe('summarizeAbstract', () => {
  it('picks the "we introduce X" sentence over the background opening, trimmed of "In this paper,"', () => {
    const { tldr } = summarizeAbstract({ abstract: ADAPTIVE_ABSTRACT });
    expect(tldr).toBe(
      'We introduce Residual Echo Networks, a message passing architecture that keeps node features distinct across many layers.',
    );
  });

  it('adds the points that fit in 40 % of a short abstract: here the gap, without its connective', () => {
    const { points } = summarizeAbstract({ abstract: ADAPTIVE_ABSTRACT });
    expect(points).toEqual([
      {
        kind: 'problem',
        text: 'Existing message passing schemes suffer from over-smoothing, which limits their depth.',
      },
    ]);
  });

  it('summarizes a seed abstract: Megalodon is introduced, points are cut to their claim, and the code link is no point', () => {
    const summary = summarizeAbstract({
      title: 'Megalodon: Efficient LLM Pretraining and Inference with Unlimited Context Length',
      abstract: MEGALODON,
    });
    expect(summary.tldr).toBe(
      'We introduce Megalodon, a neural architecture for efficient sequence modeling with unlimited context length.',
    );
    // The contrast after ", and while" and the list of components do not make the points.
    expect(summary.points).toEqual([
      {
        kind: 'problem',
        text: 'The quadratic complexity and weak length extrapolation of Transformers limits their ability to scale to long sequences.',
      },
      {
        kind: 'result',
        text: 'In a controlled head-to-head comparison with Llama2, Megalodon achieves better efficiency than Transformer in the scale of 7 billion parameters and 2 trillion training tokens.',
      },
    ]);
  });

  it('keeps TL;DR and points within 40 % of the words of a seed abstract (it was 96 % for Megalodon)', () => {
    for (const abstract of [MEGALODON, PICK_A_PIC, LIMA]) {
      const { tldr, points } = summarizeAbstract({ abstract });
      const said = [tldr, ...points.map((p) => p.text)].join(' ');
      expect(words(said).length).toBeLessThanOrEqual(0.4 * words(abstract).length);
    }
  });

  it("puts LIMA's conclusion among its points, as a result, without the connective", () => {
    const { points } = summarizeAbstract({
      title: 'LIMA: Less Is More for Alignment',
      abstract: LIMA,
    });
    expect(points).toContainEqual({
      kind: 'result',
      text: 'These results strongly suggest that almost all knowledge in large language models is learned during pretraining, and only limited instruction tuning data is necessary to teach models to produce high quality output.',
    });
  });

  it('summarizes a seed abstract: the dataset the title names is the TL;DR', () => {
    const summary = summarizeAbstract({
      title: 'Pick-a-Pic: An Open Dataset of User Preferences for Text-to-Image Generation',
      abstract: PICK_A_PIC,
    });
    // "Using this web app" leans on the sentence before; the TL;DR is read alone, so it goes.
    expect(summary.tldr).toBe(
      "We build Pick-a-Pic, a large, open dataset of text-to-image prompts and real users' preferences over generated images.",
    );
    expect(summary.points[0]).toEqual({
      kind: 'problem',
      text: 'The ability to collect a large dataset of human preferences from text-to-image users is usually limited to companies.',
    });
    expect(summary.points.length).toBeGreaterThanOrEqual(2);
    expect(summary.points.length).toBeLessThanOrEqual(4);
  });

  it('keeps points in abstract order and never repeats the TL;DR among them', () => {
    for (const abstract of [ADAPTIVE_ABSTRACT, MEGALODON, PICK_A_PIC]) {
      const { tldr, points } = summarizeAbstract({ abstract });
      const order = points.map((p) => abstract.indexOf(p.text.slice(1, 40)));
      expect(order.every((at) => at >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(points.some((p) => p.text === tldr)).toBe(false);
    }
  });

  it('passes over a sentence that leans on an earlier one for a TL;DR that stands alone', () => {
    const abstract =
      'Captioning models ignore the alt-texts of web images. ' +
      'We collect human edits of alt-texts that re-align them to the image content. ' +
      'We train a captioner on this data that re-aligns alt-texts at web scale, and we release the captioner with its captions.';
    const { tldr } = summarizeAbstract({ abstract });
    expect(tldr).toBe(
      'We collect human edits of alt-texts that re-align them to the image content.',
    );
  });

  it('uses the title to choose among contribution sentences', () => {
    const abstract =
      'We propose a cheap data filter for web text. We also propose Spectral Dropout, a regulariser for deep convolutional networks.';
    expect(summarizeAbstract({ abstract }).tldr).toBe(
      'We propose a cheap data filter for web text.',
    );
    expect(summarizeAbstract({ title: 'Spectral Dropout for Deep Networks', abstract }).tldr).toBe(
      'We also propose Spectral Dropout, a regulariser for deep convolutional networks.',
    );
  });

  it('drops short parentheticals from the TL;DR but keeps them in the points', () => {
    const abstract =
      'Mixed precision training is widely used to train large models on modern accelerators. ' +
      'We propose adaptive loss scaling (ALS), which sets a loss scale per layer during training (Smith et al., 2020). ' +
      'Experiments show that ALS converges faster than static scaling on image and speech tasks.';
    const { tldr } = summarizeAbstract({ abstract });
    expect(tldr).toBe(
      'We propose adaptive loss scaling, which sets a loss scale per layer during training.',
    );
  });

  it('gives a one-sentence abstract its sentence as the TL;DR and no points', () => {
    expect(
      summarizeAbstract({ abstract: 'We propose a new optimiser for sparse models.' }),
    ).toEqual({
      tldr: 'We propose a new optimiser for sparse models.',
      points: [],
    });
  });

  it('gives fewer points to short abstracts: none when the TL;DR is half of it already', () => {
    const { points } = summarizeAbstract({
      abstract:
        'Training large models is expensive. We propose a cheaper schedule that halves the cost.',
    });
    expect(points).toEqual([]);
  });

  it('copes with empty, blank, one-word and unpunctuated abstracts', () => {
    expect(summarizeAbstract({ abstract: '' })).toEqual({ tldr: '', points: [] });
    expect(summarizeAbstract({ abstract: '  \n ' })).toEqual({ tldr: '', points: [] });
    expect(summarizeAbstract({ abstract: 'Transformers' })).toEqual({
      tldr: 'Transformers',
      points: [],
    });
    const run = 'we study attention in long documents and find that it saturates';
    expect(summarizeAbstract({ title: '', abstract: run })).toEqual({ tldr: run, points: [] });
  });

  it('does not throw on inputs that are not what the types promise', () => {
    const broken = { abstract: undefined, title: 42 } as unknown as { abstract: string };
    expect(summarizeAbstract(broken)).toEqual({ tldr: '', points: [] });
  });

  it('reads at most a bounded prefix of a huge abstract', () => {
    const huge = `${'We measure a thing. '.repeat(5_000)}Unseen tail sentence.`;
    expect(huge.length).toBeGreaterThan(100_000);
    const summary = summarizeAbstract({ abstract: huge });
    expect(summary.tldr).toBe('We measure a thing.');
    expect(summary.points.length).toBeLessThanOrEqual(4);
    expect(MAX_ABSTRACT_CHARS).toBeLessThan(huge.length);
    // Text without sentence punctuation is one "sentence": it comes back cut at a word, marked.
    const oneRun = summarizeAbstract({ abstract: 'token '.repeat(20_000) });
    expect(oneRun.tldr.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(oneRun.tldr).toMatch(/^token token .*token\u2026$/);
  });

  it('is deterministic and only ever extracts words of the abstract (property)', () => {
    const sentence = fc
      .array(
        fc.constantFrom(
          'we',
          'propose',
          'introduce',
          'however',
          'results',
          'show',
          'model',
          'In this paper,',
          'To this end,',
          '(ABC)',
          'e.g.',
          '12%',
          'the',
          'data',
          'Fig. 2',
        ),
        { minLength: 1, maxLength: 20 },
      )
      .map((ws) => `${ws.join(' ')}.`);
    const abstract = fc.oneof(
      fc.array(sentence, { maxLength: 10 }).map((s) => s.join(' ')),
      fc.string(),
    );
    fc.assert(
      fc.property(abstract, fc.option(fc.string(), { nil: undefined }), (text, title) => {
        const first = summarizeAbstract({ title, abstract: text });
        expect(summarizeAbstract({ title, abstract: text })).toEqual(first);
        expectExtracted(first.tldr, text);
        expect(first.points.length).toBeLessThanOrEqual(4);
        expect(first.points.length).toBeLessThan(Math.max(1, splitSentences(text).length));
        for (const point of first.points) {
          expect(['problem', 'method', 'result']).toContain(point.kind);
          expectExtracted(point.text, text);
        }
        if (text.trim() !== '') expect(first.tldr).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
