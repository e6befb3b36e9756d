/**
 * The order an index built afresh over a growing index's live papers would number terms in:
 * by the first live paper holding each, then by where each first occurs in that paper. Ranking
 * breaks ties between equally weighted terms by this order (a built index by its term ids), so
 * a grown index picks the same expansions and feedback terms as a fresh build.
 */
export interface TermOrderSource {
  /** Document numbers holding a term, ascending, live or not. */
  docsOf(term: number): Iterable<number>;
  isLive(doc: number): boolean;
  /** A document's terms in the order a build reads them (title, abstract, authors). */
  termsOf(doc: number): Iterable<number | undefined>;
}

/** A comparison of term ids in fresh-build order. */
export function createTermOrder(source: TermOrderSource): (a: number, b: number) => number {
  // Ties come in runs within one sort: the last paper's term positions are kept.
  let cached: { doc: number; positions: Map<number, number> } | undefined;

  const firstLiveDoc = (term: number): number => {
    for (const doc of source.docsOf(term)) if (source.isLive(doc)) return doc;
    return Number.POSITIVE_INFINITY;
  };
  const positionIn = (doc: number, term: number): number => {
    if (cached?.doc !== doc) {
      const positions = new Map<number, number>();
      for (const id of source.termsOf(doc)) {
        if (id !== undefined && !positions.has(id)) positions.set(id, positions.size);
      }
      cached = { doc, positions };
    }
    return cached.positions.get(term) ?? Number.POSITIVE_INFINITY;
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
