/**
 * The highest resident memory of the bot process seen while some work runs, read from
 * /proc/<pid>/status every few milliseconds (the kernel's own peak, VmHWM, covers the whole
 * process life, start-up included, and so cannot tell phases apart). Linux only: elsewhere the
 * watch reports undefined and the report shows a dash.
 */
import { readFileSync } from 'node:fs';

/** Resident memory of a process now, in MiB, or undefined where /proc cannot tell. */
export function rssOfMB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface RssWatch {
  /** Stops sampling; returns the highest RSS seen, in MiB. */
  stop(): number | undefined;
}

/** Starts sampling the RSS of process `pid` every `everyMs` milliseconds. */
export function watchRss(pid: number, everyMs = 25): RssWatch {
  let peak = rssOfMB(pid);
  const sample = () => {
    const now = rssOfMB(pid);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
