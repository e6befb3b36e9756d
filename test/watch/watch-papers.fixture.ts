import type { Paper, WatchProfile, WatchTerms } from '../../src/index.ts';

/** A paper with overrides; the defaults are valid and unremarkable. */
export function paper(overrides: Partial<Paper> & { id: string }): Paper {
  return {
    title: `Paper ${overrides.id}`,
    abstract: 'An unremarkable abstract about methods.',
    authors: ['Ada Lovelace'],
    ...overrides,
  };
}

/** Watch terms with overrides (none by default). */
export function terms(overrides: Partial<WatchTerms> = {}): WatchTerms {
  return { keywords: [], phrases: [], authors: [], exclude: [], ...overrides };
}

/** A profile with overrides (empty by default). */
export function profile(overrides: Partial<WatchProfile> = {}): WatchProfile {
  return { library: [], liked: [], disliked: [], ...overrides };
}

/** A lab library about long-context transformers. */
export const LONG_CONTEXT_LIBRARY: Paper[] = [
  paper({
    id: 'megalodon',
    title: 'Megalodon: Efficient LLM Pretraining and Inference with Unlimited Context Length',
    abstract:
      'The quadratic complexity of transformers makes long context modeling expensive. Megalodon is a neural architecture for efficient sequence modeling with unlimited context length, using chunk-wise attention and moving averages; it outperforms transformers on long context benchmarks.',
    authors: ['Xuezhe Ma', 'Chunting Zhou', 'Omer Levy'],
    arxiv: '2404.08801',
  }),
  paper({
    id: 'scrolls',
    title: 'SCROLLS: Standardized CompaRison Over Long Language Sequences',
    abstract:
      'NLP benchmarks have largely focused on short texts. We introduce SCROLLS, a suite of tasks that require reasoning over long texts, to evaluate long context transformers and their attention over long sequences.',
    authors: ['Uri Shaham', 'Omer Levy'],
    arxiv: '2201.03533',
  }),
  paper({
    id: 'memorizing',
    title: 'Memorizing Transformers',
    abstract:
      'Language models typically need to be trained or fine-tuned to acquire new knowledge. We extend transformers with a memory of past key value pairs so attention reaches a context of 262k tokens, and long documents become cheaper to model.',
    authors: ['Yuhuai Wu', 'Markus Rabe'],
  }),
];

/** A day's announcement: some on long context, some on images, some on other things. */
export const DAY: Paper[] = [
  paper({
    id: 'diffusion',
    title: 'Sharper Image Generation with Latent Diffusion Models',
    abstract:
      'We improve text-to-image generation by training latent diffusion models on curated image captions; generated images are preferred by human raters over prior image generation models.',
    authors: ['Robin Rombach', 'Patrick Esser'],
    arxiv: '2412.00001',
  }),
  paper({
    id: 'ring',
    title: 'Ring Attention for Million-Token Context in Transformers',
    abstract:
      'Long context transformers are limited by the memory of self-attention. We distribute attention over devices in a ring, so transformers process sequences of a million tokens, and evaluate long context language modeling.',
    authors: ['Hao Liu', 'Pieter Abbeel'],
    arxiv: '2412.00002',
  }),
  paper({
    id: 'gan',
    title: 'Style-Based Generators for Photorealistic Faces',
    abstract:
      'A style-based generator architecture for generative adversarial networks produces photorealistic face images with control over image style.',
    authors: ['Tero Karras'],
    arxiv: '2412.00003',
  }),
  paper({
    id: 'speech',
    title: 'Streaming Speech Recognition with Small Models',
    abstract:
      'We train compact speech recognition models for on-device streaming transcription with low latency.',
    authors: ['Ada Lovelace', 'Omer Levy'],
    arxiv: '2412.00004',
  }),
  paper({
    id: 'rope',
    title: 'Extending Rotary Position Embeddings to Long Context',
    abstract:
      'Rotary position embeddings fail beyond the training length. We interpolate positions so pretrained transformers extend their context window to 128k tokens with little fine-tuning on long documents.',
    authors: ['Bowen Peng'],
    arxiv: '2412.00005',
  }),
  paper({
    id: 'retrieval',
    title: 'Dense Retrieval for Open-Domain Question Answering',
    abstract:
      'Passages are retrieved with dense embeddings from a dual encoder, improving question answering over sparse retrieval baselines.',
    authors: ['Vladimir Karpukhin'],
    arxiv: '2412.00006',
  }),
];
