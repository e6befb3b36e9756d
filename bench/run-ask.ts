/**
 * `npm run bench:ask -- --data DIR`: how well `ask` answers and refuses, and how fast.
 *
 * Quality, on a claims collection (SciFact's training claims): each claim is asked of the full
 * collection (are the cited papers relevant ones?) and again with its relevant papers removed
 * (is the answer "not in the library"?). Claims are dealt into folds and each fold's relevant
 * papers leave the collection together, so every claim is asked of a collection without its own
 * relevant papers (and without a few others'). The threshold is chosen on one half of the
 * claims from the trade-off curve and reported on the other half.
 *
 * Speed (measured first, in a fresh heap): `askLibrary` p50/p99 over the claims at 10,000 papers (the synthetic corpus of the
 * project's benchmark, or `--speed-corpus FILE`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  askLibrary,
  createEngine,
  DEFAULT_REFUSAL_THRESHOLD,
  type Engine,
  loadCorpus,
  type Paper,
  selectEvidence,
} from '../src/index.ts';
import {
  type ClaimOutcome,
  chooseThreshold,
  folds,
  pointAt,
  splitHalves,
  type ThresholdPoint,
  tradeOffCurve,
} from './ask-metrics.ts';
import { ensureCorpus } from './bench-corpora.ts';
import { timeEach } from './timing.ts';

const HELP = `npm run bench:ask -- --data DIR [options]

  --data DIR          a claims collection: DIR/scifact/{corpus.jsonl,queries_train.jsonl,qrels_train.tsv}
                      (or name the files with --corpus, --queries, --qrels)
  --folds N           groups whose relevant papers leave the collection together (default 8)
  --speed-size N      papers in the speed corpus (default 10000)
  --speed-corpus FILE JSON Lines corpus for the speed figures (default: the benchmark's
                      synthetic corpus, made from DIR by the generator in DIR/../bench)
  --no-speed | --no-quality
  --json FILE         also write every figure
`;

interface Claim {
  id: string;
  text: string;
  relevant: string[];
}

async function readClaims(queriesFile: string, qrelsFile: string): Promise<Claim[]> {
  const relevant = new Map<string, string[]>();
  for (const line of (await readFile(qrelsFile, 'utf8')).split('\n')) {
    const [qid, doc, rel] = line.trim().split(/\s+/);
    if (!qid || !doc || !(Number(rel) > 0)) continue;
    relevant.set(qid, [...(relevant.get(qid) ?? []), doc]);
  }
  const claims: Claim[] = [];
  for (const line of (await readFile(queriesFile, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const q = JSON.parse(line) as { id: string | number; text: string };
    const rel = relevant.get(String(q.id));
    if (rel) claims.push({ id: String(q.id), text: q.text, relevant: rel });
  }
  return claims;
}

/** Confidence and cited papers of one claim (threshold-free: evidence as selected). */
function probe(engine: Engine, claim: Claim): { confidence: number; cited: string[] } {
  const selection = selectEvidence(engine, claim.text.slice(0, 500));
  return { confidence: selection.confidence, cited: selection.citations.map((c) => c.id) };
}

async function measureQuality(papers: Paper[], claims: Claim[], foldCount: number) {
  const full = await createEngine(papers);
  const outcomes = new Map<string, ClaimOutcome>();
  for (const claim of claims) {
    const { confidence, cited } = probe(full, claim);
    outcomes.set(claim.id, {
      id: claim.id,
      confidence,
      cited,
      relevant: claim.relevant,
      confidenceWithout: 0,
      evidenceWithout: false,
    });
  }
  const groups = folds(claims, foldCount);
  for (const [i, group] of groups.entries()) {
    const out = new Set(group.flatMap((c) => c.relevant));
    const engine = await createEngine(papers.filter((p) => !out.has(p.id)));
    for (const claim of group) {
      const { confidence, cited } = probe(engine, claim);
      const o = outcomes.get(claim.id)!;
      o.confidenceWithout = confidence;
      o.evidenceWithout = cited.length > 0;
    }
    process.stderr.write(`fold ${i + 1}/${groups.length} (${out.size} papers out)\n`);
  }
  const all = [...outcomes.values()];
  const [calibrate, test] = splitHalves(all);
  const chosen = chooseThreshold(tradeOffCurve(calibrate));
  return {
    claims: all.length,
    folds: groups.length,
    curve: tradeOffCurve(all),
    chosenOnCalibrationHalf: chosen,
    testHalf: pointAt(test, chosen.threshold),
    atDefault: pointAt(all, DEFAULT_REFUSAL_THRESHOLD),
    calibrationClaims: calibrate.length,
    testClaims: test.length,
  };
}

async function measureSpeed(corpusFile: string, size: number, claims: Claim[]) {
  const { papers } = await loadCorpus(corpusFile);
  const engine = await createEngine(papers.slice(0, size));
  const questions = claims.map((c) => c.text.slice(0, 500));
  const { latency } = timeEach(questions.slice(0, 50), questions, (q) => {
    askLibrary(engine, q);
  });
  return { papers: engine.papers.length, questions: questions.length, latency };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function printCurve(curve: readonly ThresholdPoint[]): void {
  console.log('threshold  answered  refused-without  all-cited-relevant  relevant-cited');
  for (const p of curve) {
    console.log(
      `${p.threshold.toFixed(2).padStart(9)}  ${pct(p.answered).padStart(8)}  ${pct(p.refusedWithout).padStart(15)}  ${pct(p.allCitationsRelevant).padStart(18)}  ${pct(p.relevantCited).padStart(14)}`,
    );
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      corpus: { type: 'string' },
      queries: { type: 'string' },
      qrels: { type: 'string' },
      folds: { type: 'string' },
      'speed-size': { type: 'string' },
      'speed-corpus': { type: 'string' },
      'no-speed': { type: 'boolean' },
      'no-quality': { type: 'boolean' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const data = values.data ? resolve(values.data) : undefined;
  const scifact = data ? join(data, 'scifact') : undefined;
  const corpus = values.corpus ?? (scifact && join(scifact, 'corpus.jsonl'));
  const queries = values.queries ?? (scifact && join(scifact, 'queries_train.jsonl'));
  const qrels = values.qrels ?? (scifact && join(scifact, 'qrels_train.tsv'));
  if (!corpus || !queries || !qrels) {
    console.error(
      'bench:ask needs the claims collection: --data DIR, or --corpus, --queries and --qrels',
    );
    return 2;
  }
  const claims = await readClaims(queries, qrels);
  const report: Record<string, unknown> = {};
  if (!values['no-speed']) {
    const size = Number(values['speed-size'] ?? 10_000);
    let file = values['speed-corpus'];
    if (!file) {
      if (!data) {
        console.error('speed needs --speed-corpus FILE or --data DIR');
        return 2;
      }
      const made = await ensureCorpus(size, {
        cacheDir: join(process.env.TMPDIR || '/tmp', 'shammie-bench-own'),
        sharedCacheDir:
          process.env.SHAMMIE_BENCH_CACHE || join(process.env.TMPDIR || '/tmp', 'shammie-bench'),
        sharedBenchDir: join(data, '..', 'bench'),
        dataDir: data,
        seed: '42',
      });
      file = made.path;
    }
    const s = await measureSpeed(file, size, claims);
    report.speed = s;
    console.log(
      `\nSpeed: askLibrary over ${s.questions} claims at ${s.papers} papers: p50 ${s.latency.p50.toFixed(1)} ms, p99 ${s.latency.p99.toFixed(1)} ms, max ${s.latency.max.toFixed(1)} ms (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
    );
  }
  if (!values['no-quality']) {
    const { papers } = await loadCorpus(corpus);
    const q = await measureQuality(papers, claims, Number(values.folds ?? 8));
    report.quality = q;
    console.log(`\nQuality on ${q.claims} claims (${papers.length} papers, ${q.folds} folds):`);
    printCurve(q.curve);
    const c = q.chosenOnCalibrationHalf;
    console.log(
      `\nThreshold chosen on ${q.calibrationClaims} claims: ${c.threshold} (answered ${pct(c.answered)}, refused without ${pct(c.refusedWithout)})`,
    );
    const t = q.testHalf;
    console.log(
      `On the other ${q.testClaims} claims: answered ${pct(t.answered)}, refused without ${pct(t.refusedWithout)}, all citations relevant ${pct(t.allCitationsRelevant)}, a relevant paper cited ${pct(t.relevantCited)}`,
    );
    const d = q.atDefault;
    console.log(
      `At the shipped threshold ${d.threshold} (all claims): answered ${pct(d.answered)}, refused without ${pct(d.refusedWithout)}, all citations relevant ${pct(d.allCitationsRelevant)}, a relevant paper cited ${pct(d.relevantCited)}`,
    );
  }
  if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

process.exitCode = await main();
