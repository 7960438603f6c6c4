/**
 * Worker processes for the scale-out test and bench/runs/scale-out.ts: each is
 * apps/worker/test/fault-worker.ts (a real worker with its own BullMQ connection, database pool
 * and fork-template sandbox), standing for one machine.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
  out: string[];
}

/**
 * `cpu`: pin the process (and the sandboxes it forks, which inherit the affinity) to that CPU with
 * taskset, so that on one host each worker process stands for a machine of one core.
 */
export function startWorkerProcess(env: Record<string, string>, opts: { cpu?: number } = {}): WorkerProcess {
  const node = [process.execPath, '--import', 'tsx', 'apps/worker/test/fault-worker.ts'];
  const [cmd, ...args] = opts.cpu === undefined ? node : ['taskset', '-c', String(opts.cpu), ...node];
  const child = spawn(cmd as string, args, {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', process.env.FW_DEBUG ? 'inherit' : 'ignore'],
  });
  const out: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out.push(d.toString());
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  ready.catch(() => {});
  return { child, ready, out };
}

/** SIGTERM, then the number of runs the process finished (it prints `ran N` on the way out). */
export async function stopAndCount(w: WorkerProcess): Promise<number> {
  w.child.kill('SIGTERM');
  await once(w.child, 'exit');
  const m = /ran (\d+)/.exec(w.out.join(''));
  return Number(m?.[1] ?? -1);
}
