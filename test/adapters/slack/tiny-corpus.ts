import type { Paper } from '../../../src/index.ts';

/**
 * A handful of papers for tests that run the real engine. One has a hostile title and abstract,
 * to prove that corpus text can never ping a channel.
 */
export const TINY_CORPUS: Paper[] = [
  {
    id: '2305.11206',
    title: 'LIMA: Less Is More for Alignment',
    abstract:
      'Large language models are trained in two stages: unsupervised pretraining and instruction tuning. We fine-tune a language model on only one thousand carefully curated prompts and responses. The model shows strong alignment with human preferences, which suggests that almost all knowledge is learned during pretraining.',
    authors: ['Chunting Zhou', 'Pengfei Liu', 'Puxin Xu', 'Srini Iyer'],
    year: 2023,
    venue: 'NeurIPS 2023',
    arxiv: '2305.11206',
    url: 'https://arxiv.org/abs/2305.11206',
  },
  {
    id: '2404.08801',
    title: 'Megalodon: Efficient Long Context Pretraining and Inference',
    abstract:
      'The quadratic cost of attention limits long context modelling. We introduce Megalodon, an architecture with gated moving average attention for sequences of unlimited context length. In pretraining at scale it reaches lower loss than a Transformer baseline with the same compute.',
    authors: ['Xuezhe Ma', 'Xiaomeng Yang', 'Wenhan Xiong'],
    year: 2024,
    arxiv: '2404.08801',
    url: 'https://arxiv.org/abs/2404.08801',
  },
  {
    id: '2408.11039',
    title: 'Transfusion: Predict the Next Token and Diffuse Images with One Multi-Modal Model',
    abstract:
      'We present a recipe for training one multi-modal model over discrete and continuous data. Transfusion combines the language modelling loss with diffusion to train a single transformer over mixed text and image sequences. It scales better than quantizing images into discrete tokens.',
    authors: ['Chunting Zhou', 'Lili Yu', 'Arun Babu'],
    year: 2024,
    arxiv: '2408.11039',
    url: 'https://arxiv.org/abs/2408.11039',
  },
  {
    id: '2307.03172',
    title: 'Lost in the Middle: How Language Models Use Long Contexts',
    abstract:
      'We analyse how language models use long input contexts. Performance is highest when relevant information sits at the beginning or the end of the context, and degrades when models must access information in the middle of long contexts.',
    authors: ['Nelson F. Liu', 'Kevin Lin', 'John Hewitt'],
    year: 2023,
    venue: 'TACL',
    arxiv: '2307.03172',
    url: 'https://arxiv.org/abs/2307.03172',
  },
  {
    id: '2006.11239',
    title: 'Denoising Diffusion Probabilistic Models',
    abstract:
      'We present high quality image synthesis results using diffusion probabilistic models, a class of latent variable models inspired by nonequilibrium thermodynamics. Our best results come from training on a weighted variational bound.',
    authors: ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'],
    year: 2020,
    venue: 'NeurIPS 2020',
    arxiv: '2006.11239',
    url: 'https://arxiv.org/abs/2006.11239',
  },
  {
    id: 'hostile-1',
    title: 'Attention <!channel> & <@U0ALICE> is all you <!here> need',
    abstract:
      'A hostile abstract with <!everyone> and <https://evil.example|a link> and R&D > none. Attention mechanisms are studied in depth here.',
    authors: ['Mallory <!channel>'],
    year: 2021,
    url: 'https://example.org/paper?a=1&b=2',
  },
];
