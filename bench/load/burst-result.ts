/**
 * What one burst of commands at one platform came to: every request answered once or not,
 * latencies, time, memory and what the bot logged.
 */
import type { LatencySummary } from '../stats.ts';

export interface BurstResult {
  platform: 'discord' | 'slack';
  requests: number;
  /** Requests with at least one answer. */
  answered: number;
  /** Requests with no answer by the deadline. */
  lost: number;
  /** Requests answered more than once (a retry answered again counts here too). */
  doubled: number;
  /** Answers that break a platform limit or escaping rule (the fuzz suites' checks). */
  overLimits: number;
  /** Discord: requests first deferred, then edited. */
  deferred?: number;
  /** Slack: event redeliveries sent (same event id, retry headers); none may be answered. */
  retriesSent?: number;
  /** Slack: HTTP acknowledgements other than 200. */
  badAcks?: number;
  /** Discord: interaction dispatched on the gateway (the whole burst at once) → first callback at the fake. */
  firstResponseMs: LatencySummary;
  /** Discord: → the answer itself (the callback, or the edit after a deferral). */
  answerMs?: LatencySummary;
  /** Slack: request sent → HTTP acknowledgement received. */
  ackMs?: LatencySummary;
  /** From the first request sent to the last answer received, in seconds. */
  totalS: number;
  /** Answers per second over `totalS`. */
  perSecond: number;
  rssBeforeMB: number;
  peakRssMB: number;
  rssAfterMB: number;
  /** V8 heap in use after the burst (no forced collection). */
  heapAfterMB: number;
  errorsLogged: number;
  warningsLogged: number;
  recentLogs: string[];
  /** Calls at the fake that matched no request. */
  stray: number;
  /** 1-minute load average of the machine before and after the burst. */
  loadAverage: [number, number];
}
