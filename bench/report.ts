/**
 * The benchmark's report: one table row per corpus size, notes on what each figure stands for,
 * and the issue's targets at 200,000 abstracts, each said to be met or missed with its figure.
 */
import type { SizeResult } from './size-result.ts';

/** The size the issue's targets are set at. */
export const TARGET_SIZE = 200_000;
/** "2 GB" read strictly, as 2 × 10⁹ bytes, in MiB (the unit of every memory figure here). */
export const RSS_TARGET_MB = 2e9 / (1024 * 1024);

/** One target: what it asks, the figure measured, and whether that meets it. */
export interface TargetCheck {
  name: string;
  limit: string;
  value: string;
  /** Undefined when the figure is missing (the phase failed or did not run). */
  met: boolean | undefined;
}

/** Seconds with two decimals below ten, one above. */
export function seconds(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '—';
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

/** Milliseconds with as many decimals as their size warrants. */
export function millis(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

/** Whole MiB with thousands separators. */
export function mebibytes(mb: number | undefined): string {
  if (mb === undefined || !Number.isFinite(mb)) return '—';
  return Math.round(mb).toLocaleString('en-US');
}

/** A plain-text table, right-aligned, columns two spaces apart. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** The columns of the main table. */
export const TABLE_HEADER: readonly string[] = [
  'size',
  'load s',
  'build s',
  'stepwise s',
  'snap MB',
  'save s',
  'snap load s',
  'start s',
  'bot start s',
  'search p50',
  'p95',
  'p99 ms',
  'suggest p50',
  'p99 ms',
  'RSS built MB',
  'peak MB',
  'start peak MB',
];

/** One size's row of the main table (medians where a phase ran more than once). */
export function tableRow(r: SizeResult): string[] {
  const p = r.phases;
  return [
    r.size.toLocaleString('en-US'),
    seconds(p.repeats?.load.median ?? p.loaded?.loadS),
    seconds(p.repeats?.create.median ?? p.built?.createS),
    seconds(p.stepwise?.build.median),
    p.snapshot ? (p.snapshot.bytes / (1024 * 1024)).toFixed(1) : '—',
    seconds(p.snapshot?.save.median),
    seconds(p.snapshot?.load.median),
    seconds(r.start?.toAnswerS),
    seconds(r.botStart?.toAnswerS),
    millis(p.search?.latency.p50),
    millis(p.search?.latency.p95),
    millis(p.search?.latency.p99),
    millis(p.suggest?.suggest.all.p50),
    millis(p.suggest?.suggest.all.p99),
    mebibytes(p.built?.rssAfterBuildMB),
    mebibytes(p.peak?.peakMB),
    mebibytes(r.start?.peakMB),
  ];
}

/** The lines under the table for one size: how each figure came about, and anything unusual. */
export function sizeNotes(r: SizeResult): string[] {
  const p = r.phases;
  const out: string[] = [];
  const avg = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(' ');
  out.push(
    `${r.size.toLocaleString('en-US')}: corpus ${r.corpus.docs} lines, ${mebibytes(r.corpus.bytes / (1024 * 1024))} MB (${r.corpus.source}); load average ${avg(r.loadAvg.before)} before, ${avg(r.loadAvg.after)} after`,
  );
  if (p.loaded && p.loaded.papers !== r.size) {
    out.push(
      `  the loader kept ${p.loaded.papers} papers of ${r.size} (${p.loaded.problems} problems)`,
    );
  }
  const runs = (n: number | undefined): string => (n === undefined ? '?' : String(n));
  if (p.repeats || p.snapshot || p.stepwise) {
    out.push(
      `  runs: load ${runs(p.repeats?.load.runs.length)}, build ${runs(p.repeats?.create.runs.length)}, stepwise ${runs(p.stepwise?.build.runs.length)}, save ${runs(p.snapshot?.save.runs.length)}, snapshot load ${runs(p.snapshot?.load.runs.length)}, fresh start ${runs(r.start?.runs)}`,
    );
  }
  if (p.search) {
    const s = p.search;
    out.push(
      `  search: ${s.latency.n} claims timed after ${s.warmed} warm-up, mean ${millis(s.latency.mean)} ms, max ${millis(s.latency.max)} ms${s.empty ? `, ${s.empty} empty` : ''}${s.errors ? `, ${s.errors} errors` : ''}`,
    );
  }
  if (p.search?.slowest.length) {
    out.push(
      `  slowest claims: ${p.search.slowest.map((x) => `${millis(x.ms)} ms “${clip(x.text)}”`).join('; ')}`,
    );
  }
  if (p.suggest) {
    const s = p.suggest.suggest;
    out.push(
      `  suggest: ${s.all.n} typed prefixes; 1–8 characters p50 ${millis(s.chars.p50)} / p99 ${millis(s.chars.p99)} ms, whole words p50 ${millis(s.words.p50)} / p99 ${millis(s.words.p99)} ms, max ${millis(s.all.max)} ms; first suggestion starts with the typed text for ${s.topStartsWithTyped}/${s.all.n}${s.empty ? `, ${s.empty} empty` : ''}`,
    );
  }
  if (p.suggest?.suggest.slowest.length) {
    const s = p.suggest.suggest;
    out.push(
      `  slowest prefixes: ${s.slowest.map((x) => `${millis(x.ms)} ms “${x.text}”`).join('; ')}`,
    );
    if (s.emptyExamples.length)
      out.push(
        `  prefixes with no suggestion, e.g. ${s.emptyExamples.map((t) => `“${t}”`).join(', ')}`,
      );
  }
  if (p.built) {
    out.push(
      `  memory: RSS ${mebibytes(p.loaded?.rssAfterLoadMB)} MB with the corpus loaded, ${mebibytes(p.built.rssAfterBuildMB)} MB built (after GC; heap+external ${mebibytes(p.built.heapAfterBuildMB)} MB), peak ${mebibytes(p.built.peakAfterBuildMB)} MB by the end of the build, ${mebibytes(p.peak?.peakMB)} MB by the end of search and suggest`,
    );
  }
  if (p.snapshot)
    out.push(`  snapshot: same top 10 after loading for ${p.snapshot.sameTop10} claims`);
  if (p.stepwise) {
    out.push(
      `  stepwise build: ${p.stepwise.steps} pauses, longest stretch between pauses ${millis(p.stepwise.longestStepMs)} ms`,
    );
  }
  if (r.start) {
    const s = r.start;
    out.push(
      `  fresh start from the snapshot: ${seconds(s.toAnswerS)} s to the first answer (node+tsx+imports ${seconds(s.bootS)} s, loadCorpus ${seconds(s.loadCorpusS)} s, loadEngine ${seconds(s.loadEngineS)} s, first search ${millis(s.firstSearchMs)} ms); ${seconds(s.wallS)} s from fork; RSS ${mebibytes(s.rssMB)} MB`,
    );
  }
  if (r.botFirst) {
    out.push(
      `  the bot's first start (openEngine, empty data directory: hash, load, stepwise build, write the snapshot): ${seconds(r.botFirst.toAnswerS)} s to the first answer; peak RSS ${mebibytes(r.botFirst.peakMB)} MB`,
    );
  }
  if (r.botStart) {
    const s = r.botStart;
    out.push(
      `  the bot's later starts (openEngine from its snapshot): ${seconds(s.toAnswerS)} s to the first answer (node+tsx+imports ${seconds(s.bootS)} s, openEngine ${seconds(s.loadEngineS)} s, first search ${millis(s.firstSearchMs)} ms); engine from the snapshot in ${s.fromSnapshot}/${s.runs} runs; RSS ${mebibytes(s.rssMB)} MB, peak ${mebibytes(s.peakMB)} MB`,
    );
    for (const w of s.warnings) out.push(`  bot warning: ${w}`);
  }
  for (const profile of r.profiles) {
    out.push(`  profile of ${profile.phase} (${profile.file}), most self time first:`);
    for (const f of profile.top.slice(0, 12)) {
      out.push(
        `    ${millis(f.selfMs).padStart(7)} ms self ${millis(f.totalMs).padStart(7)} ms total  ${f.name || '(anonymous)'}  ${f.where}`,
      );
    }
  }
  for (const note of r.notes) out.push(`  note: ${note}`);
  if (r.failure) out.push(`  FAILED: ${r.failure}`);
  return out;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The issue's targets checked on the 200,000-abstract result (every one unknown without it). */
export function checkTargets(r: SizeResult | undefined): TargetCheck[] {
  const p = r?.phases;
  const check = (
    name: string,
    limit: number,
    value: number | undefined,
    show: (v: number | undefined) => string,
    unit: string,
  ): TargetCheck => ({
    name,
    limit: `≤ ${show(limit)} ${unit}`,
    value: value === undefined ? 'not measured' : `${show(value)} ${unit}`,
    met: value === undefined || !Number.isFinite(value) ? undefined : value <= limit,
  });
  const peak = p?.peak?.peakMB ?? p?.built?.peakAfterBuildMB;
  return [
    check('search p50 (top 10)', 20, p?.search?.latency.p50, millis, 'ms'),
    check('search p99 (top 10)', 100, p?.search?.latency.p99, millis, 'ms'),
    check('autocomplete p99', 10, p?.suggest?.suggest.all.p99, millis, 'ms'),
    check(
      'start to first answer, the bot from its snapshot',
      5,
      r?.botStart?.toAnswerS,
      seconds,
      's',
    ),
    check(
      'start to first answer, core loadCorpus + loadEngine',
      5,
      r?.start?.toAnswerS,
      seconds,
      's',
    ),
    check(
      'peak RSS, corpus included, core build and search',
      RSS_TARGET_MB,
      peak,
      mebibytes,
      'MiB',
    ),
    check(
      "peak RSS, the bot's first start (builds, writes its snapshot)",
      RSS_TARGET_MB,
      r?.botFirst?.peakMB,
      mebibytes,
      'MiB',
    ),
    check(
      'peak RSS, the bot started from its snapshot',
      RSS_TARGET_MB,
      r?.botStart?.peakMB,
      mebibytes,
      'MiB',
    ),
    check(
      'peak RSS, core start from a snapshot',
      RSS_TARGET_MB,
      r?.start?.peakMB,
      mebibytes,
      'MiB',
    ),
  ];
}

/** The targets as lines of text. */
export function targetLines(checks: readonly TargetCheck[], size: number): string[] {
  return [
    `targets at ${size.toLocaleString('en-US')} abstracts:`,
    ...checks.map(
      (c) =>
        `  ${c.met === undefined ? 'unknown' : c.met ? 'met    ' : 'MISSED '}  ${c.name}: ${c.value} (target ${c.limit})`,
    ),
  ];
}
