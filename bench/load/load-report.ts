/**
 * The load benchmark's report: one row per platform, then what each figure means and anything
 * that went wrong (lost or doubled answers, answers over the limits, errors logged).
 */
import { millis, textTable } from '../report.ts';
import type { BurstResult } from './burst-result.ts';

export const LOAD_TABLE_HEADER = [
  'platform',
  'sent',
  'answered',
  'lost',
  'doubled',
  'over limits',
  'ack p50',
  'p95',
  'p99 ms',
  'response p50',
  'p95',
  'p99',
  'max ms',
  'total s',
  'answers/s',
  'peak RSS MB',
  'errors',
];

/** One platform's row. */
export function loadRow(r: BurstResult): string[] {
  return [
    r.platform,
    String(r.requests),
    String(r.answered),
    String(r.lost),
    String(r.doubled),
    String(r.overLimits),
    millis(r.ackMs?.p50),
    millis(r.ackMs?.p95),
    millis(r.ackMs?.p99),
    millis(r.firstResponseMs.p50),
    millis(r.firstResponseMs.p95),
    millis(r.firstResponseMs.p99),
    millis(r.firstResponseMs.max),
    r.totalS.toFixed(2),
    Number.isFinite(r.perSecond) ? Math.round(r.perSecond).toString() : '—',
    Math.round(r.peakRssMB).toString(),
    String(r.errorsLogged),
  ];
}

/** The notes under the table. */
export function loadNotes(results: readonly BurstResult[]): string[] {
  const lines = [
    'response: Discord, interaction dispatched on the gateway (all at once) → its first callback',
    '  at the fake Discord (the 3 s deadline); Slack, request sent → its answer',
    '  (chat.postMessage, chat.postEphemeral or response_url) at the fake Web API.',
    'ack: Slack only, request sent → HTTP acknowledgement (Slack’s 3 s deadline).',
    'RSS: the bot process alone (the fakes and the load generator run in another process).',
  ];
  for (const r of results) {
    const load = `load average ${r.loadAverage[0].toFixed(2)} → ${r.loadAverage[1].toFixed(2)}`;
    const extra: string[] = [load];
    if (r.deferred) extra.push(`${r.deferred} deferred (answer p99 ${millis(r.answerMs?.p99)} ms)`);
    if (r.retriesSent !== undefined)
      extra.push(`${r.retriesSent} retries sent, none may be answered`);
    if (r.badAcks) extra.push(`${r.badAcks} acknowledgements were not 200`);
    if (r.stray) extra.push(`${r.stray} calls at the fake matched no request`);
    extra.push(
      `RSS ${Math.round(r.rssBeforeMB)} → ${Math.round(r.rssAfterMB)} MB, heap ${Math.round(r.heapAfterMB)} MB after`,
    );
    lines.push(`${r.platform}: ${extra.join('; ')}`);
    if (r.errorsLogged + r.warningsLogged > 0) {
      lines.push(`  logged ${r.errorsLogged} errors, ${r.warningsLogged} warnings; last:`);
      for (const log of r.recentLogs.slice(-5)) lines.push(`    ${log}`);
    }
  }
  return lines;
}

/** The whole report. */
export function loadReport(results: readonly BurstResult[]): string {
  return [textTable(LOAD_TABLE_HEADER, results.map(loadRow)), '', ...loadNotes(results)].join('\n');
}

/** True when every request was answered exactly once, within the limits, with nothing logged. */
export function loadPassed(results: readonly BurstResult[]): boolean {
  return results.every(
    (r) =>
      r.lost === 0 &&
      r.doubled === 0 &&
      r.overLimits === 0 &&
      r.errorsLogged === 0 &&
      (r.badAcks ?? 0) === 0,
  );
}
