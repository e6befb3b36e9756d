/**
 * The order an index built afresh over a growing index's live papers would number terms in:
 * by the first live paper holding each, then by where each first occurs in that paper. Ranking
 * breaks ties between equally weighted terms by this order (a built index by its term ids), so
 * a grown index picks the same expansions and feedback terms as a fresh build.
 */
export interface TermOrderSource {
  /** The first live document holding a term, or +∞. */
  firstLiveDoc(term: number): number;
  /** A document's terms in the order a build reads them (title, abstract, authors). */
  termsOf(doc: number): readonly (number | undefined)[];
}

/** Papers whose term positions are kept between comparisons. */
const POSITIONS_KEPT = 64;

/** A comparison of term ids in fresh-build order. */
export function createTermOrder(source: TermOrderSource): (a: number, b: number) => number {
  // A sort compares terms of the same few papers again and again: their term positions are kept
  // (a paper's text never changes), a bounded number of papers at a time.
  const cache = new Map<number, Map<number, number>>();
  const firstLiveDoc = source.firstLiveDoc;
  const positionIn = (doc: number, term: number): number => {
    let positions = cache.get(doc);
    if (!positions) {
      positions = new Map<number, number>();
      for (const id of source.termsOf(doc)) {
        if (id !== undefined && !positions.has(id)) positions.set(id, positions.size);
      }
      if (cache.size >= POSITIONS_KEPT) cache.clear();
      cache.set(doc, positions);
    }
    return positions.get(term) ?? Number.POSITIVE_INFINITY;
  };

  return (a, b) => {
    if (a === b) return 0;
    const da = firstLiveDoc(a);
    const db = firstLiveDoc(b);
    if (da !== db) return da < db ? -1 : 1;
    if (da === Number.POSITIVE_INFINITY) return a - b;
    const pa = positionIn(da, a);
    const pb = positionIn(da, b);
    return pa === pb ? a - b : pa < pb ? -1 : 1;
  };
}
