/**
 * `npm run bench:watch -- --data DIR`: how well a watch ranks by a channel's profile, measured
 * as query-by-example on judged collections (Cranfield, SciFact's training claims).
 *
 * For every query with at least four relevant papers, a seeded half of them is the profile (the
 * lab's library); the rest of the collection, the profile removed, are the candidates, and the
 * held-out half is what the ranking should find: nDCG@10 and MAP. Then feedback as a channel
 * gives it: the top 10 become liked (relevant) or disliked (not), and the residual collection
 * (those 10 removed) is ranked again. Feedback is judged against the first ranking on the same
 * residual collection (its top 10 removed too), so both count the same papers; a query with no
 * held-out paper left after the first 10 has nothing to find there and drops out of those
 * columns (residual-collection evaluation).
 *
 * Each collection is indexed once, as a day's announcement is, and every query's profile is
 * ranked against that index: `rankCandidates` leaves out the papers the profile holds (library,
 * liked and disliked alike), so a query's candidates are the collection less its profile. Only
 * the statistics differ from a day's: idf and average lengths count the profile's few papers
 * too, which lowers the idf of the rare terms a profile shares with its held-out half.
 * `--reindex` indexes each ranking's candidates alone instead, as production does (the
 * profile, and for feedback the shown ten, left out of the statistics): exact, ten times slower.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  indexCandidates,
  type RankOptions,
  rankCandidates,
  type WatchProfile,
} from '../src/index.ts';
import { seededRandom } from './seeded-order.ts';
import {
  COLLECTIONS,
  type CollectionKey,
  qualifyingQueries,
  readCollection,
  type WatchCollection,
} from './watch-collections.ts';
import { averagePrecision, mean, ndcgAt10, splitRelevant } from './watch-metrics.ts';
import { parseModelSpec } from './watch-model-spec.ts';

const HELP = `npm run bench:watch -- --data DIR [options]

  --data DIR          the judged collections: DIR/cranfield/{corpus.jsonl,qrels.tsv}
                      and DIR/scifact/{corpus.jsonl,qrels_train.tsv}
  --models LIST       models to measure, comma-separated (default centroid,linear); the first
                      is the baseline the others are compared with query by query. Settings
                      after colons, e.g. linear:c=0.1:d=0.5 (see bench/watch-model-spec.ts)
  --collections LIST  cranfield,scifact (default both)
  --min-relevant N    queries with at least N relevant papers (default 4)
  --limit N           only the first N qualifying queries of each collection
  --seed S            seed of the profile split (default 42)
  --reindex           index each ranking's candidates alone, statistics without the
                      profile, as a day's index is built (exact, ten times slower)
  --gates             also count the papers each cosine gate lets through (ranks at
                      threshold 0, which explains every paper: slower)
`;

/** Cosines to the nearest profile paper whose gates are counted. */
const GATES = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4];

const TERMS = { keywords: [], phrases: [], authors: [], exclude: [] };

interface RunSettings {
  seed: string;
  reindex: boolean;
  gates: boolean;
}

/** One query's figures under one model. */
interface QueryFigures {
  ndcg: number;
  map: number;
  /** Absent when every held-out paper was in the first 10. */
  residual?: { ndcg: number; map: number; feedbackNdcg: number; feedbackMap: number };
  /** Per gate: papers over it, and how many of them are held-out ones. */
  flagged: Array<{ all: number; right: number }>;
  milliseconds: number;
}

/**
 * Ranks the collection less the profile's papers: on the collection's index (they are left out
 * as known to the channel), or with `reindex` on an index of the candidates alone.
 */
function rank(
  collection: WatchCollection,
  profile: WatchProfile,
  options: RankOptions,
  reindex: boolean,
) {
  const known = new Set([...profile.library, ...profile.liked, ...profile.disliked]);
  const index = reindex
    ? indexCandidates(collection.papers.filter((p) => !known.has(p)))
    : collection.index;
  return rankCandidates(index, TERMS, profile, options);
}

function measureQuery(
  collection: WatchCollection,
  [queryId, gains]: [string, Map<string, number>],
  options: RankOptions,
  run: RunSettings,
): QueryFigures {
  const split = splitRelevant([...gains.keys()], seededRandom(`${run.seed}:${queryId}`));
  const inProfile = new Set(split.profile);
  const library = collection.papers.filter((p) => inProfile.has(p.id));
  const heldGains = new Map(split.heldOut.map((id) => [id, gains.get(id) ?? 0]));

  const started = performance.now();
  // Threshold 0: every paper gets its nearest profile paper, so each gate can be counted here.
  const first = rank(
    collection,
    { library, liked: [], disliked: [] },
    run.gates ? { ...options, threshold: 0 } : options,
    run.reindex,
  );
  const milliseconds = performance.now() - started;
  const ids = first.map((r) => r.paper.id);
  const flagged = (run.gates ? GATES : []).map((gate) => {
    const over = first.filter(
      (r) => (r.reasons.find((reason) => reason.kind === 'similar')?.cosine ?? 0) >= gate,
    );
    return { all: over.length, right: over.filter((r) => heldGains.has(r.paper.id)).length };
  });
  const figures = {
    ndcg: ndcgAt10(ids, heldGains),
    map: averagePrecision(ids, heldGains),
    flagged,
    milliseconds,
  };

  const shown = new Set(ids.slice(0, 10));
  const residualGains = new Map([...heldGains].filter(([id]) => !shown.has(id)));
  if (residualGains.size === 0) return figures;
  const top = first.slice(0, 10).map((r) => r.paper);
  const liked = top.filter((p) => heldGains.has(p.id));
  const disliked = top.filter((p) => !heldGains.has(p.id));
  // The shown papers are liked or disliked now, so the ranking leaves them out by itself.
  const again = rank(collection, { library, liked, disliked }, options, run.reindex).map(
    (r) => r.paper.id,
  );
  const residualIds = ids.slice(10);
  return {
    ...figures,
    residual: {
      ndcg: ndcgAt10(residualIds, residualGains),
      map: averagePrecision(residualIds, residualGains),
      feedbackNdcg: ndcgAt10(again, residualGains),
      feedbackMap: averagePrecision(again, residualGains),
    },
  };
}

const f = (x: number): string => x.toFixed(3);

/** Better / worse / equal counts of `values` against `baseline`, query by query. */
function wins(values: readonly number[], baseline: readonly number[]): string {
  let better = 0;
  let worse = 0;
  values.forEach((v, i) => {
    const d = v - (baseline[i] ?? 0);
    if (d > 1e-9) better++;
    else if (d < -1e-9) worse++;
  });
  return `${better}/${worse}/${values.length - better - worse}`;
}

/** One table row: a model's means on a collection, and its nDCG@10 against the baseline's. */
function row(name: string, label: string, queries: QueryFigures[], baseline: QueryFigures[]) {
  const residual = queries.flatMap((q) => (q.residual ? [q.residual] : []));
  const gates = GATES.map((gate, g) => {
    const all = queries.reduce((sum, q) => sum + (q.flagged[g]?.all ?? 0), 0);
    const right = queries.reduce((sum, q) => sum + (q.flagged[g]?.right ?? 0), 0);
    return `${gate}: ${(all / Math.max(queries.length, 1)).toFixed(1)} (${all > 0 ? f(right / all) : '–'})`;
  });
  const feedbackWins = wins(
    residual.map((r) => r.feedbackNdcg),
    residual.map((r) => r.ndcg),
  );
  return [
    name,
    `${queries.length} (${residual.length} with feedback)`,
    label,
    f(mean(queries.map((q) => q.ndcg))),
    f(mean(queries.map((q) => q.map))),
    wins(
      queries.map((q) => q.ndcg),
      baseline.map((q) => q.ndcg),
    ),
    `${f(mean(residual.map((r) => r.ndcg)))} → ${f(mean(residual.map((r) => r.feedbackNdcg)))} (${feedbackWins})`,
    `${f(mean(residual.map((r) => r.map)))} → ${f(mean(residual.map((r) => r.feedbackMap)))}`,
    queries[0]?.flagged.length ? gates.join(', ') : '',
    mean(queries.map((q) => q.milliseconds)).toFixed(0),
  ];
}

/** A model's means over the collections: each collection counts once, whatever its size. */
function summary(label: string, perCollection: QueryFigures[][]) {
  const of = (pick: (q: QueryFigures[]) => number) => f(mean(perCollection.map(pick)));
  const residual = (q: QueryFigures[]) => q.flatMap((x) => (x.residual ? [x.residual] : []));
  return [
    label,
    of((q) => mean(q.map((x) => x.ndcg))),
    of((q) => mean(q.map((x) => x.map))),
    `${of((q) => mean(residual(q).map((r) => r.ndcg)))} → ${of((q) => mean(residual(q).map((r) => r.feedbackNdcg)))}`,
  ];
}

const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      models: { type: 'string' },
      collections: { type: 'string' },
      'min-relevant': { type: 'string' },
      limit: { type: 'string' },
      seed: { type: 'string' },
      reindex: { type: 'boolean' },
      gates: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.data) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const keys = (values.collections ?? 'cranfield,scifact').split(',');
  for (const key of keys) if (!(key in COLLECTIONS)) throw new Error(`unknown collection “${key}”`);
  const minRelevant = Number(values['min-relevant'] ?? 4);
  const limit = values.limit ? Number(values.limit) : Number.POSITIVE_INFINITY;
  const run = {
    seed: values.seed ?? '42',
    reindex: values.reindex ?? false,
    gates: values.gates ?? false,
  };
  const models = (values.models ?? 'centroid,linear').split(',').map(parseModelSpec);

  console.log(
    line([
      'collection',
      'queries',
      'model',
      'nDCG@10',
      'MAP',
      'nDCG@10 vs baseline (better/worse/equal)',
      'residual nDCG@10, no feedback → feedback (better/worse/equal)',
      'residual MAP, no feedback → feedback',
      'relevant / query (precision) by cosine gate',
      'ms / ranking',
    ]),
  );
  console.log(line(Array(10).fill('---')));
  const byModel = models.map(() => [] as QueryFigures[][]);
  for (const key of keys) {
    const collection = await readCollection(resolve(values.data), key as CollectionKey);
    const queries = qualifyingQueries(collection, minRelevant).slice(0, limit);
    const results = models.map(({ options }) =>
      queries.map((query) => measureQuery(collection, query, options, run)),
    );
    results.forEach((figures, m) => {
      byModel[m]?.push(figures);
      console.log(line(row(collection.name, models[m]?.label ?? '', figures, results[0] ?? [])));
    });
  }
  console.log(`\nMean over the ${keys.length} collections (each counts once):\n`);
  console.log(line(['model', 'nDCG@10', 'MAP', 'residual nDCG@10, no feedback → feedback']));
  console.log(line(Array(4).fill('---')));
  for (const [m, { label }] of models.entries())
    console.log(line(summary(label, byModel[m] ?? [])));
  return 0;
}

process.exitCode = await main();
