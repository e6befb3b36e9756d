/**
 * Runs one measuring process (bench/size-worker.ts or bench/start-worker.ts) under tsx, gives it
 * its job, and collects what it says until it exits, is stopped for time, or dies.
 */
import { fork } from 'node:child_process';

/** How a measuring process is started. */
export interface ChildSettings {
  /** The project folder: the process runs there, so `--import tsx` resolves to its tsx. */
  root: string;
  heapMB: number;
  timeoutS: number;
}

/** Everything a measuring process said, and how it ended. */
export interface ChildOutcome<M> {
  messages: M[];
  /** Milliseconds from the fork to each message. */
  atMs: number[];
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The end of its standard error, for the notes when it failed. */
  stderrTail: string;
  wallMs: number;
}

/** Keeps this much of a process's standard error. */
const STDERR_TAIL = 2000;

/** Forks `script` with the job and resolves once it has exited; `onMessage` sees each message. */
export function runChild<M>(
  script: string,
  job: unknown,
  settings: ChildSettings,
  onMessage: (message: M) => void = () => {},
): Promise<ChildOutcome<M>> {
  const execArgv = ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${settings.heapMB}`];
  const started = performance.now();
  const child = fork(script, [], {
    cwd: settings.root,
    execArgv,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const messages: M[] = [];
  const atMs: number[] = [];
  let stderr = '';
  let timedOut = false;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  child.on('message', (message) => {
    atMs.push(performance.now() - started);
    messages.push(message as M);
    onMessage(message as M);
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, settings.timeoutS * 1000);
  child.send(job as object);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        messages,
        atMs,
        code,
        signal,
        timedOut,
        stderrTail: stderr.trim(),
        wallMs: performance.now() - started,
      });
    });
  });
}
