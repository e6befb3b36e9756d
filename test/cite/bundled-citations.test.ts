import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { citePaper } from '../../src/cite/cite-paper.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import type { Paper } from '../../src/types.ts';

const corpus = fileURLToPath(new URL('../../corpus', import.meta.url));

/**
 * Every bundled paper in every format, written out in full. A published paper is cited by its
 * venue and the venue's year (Transfusion: ICLR 2025, though on arXiv since 2024), with its arXiv
 * id kept as the eprint; a preprint by its arXiv year.
 */
const EXPECTED = [
  {
    arxiv: '2410.17251',
    bibtex: [
      '@inproceedings{xu2024altogether,',
      '  author = {Xu, Hu and Huang, Po-Yao and Tan, Xiaoqing Ellen and Yeh, Ching-Feng and Kahn, Jacob and Jou, Christine and Ghosh, Gargi and Levy, Omer and Zettlemoyer, Luke and Yih, Wen-tau and Li, Shang-Wen and Xie, Saining and Feichtenhofer, Christoph},',
      '  title = {Altogether: Image Captioning via Re-aligning Alt-text},',
      '  booktitle = {EMNLP 2024},',
      '  year = {2024},',
      '  eprint = {2410.17251},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2410.17251}',
      '}',
    ].join('\n'),
    apa: 'Xu, H., Huang, P.-Y., Tan, X. E., Yeh, C.-F., Kahn, J., Jou, C., Ghosh, G., Levy, O., Zettlemoyer, L., Yih, W., Li, S.-W., Xie, S., & Feichtenhofer, C. (2024). Altogether: Image Captioning via Re-aligning Alt-text. EMNLP 2024. https://arxiv.org/abs/2410.17251',
    mla: 'Xu, Hu, et al. "Altogether: Image Captioning via Re-aligning Alt-text." EMNLP 2024, https://arxiv.org/abs/2410.17251.',
  },
  {
    arxiv: '2410.15466',
    bibtex: [
      '@misc{yona2024keep,',
      '  author = {Yona, Gal and Honovich, Or and Levy, Omer and Aharoni, Roee},',
      '  title = {Keep Guessing? When Considering Inference Scaling, Mind the Baselines},',
      '  year = {2024},',
      '  eprint = {2410.15466},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2410.15466}',
      '}',
    ].join('\n'),
    apa: 'Yona, G., Honovich, O., Levy, O., & Aharoni, R. (2024). Keep Guessing? When Considering Inference Scaling, Mind the Baselines (arXiv:2410.15466). arXiv. https://arxiv.org/abs/2410.15466',
    mla: 'Yona, Gal, et al. "Keep Guessing? When Considering Inference Scaling, Mind the Baselines." arXiv, 2024, https://arxiv.org/abs/2410.15466.',
  },
  {
    arxiv: '2408.11039',
    bibtex: [
      '@inproceedings{zhou2025transfusion,',
      '  author = {Zhou, Chunting and Yu, Lili and Babu, Arun and Tirumala, Kushal and Yasunaga, Michihiro and Shamis, Leonid and Kahn, Jacob and Ma, Xuezhe and Zettlemoyer, Luke and Levy, Omer},',
      '  title = {Transfusion: Predict the Next Token and Diffuse Images with One Multi-Modal Model},',
      '  booktitle = {ICLR 2025},',
      '  year = {2025},',
      '  eprint = {2408.11039},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2408.11039}',
      '}',
    ].join('\n'),
    apa: 'Zhou, C., Yu, L., Babu, A., Tirumala, K., Yasunaga, M., Shamis, L., Kahn, J., Ma, X., Zettlemoyer, L., & Levy, O. (2025). Transfusion: Predict the Next Token and Diffuse Images with One Multi-Modal Model. ICLR 2025. https://arxiv.org/abs/2408.11039',
    mla: 'Zhou, Chunting, et al. "Transfusion: Predict the Next Token and Diffuse Images with One Multi-Modal Model." ICLR 2025, https://arxiv.org/abs/2408.11039.',
  },
  {
    arxiv: '2404.08801',
    bibtex: [
      '@inproceedings{ma2024megalodon,',
      '  author = {Ma, Xuezhe and Yang, Xiaomeng and Xiong, Wenhan and Chen, Beidi and Yu, Lili and Zhang, Hao and May, Jonathan and Zettlemoyer, Luke and Levy, Omer and Zhou, Chunting},',
      '  title = {Megalodon: Efficient {LLM} Pretraining and Inference with Unlimited Context Length},',
      '  booktitle = {NeurIPS 2024},',
      '  year = {2024},',
      '  eprint = {2404.08801},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2404.08801}',
      '}',
    ].join('\n'),
    apa: 'Ma, X., Yang, X., Xiong, W., Chen, B., Yu, L., Zhang, H., May, J., Zettlemoyer, L., Levy, O., & Zhou, C. (2024). Megalodon: Efficient LLM Pretraining and Inference with Unlimited Context Length. NeurIPS 2024. https://arxiv.org/abs/2404.08801',
    mla: 'Ma, Xuezhe, et al. "Megalodon: Efficient LLM Pretraining and Inference with Unlimited Context Length." NeurIPS 2024, https://arxiv.org/abs/2404.08801.',
  },
  {
    arxiv: '2310.15123',
    bibtex: [
      '@inproceedings{saha2024branch,',
      '  author = {Saha, Swarnadeep and Levy, Omer and Celikyilmaz, Asli and Bansal, Mohit and Weston, Jason and Li, Xian},',
      '  title = {Branch-Solve-Merge Improves Large Language Model Evaluation and Generation},',
      '  booktitle = {NAACL 2024},',
      '  year = {2024},',
      '  eprint = {2310.15123},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2310.15123}',
      '}',
    ].join('\n'),
    apa: 'Saha, S., Levy, O., Celikyilmaz, A., Bansal, M., Weston, J., & Li, X. (2024). Branch-Solve-Merge Improves Large Language Model Evaluation and Generation. NAACL 2024. https://arxiv.org/abs/2310.15123',
    mla: 'Saha, Swarnadeep, et al. "Branch-Solve-Merge Improves Large Language Model Evaluation and Generation." NAACL 2024, https://arxiv.org/abs/2310.15123.',
  },
  {
    arxiv: '2310.07106',
    bibtex: [
      '@misc{goldstein2023temporal,',
      '  author = {Goldstein, Ariel and Ham, Eric and Schain, Mariano and Nastase, Samuel and Zada, Zaid and Dabush, Avigail and Aubrey, Bobbi and Gazula, Harshvardhan and Feder, Amir and Doyle, Werner K and Devore, Sasha and Dugan, Patricia and Friedman, Daniel and Reichart, Roi and Brenner, Michael and Hassidim, Avinatan and Devinsky, Orrin and Flinker, Adeen and Levy, Omer and Hasson, Uri},',
      '  title = {The Temporal Structure of Language Processing in the Human Brain Corresponds to The Layered Hierarchy of Deep Language Models},',
      '  year = {2023},',
      '  eprint = {2310.07106},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2310.07106}',
      '}',
    ].join('\n'),
    apa: 'Goldstein, A., Ham, E., Schain, M., Nastase, S., Zada, Z., Dabush, A., Aubrey, B., Gazula, H., Feder, A., Doyle, W. K., Devore, S., Dugan, P., Friedman, D., Reichart, R., Brenner, M., Hassidim, A., Devinsky, O., Flinker, A., Levy, O., & Hasson, U. (2023). The Temporal Structure of Language Processing in the Human Brain Corresponds to The Layered Hierarchy of Deep Language Models (arXiv:2310.07106). arXiv. https://arxiv.org/abs/2310.07106',
    mla: 'Goldstein, Ariel, et al. "The Temporal Structure of Language Processing in the Human Brain Corresponds to The Layered Hierarchy of Deep Language Models." arXiv, 2023, https://arxiv.org/abs/2310.07106.',
  },
  {
    arxiv: '2308.06259',
    bibtex: [
      '@inproceedings{li2024self,',
      '  author = {Li, Xian and Yu, Ping and Zhou, Chunting and Schick, Timo and Levy, Omer and Zettlemoyer, Luke and Weston, Jason and Lewis, Mike},',
      '  title = {Self-Alignment with Instruction Backtranslation},',
      '  booktitle = {ICLR 2024},',
      '  year = {2024},',
      '  eprint = {2308.06259},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2308.06259}',
      '}',
    ].join('\n'),
    apa: 'Li, X., Yu, P., Zhou, C., Schick, T., Levy, O., Zettlemoyer, L., Weston, J., & Lewis, M. (2024). Self-Alignment with Instruction Backtranslation. ICLR 2024. https://arxiv.org/abs/2308.06259',
    mla: 'Li, Xian, et al. "Self-Alignment with Instruction Backtranslation." ICLR 2024, https://arxiv.org/abs/2308.06259.',
  },
  {
    arxiv: '2305.14196',
    bibtex: [
      '@inproceedings{shaham2023zeroscrolls,',
      '  author = {Shaham, Uri and Ivgi, Maor and Efrat, Avia and Berant, Jonathan and Levy, Omer},',
      '  title = {{ZeroSCROLLS}: A Zero-Shot Benchmark for Long Text Understanding},',
      '  booktitle = {Findings of EMNLP 2023},',
      '  year = {2023},',
      '  eprint = {2305.14196},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2305.14196}',
      '}',
    ].join('\n'),
    apa: 'Shaham, U., Ivgi, M., Efrat, A., Berant, J., & Levy, O. (2023). ZeroSCROLLS: A Zero-Shot Benchmark for Long Text Understanding. Findings of EMNLP 2023. https://arxiv.org/abs/2305.14196',
    mla: 'Shaham, Uri, et al. "ZeroSCROLLS: A Zero-Shot Benchmark for Long Text Understanding." Findings of EMNLP 2023, https://arxiv.org/abs/2305.14196.',
  },
  {
    arxiv: '2305.11206',
    bibtex: [
      '@inproceedings{zhou2023lima,',
      '  author = {Zhou, Chunting and Liu, Pengfei and Xu, Puxin and Iyer, Srini and Sun, Jiao and Mao, Yuning and Ma, Xuezhe and Efrat, Avia and Yu, Ping and Yu, Lili and Zhang, Susan and Ghosh, Gargi and Lewis, Mike and Zettlemoyer, Luke and Levy, Omer},',
      '  title = {{LIMA}: Less Is More for Alignment},',
      '  booktitle = {NeurIPS 2023},',
      '  year = {2023},',
      '  eprint = {2305.11206},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2305.11206}',
      '}',
    ].join('\n'),
    apa: 'Zhou, C., Liu, P., Xu, P., Iyer, S., Sun, J., Mao, Y., Ma, X., Efrat, A., Yu, P., Yu, L., Zhang, S., Ghosh, G., Lewis, M., Zettlemoyer, L., & Levy, O. (2023). LIMA: Less Is More for Alignment. NeurIPS 2023. https://arxiv.org/abs/2305.11206',
    mla: 'Zhou, Chunting, et al. "LIMA: Less Is More for Alignment." NeurIPS 2023, https://arxiv.org/abs/2305.11206.',
  },
  {
    arxiv: '2305.01569',
    bibtex: [
      '@inproceedings{kirstain2023pick,',
      '  author = {Kirstain, Yuval and Polyak, Adam and Singer, Uriel and Matiana, Shahbuland and Penna, Joe and Levy, Omer},',
      '  title = {{Pick-a-Pic}: An Open Dataset of User Preferences for {Text-to-Image} Generation},',
      '  booktitle = {NeurIPS 2023},',
      '  year = {2023},',
      '  eprint = {2305.01569},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2305.01569}',
      '}',
    ].join('\n'),
    apa: 'Kirstain, Y., Polyak, A., Singer, U., Matiana, S., Penna, J., & Levy, O. (2023). Pick-a-Pic: An Open Dataset of User Preferences for Text-to-Image Generation. NeurIPS 2023. https://arxiv.org/abs/2305.01569',
    mla: 'Kirstain, Yuval, et al. "Pick-a-Pic: An Open Dataset of User Preferences for Text-to-Image Generation." NeurIPS 2023, https://arxiv.org/abs/2305.01569.',
  },
];

describe('citations of the bundled corpus', () => {
  let papers: Paper[];
  beforeAll(async () => {
    ({ papers } = await loadCorpus(corpus));
  });

  it.each(EXPECTED)('cites $arxiv in BibTeX, APA and MLA', ({ arxiv, bibtex, apa, mla }) => {
    const paper = papers.find((p) => p.arxiv === arxiv)!;
    expect(citePaper(paper, 'bibtex')).toBe(bibtex);
    expect(citePaper(paper, 'apa')).toBe(apa);
    expect(citePaper(paper, 'mla')).toBe(mla);
  });

  it('covers all ten papers', () => {
    expect(papers.map((p) => p.arxiv).sort()).toEqual(EXPECTED.map((e) => e.arxiv).sort());
  });
});
