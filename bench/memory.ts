/**
 * Memory of the measuring process: resident set now, its peak, and a full garbage collection
 * before reading them (the processes run with `--expose-gc`).
 */
import { readFileSync } from 'node:fs';

const MB = 1024 * 1024;

/** Resident memory now, in MiB. */
export function rssMB(): number {
  return process.memoryUsage().rss / MB;
}

/** V8 heap in use plus external memory (array buffers included) now, in MiB. */
export function heapMB(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / MB;
}

/**
 * Peak resident memory of the process since it started, in MiB: VmHWM on Linux, else the
 * maximum RSS the kernel reports.
 */
export function peakRssMB(): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall through to the portable figure.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Runs the garbage collector twice when exposed (a second pass frees what the first unlinked). */
export function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}
