/**
 * Starts the bot process (bot-process.ts) with tsx and `--expose-gc`, waits until it is ready,
 * and asks it for memory samples. The process is killed if it does not stop when asked.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BotConfig, BotReply, BotRequest, MemorySample } from './bot-messages.ts';
import type { LogCounts } from './counting-logger.ts';

const BOT_PROCESS = fileURLToPath(new URL('./bot-process.ts', import.meta.url));

export interface BotChild {
  pid: number;
  slackPort: number;
  papers: number;
  /** Memory now (after full garbage collections when `gc`), and the bot's log counts. */
  sample(gc: boolean): Promise<{ sample: MemorySample; logs: LogCounts }>;
  stop(): Promise<void>;
  /** What the process wrote to stderr (pino's lines at warn and above, Node's warnings). */
  stderr(): string;
}

/** `--cpu-prof` into SHAMMIE_LOAD_CPU_PROF when set: a V8 profile of the bot process. */
function profileArgs(): string[] {
  const dir = process.env.SHAMMIE_LOAD_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Starts the bot; rejects with its reason when it fails to start within `timeoutMs`. */
export async function startBotChild(config: BotConfig, timeoutMs = 60_000): Promise<BotChild> {
  const child: ChildProcess = fork(BOT_PROCESS, [], {
    execArgv: ['--expose-gc', '--import', 'tsx', ...profileArgs()],
    env: { PATH: process.env.PATH ?? '', SHAMMIE_LOAD_BOT: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const waiting = new Map<number, (reply: Extract<BotReply, { type: 'sample' }>) => void>();
  let nextId = 0;
  const ready = new Promise<Extract<BotReply, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the bot process did not start in time')),
      timeoutMs,
    );
    child.on('message', (reply: BotReply) => {
      if (reply.type === 'ready') {
        clearTimeout(timer);
        resolve(reply);
      } else if (reply.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the bot process failed: ${reply.message}`));
      } else if (reply.type === 'sample') {
        waiting.get(reply.id)?.(reply);
        waiting.delete(reply.id);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bot process exited with ${code}:\n${stderr}`));
    });
  });
  const started = await ready;
  const ask = (request: BotRequest) => child.send(request);
  return {
    pid: child.pid ?? 0,
    slackPort: started.slackPort,
    papers: started.papers,
    sample(gc) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, (reply) => resolve({ sample: reply.sample, logs: reply.logs }));
        ask({ type: 'sample', id, gc });
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      ask({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    stderr: () => stderr,
  };
}
