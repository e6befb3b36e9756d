/**
 * CPU profiles of single phases (search, suggest) taken in-process through the inspector, and
 * their summary: where the time went, function by function.
 */
import { Session } from 'node:inspector/promises';

/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** One function's share of a profile. */
export interface FunctionTime {
  name: string;
  /** `file:line` (1-based), relative to the project where it is inside. */
  where: string;
  /** Milliseconds with this function on top of the stack. */
  selfMs: number;
  /** Milliseconds with this function anywhere on the stack. */
  totalMs: number;
}

/** Starts profiling this process; stop with {@link stopProfiling}. */
export async function startProfiling(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 100 µs: fine enough for calls of a few milliseconds.
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return session;
}

/** Stops profiling and returns the profile. */
export async function stopProfiling(session: Session): Promise<CpuProfile> {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  return profile as unknown as CpuProfile;
}

/**
 * Self and total time of every function of a profile, most self time first. Total time counts a
 * sample once per function even when it recurses. `root` makes file names relative.
 */
export function functionTimes(profile: CpuProfile, root = ''): FunctionTime[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, CpuProfile['nodes'][number]>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const keyOf = (id: number): string => {
    const f = byId.get(id)?.callFrame;
    return f ? `${f.functionName || '(anonymous)'}\t${f.url}\t${f.lineNumber}` : '';
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // V8 gives each sample the time since the previous one; the next delta is this sample's span.
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    const id = samples[i] as number;
    const top = keyOf(id);
    self.set(top, (self.get(top) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf(at);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  }
  const prefix = root === '' ? '' : `file://${root.replace(/\/$/, '')}/`;
  return (
    [...total.keys()]
      // Waiting is not work: the idle and root pseudo-frames say nothing about where time goes.
      .filter((key) => key !== '' && !key.startsWith('(idle)\t') && !key.startsWith('(root)\t'))
      .map((key) => {
        const [name = '', url = '', line = '0'] = key.split('\t');
        const file = url.startsWith(prefix) && prefix !== '' ? url.slice(prefix.length) : url;
        return {
          name,
          // Code compiled by tsx reports line 0 for everything: the file alone is then more honest.
          where: file === '' ? '(native)' : Number(line) > 0 ? `${file}:${Number(line) + 1}` : file,
          selfMs: self.get(key) ?? 0,
          totalMs: total.get(key) ?? 0,
        };
      })
      .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs)
  );
}
