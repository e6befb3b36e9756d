import type { WatchItem, WatchPostView } from '../../../adapters/shared/watch-port.ts';
import type { PaperCard } from '../../../src/index.ts';

/** Paper `i` of a watch post: arXiv id 2601.0000i, titled "Paper i+1". */
export function watchItem(i: number, overrides: Partial<WatchItem> = {}): WatchItem {
  const arxiv = `2601.${String(i).padStart(5, '0')}`;
  const card: PaperCard = {
    id: arxiv,
    arxiv,
    title: `Paper ${i + 1}`,
    url: `https://arxiv.org/abs/${arxiv}`,
    authors: ['Chunting Zhou', 'Pengfei Liu', 'Puxin Xu', 'Srini Iyer', 'Jiao Sun'],
    authorsShort: 'Chunting Zhou, Pengfei Liu, Puxin Xu +2',
    year: 2026,
  };
  return {
    card,
    tldr: `Paper ${i + 1} does a thing.`,
    why: 'matches "long context"; close to your Megalodon',
    ...overrides,
  };
}

/** A watch post of `count` papers from watch "w7" on 2026-05-01. */
export function watchPost(count: number, overrides: Partial<WatchPostView> = {}): WatchPostView {
  return {
    kind: 'watch',
    date: '2026-05-01',
    watchId: 'w7',
    heading: 'New in cs.CL · 1 May — 3 of 143 announced',
    items: Array.from({ length: count }, (_, i) => watchItem(i)),
    ...overrides,
  };
}
