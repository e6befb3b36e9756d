/**
 * `npm run bench:watch -- --data DIR`: how well a watch ranks by a channel's profile, measured
 * as query-by-example on judged collections (Cranfield, SciFact's training claims).
 *
 * For every query with at least four relevant papers, a seeded half of them is the profile (the
 * lab's library); the rest of the collection, the profile removed, are the candidates, and the
 * held-out half is what the ranking should find: nDCG@10 and MAP. Then feedback as a channel
 * gives it: the top 10 become liked (relevant) or disliked (not), and the residual collection
 * (those 10 removed) is ranked again. Feedback is judged against the first ranking on the same
 * residual collection (its top 10 removed too), so both count the same papers.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  indexCandidates,
  loadCorpus,
  type ModelTuning,
  type Paper,
  type RankOptions,
  rankCandidates,
  type WatchProfile,
} from '../src/index.ts';
import { seededRandom } from './seeded-order.ts';
import { averagePrecision, mean, ndcgAt10, splitRelevant } from './watch-metrics.ts';

const HELP = `npm run bench:watch -- --data DIR [options]

  --data DIR         the judged collections: DIR/cranfield/{corpus.jsonl,queries.jsonl,qrels.tsv}
                     and DIR/scifact/{corpus.jsonl,queries_train.jsonl,qrels_train.tsv}
  --models LIST      models to measure, comma-separated (default centroid,linear)
                     with settings: linear:c=0.01:d=0.5 (C, a dislike's weight),
                     centroid:g=0.25 (the dislikes' weight)
  --min-relevant N   queries with at least N relevant papers (default 4)
  --limit N          only the first N qualifying queries of each collection
  --seed S           seed of the profile split (default 42)
`;

interface Collection {
  name: string;
  papers: Paper[];
  /** Query id → judged paper id → gain. */
  judgments: Map<string, Map<string, number>>;
}

/** Cosines to the nearest profile paper whose gates are counted. */
const GATES = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4];

const TERMS = { keywords: [], phrases: [], authors: [], exclude: [] };

async function readJudgments(file: string): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const [qid, doc, gain] = line.trim().split(/\s+/);
    if (!qid || !doc || !(Number(gain) > 0)) continue;
    const gains = out.get(qid) ?? new Map<string, number>();
    gains.set(doc, Number(gain));
    out.set(qid, gains);
  }
  return out;
}

async function readCollection(name: string, dir: string, qrels: string): Promise<Collection> {
  const { papers } = await loadCorpus(join(dir, 'corpus.jsonl'));
  return { name, papers, judgments: await readJudgments(join(dir, qrels)) };
}

interface Figures {
  ndcg: number[];
  map: number[];
  residualNdcg: number[];
  residualMap: number[];
  feedbackNdcg: number[];
  feedbackMap: number[];
  /** Per threshold of cosine to the nearest profile paper: papers over it, and right ones. */
  flagged: Map<number, { all: number; right: number }>;
  milliseconds: number[];
}

function rankIds(candidates: Paper[], profile: WatchProfile, options: RankOptions) {
  const started = performance.now();
  const ranked = rankCandidates(indexCandidates(candidates), TERMS, profile, options);
  return { ranked, milliseconds: performance.now() - started };
}

function measureQuery(
  collection: Collection,
  gains: Map<string, number>,
  seed: string,
  queryId: string,
  options: RankOptions,
  figures: Figures,
): void {
  const { profile, heldOut } = splitRelevant([...gains.keys()], seededRandom(`${seed}:${queryId}`));
  const inProfile = new Set(profile);
  const library = collection.papers.filter((p) => inProfile.has(p.id));
  const candidates = collection.papers.filter((p) => !inProfile.has(p.id));
  const heldGains = new Map(heldOut.map((id) => [id, gains.get(id) ?? 0]));

  // Threshold 0: every paper gets its nearest profile paper, so each gate can be counted here.
  const first = rankIds(
    candidates,
    { library, liked: [], disliked: [] },
    { ...options, threshold: 0 },
  );
  const ids = first.ranked.map((r) => r.paper.id);
  figures.milliseconds.push(first.milliseconds);
  figures.ndcg.push(ndcgAt10(ids, heldGains));
  figures.map.push(averagePrecision(ids, heldGains));
  for (const [threshold, count] of figures.flagged) {
    for (const r of first.ranked) {
      const cosine = r.reasons.find((reason) => reason.kind === 'similar')?.cosine ?? 0;
      if (cosine < threshold) continue;
      count.all++;
      if (heldGains.has(r.paper.id)) count.right++;
    }
  }

  const shown = new Set(ids.slice(0, 10));
  const residualGains = new Map([...heldGains].filter(([id]) => !shown.has(id)));
  // A query whose held-out papers were all in the first 10 has nothing left to find.
  if (residualGains.size === 0) return;
  const residualIds = ids.slice(10);
  figures.residualNdcg.push(ndcgAt10(residualIds, residualGains));
  figures.residualMap.push(averagePrecision(residualIds, residualGains));
  const top = first.ranked.slice(0, 10).map((r) => r.paper);
  const liked = top.filter((p) => heldGains.has(p.id));
  const disliked = top.filter((p) => !heldGains.has(p.id));
  const again = rankIds(
    candidates.filter((p) => !shown.has(p.id)),
    { library, liked, disliked },
    options,
  );
  const againIds = again.ranked.map((r) => r.paper.id);
  figures.feedbackNdcg.push(ndcgAt10(againIds, residualGains));
  figures.feedbackMap.push(averagePrecision(againIds, residualGains));
}

const TUNING_KEYS: Record<string, keyof ModelTuning> = {
  c: 'linearC',
  d: 'dislikedWeight',
  g: 'centroidNegativeWeight',
};

/** `linear`, `linear:c=0.01:d=0.5`, `centroid:g=0.25`. */
function parseModel(spec: string): { label: string; options: RankOptions } {
  const [model, ...settings] = spec.split(':');
  if (model !== 'centroid' && model !== 'linear') throw new Error(`unknown model “${spec}”`);
  const tuning: Partial<ModelTuning> = {};
  for (const setting of settings) {
    const [key, value] = setting.split('=');
    const name = TUNING_KEYS[key ?? ''];
    if (!name || !Number.isFinite(Number(value))) throw new Error(`unknown setting “${setting}”`);
    tuning[name] = Number(value);
  }
  return { label: spec, options: { model, tuning } };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      models: { type: 'string' },
      'min-relevant': { type: 'string' },
      limit: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.data) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const data = resolve(values.data);
  const minRelevant = Number(values['min-relevant'] ?? 4);
  const limit = values.limit ? Number(values.limit) : Number.POSITIVE_INFINITY;
  const seed = values.seed ?? '42';
  const models = (values.models ?? 'centroid,linear').split(',').map(parseModel);
  const collections = [
    await readCollection('Cranfield', join(data, 'cranfield'), 'qrels.tsv'),
    await readCollection('SciFact train', join(data, 'scifact'), 'qrels_train.tsv'),
  ];
  const f = (x: number): string => x.toFixed(3);
  console.log(
    '| collection | queries | model | nDCG@10 | MAP | residual nDCG@10 (no feedback → feedback) | residual MAP (no feedback → feedback) | relevant / query (precision) by cosine gate | ms / ranking |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const collection of collections) {
    const ids = new Set(collection.papers.map((p) => p.id));
    const queries = [...collection.judgments]
      .map(([q, gains]) => [q, new Map([...gains].filter(([id]) => ids.has(id)))] as const)
      .filter(([, gains]) => gains.size >= minRelevant)
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .slice(0, limit);
    for (const { label, options } of models) {
      const figures: Figures = {
        ndcg: [],
        map: [],
        residualNdcg: [],
        residualMap: [],
        feedbackNdcg: [],
        feedbackMap: [],
        flagged: new Map(GATES.map((g) => [g, { all: 0, right: 0 }])),
        milliseconds: [],
      };
      for (const [queryId, gains] of queries) {
        measureQuery(collection, gains, seed, queryId, options, figures);
      }
      const gates = [...figures.flagged]
        .map(
          ([g, { all, right }]) =>
            `${g}: ${(all / Math.max(queries.length, 1)).toFixed(1)} (${all > 0 ? f(right / all) : '–'})`,
        )
        .join(', ');
      console.log(
        `| ${collection.name} | ${queries.length} (${figures.feedbackNdcg.length} with feedback) | ${label} | ${f(mean(figures.ndcg))} | ${f(mean(figures.map))} | ${f(mean(figures.residualNdcg))} → ${f(mean(figures.feedbackNdcg))} | ${f(mean(figures.residualMap))} → ${f(mean(figures.feedbackMap))} | ${gates} | ${mean(figures.milliseconds).toFixed(0)} |`,
      );
    }
  }
  return 0;
}

process.exitCode = await main();
