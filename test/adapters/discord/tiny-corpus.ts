import { createEngine, type Engine, type Paper } from '../../../src/index.ts';

/** A handful of papers, enough for pages, similar papers and a digest. */
export const PAPERS: Paper[] = [
  {
    id: '2305.11206',
    arxiv: '2305.11206',
    url: 'https://arxiv.org/abs/2305.11206',
    title: 'LIMA: Less Is More for Alignment',
    abstract:
      'Large language models are trained in two stages. We fine-tune a 65B LLaMa model on only 1,000 carefully curated prompts and responses. Results show that LIMA responses are equivalent or preferred to GPT-4 in 43% of cases, suggesting alignment needs little instruction data.',
    authors: ['Chunting Zhou', 'Pengfei Liu', 'Puxin Xu', 'Srini Iyer', 'Jiao Sun'],
    year: 2023,
    venue: 'NeurIPS',
  },
  {
    id: '2305.13048',
    arxiv: '2305.13048',
    url: 'https://arxiv.org/abs/2305.13048',
    title: 'RWKV: Reinventing RNNs for the Transformer Era',
    abstract:
      'Transformers suffer from memory and computational complexity that scales quadratically with sequence length. We propose RWKV, combining efficient parallelizable training of transformers with the efficient inference of RNNs for long context.',
    authors: ['Bo Peng', 'Eric Alcaide'],
    year: 2023,
  },
  {
    id: '2404.08801',
    arxiv: '2404.08801',
    url: 'https://arxiv.org/abs/2404.08801',
    title: 'Megalodon: Efficient LLM Pretraining and Inference with Unlimited Context Length',
    abstract:
      'The quadratic complexity of transformers limits long context. We introduce Megalodon, a neural architecture for efficient sequence modeling with unlimited context length. Megalodon achieves better efficiency than Transformer at the scale of 7 billion parameters.',
    authors: ['Xuezhe Ma', 'Xiaomeng Yang', 'Wenhan Xiong'],
    year: 2024,
  },
  {
    id: '2408.11039',
    arxiv: '2408.11039',
    url: 'https://arxiv.org/abs/2408.11039',
    title: 'Transfusion: Predict the Next Token and Diffuse Images with One Multi-Modal Model',
    abstract:
      'We introduce Transfusion, a recipe for training a multi-modal model over discrete and continuous data. Transfusion combines the language modeling loss with diffusion to train a single transformer over mixed-modality sequences.',
    authors: ['Chunting Zhou', 'Lili Yu', 'Arun Babu'],
    year: 2024,
  },
  {
    id: '2310.01889',
    arxiv: '2310.01889',
    title: 'Ring Attention with Blockwise Transformers for Near-Infinite Context',
    abstract:
      'Transformers have emerged as the architecture of choice but their memory demands limit long context. We present Ring Attention, which distributes long sequences across devices while overlapping communication with blockwise attention.',
    authors: ['Hao Liu', 'Matei Zaharia', 'Pieter Abbeel'],
    year: 2023,
  },
  {
    id: '2112.10752',
    arxiv: '2112.10752',
    title: 'High-Resolution Image Synthesis with Latent Diffusion Models',
    abstract:
      'Diffusion models achieve state-of-the-art synthesis results on image data. We apply them in the latent space of powerful pretrained autoencoders, reaching a near-optimal point between complexity reduction and detail preservation.',
    authors: [
      'Robin Rombach',
      'Andreas Blattmann',
      'Dominik Lorenz',
      'Patrick Esser',
      'Björn Ommer',
    ],
    year: 2022,
    venue: 'CVPR',
  },
  {
    id: '2307.08691',
    arxiv: '2307.08691',
    title: 'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning',
    abstract:
      'Scaling transformers to longer sequence lengths has been a major problem. Attention is the bottleneck for long context. We propose FlashAttention-2, with better work partitioning, reaching 2x speedup.',
    authors: ['Tri Dao'],
    year: 2023,
  },
  {
    id: '2309.16039',
    arxiv: '2309.16039',
    title: 'Effective Long-Context Scaling of Foundation Models',
    abstract:
      'We present a series of long context LLMs that support effective context windows of up to 32,768 tokens, built through continual pretraining from Llama 2 with longer training sequences.',
    authors: [
      'Wenhan Xiong',
      'Jingyu Liu',
      'Igor Molybog',
      'Hejia Zhang',
      'Prajjwal Bhargava',
      'Rui Hou',
    ],
    year: 2023,
  },
];

/** A real engine over the tiny corpus (never a mock). */
export async function tinyEngine(papers: Paper[] = PAPERS): Promise<Engine> {
  return await createEngine(papers);
}
