import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunLimits, resolveLimits, runtimeLimits } from '../limits';
import { encodeFrame, type Frame, FrameDecoder } from '../protocol/frames';
import type { PlatformCaps } from '../types';
import { SandboxError } from '../types';
import { createRunCgroup, type RunCgroup } from './cgroup';
import { type Jail, type JailConfig, startJail } from './jail';
import type { RunChannel } from './session';

export interface ForkTemplate {
  spawn(limits: RunLimits): Promise<RunChannel & { dispose(): Promise<void> }>;
  alive(): boolean;
  close(): Promise<void>;
}

/** Template memory (the pre-imported interpreter, shared copy-on-write by the runs). */
const TEMPLATE_MEMORY_MB = 1024;

const execFileP = promisify(execFile);

/** Mode of a run's FIFOs: owner = the worker (root), group = the jail gid, no one else. */
const FIFO_MODE = 0o660;

/**
 * Open one of a run's FIFOs for the worker, refusing anything else: O_NOFOLLOW (a symlink in
 * its place fails), then fstat on the opened descriptor must show a FIFO owned by the worker's
 * uid and the jail gid with mode 0660. The FIFOs live in root-owned 0711 directories, so the
 * jail uid cannot replace them; this is the second lock on the same door.
 */
export function openChannelFifo(path: string, gid: number): number {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOFOLLOW | constants.O_NOCTTY);
  } catch (e) {
    throw new SandboxError('sandbox_unavailable', `run channel ${path}: ${(e as Error).message}`);
  }
  const st = fstatSync(fd);
  const me = process.getuid?.() ?? 0;
  if (!st.isFIFO() || st.uid !== me || st.gid !== gid || (st.mode & 0o7777) !== FIFO_MODE) {
    closeSync(fd);
    throw new SandboxError(
      'sandbox_unavailable',
      `run channel ${path} is not the worker's FIFO (mode ${st.mode.toString(8)}, ${st.uid}:${st.gid})`,
    );
  }
  return fd;
}

/**
 * Run channels made ahead of time, in batches (one `mkfifo` process per batch instead of per
 * run): `<chanDir>/<random id>/{in,out,err}`, directories root-owned 0711 (the jail uid can
 * traverse to a channel whose id it is told, but cannot list, create, rename or remove
 * anything), FIFOs root:<jail gid> 0660.
 */
function channelStock(chanDir: string, gid: number) {
  const BATCH = 32;
  const LOW = 8;
  const ready: string[] = [];
  let refilling: Promise<void> | null = null;
  const refill = (): Promise<void> => {
    refilling ??= (async () => {
      const ids = Array.from({ length: BATCH }, () => `r${randomBytes(12).toString('hex')}`);
      const paths: string[] = [];
      for (const id of ids) {
        const dir = join(chanDir, id);
        mkdirSync(dir, { mode: 0o711 });
        chmodSync(dir, 0o711);
        for (const n of ['in', 'out', 'err']) paths.push(join(dir, n));
      }
      await execFileP('/usr/bin/mkfifo', ['-m', FIFO_MODE.toString(8), ...paths], { env: {} });
      for (const p of paths) chownSync(p, process.getuid?.() ?? 0, gid);
      ready.push(...ids);
    })().finally(() => {
      refilling = null;
    });
    return refilling;
  };
  return {
    async take(): Promise<string> {
      while (ready.length === 0) await refill();
      const id = ready.shift()!;
      if (ready.length < LOW) refill().catch(() => undefined);
      return id;
    },
  };
}

/**
 * Start the pre-imported template jail (see python/seer/runtime/template.py).
 * `chanDir` is a root-owned 0711 host directory, bound read-only at /chan; the worker creates
 * each run's FIFOs in it (see `channelStock`), the template only opens them.
 */
export async function startForkTemplate(
  cfg: JailConfig,
  o: { chanDir: string; caps: PlatformCaps; preimport?: string[]; startTimeoutMs?: number },
): Promise<ForkTemplate> {
  const base = resolveLimits(
    {
      entrypoint: 'x:y',
      interval: '1h',
      horizon: '1h',
      target: 'return',
      symbols: ['x'],
      lookback: 1,
      resources: { cpu_seconds: o.caps.maxCpuSeconds, memory_mb: o.caps.maxMemoryMb },
    },
    o.caps,
  );
  const limits: RunLimits = {
    ...base,
    // The template lives across runs: its own CPU/memory are not a run's budget.
    cpuSeconds: 1_000_000,
    memoryMb: Math.max(TEMPLATE_MEMORY_MB, o.caps.maxMemoryMb),
    pids: 100_000,
    openFiles: 4096,
    tmpMb: 1,
  };
  const jail: Jail = startJail(cfg, {
    limits,
    module: 'seer.runtime.template',
    allowUserns: true,
    extraBinds: ['--ro-bind', o.chanDir, '/chan'],
    env: o.preimport?.length ? { SEER_PREIMPORT: o.preimport.join(',') } : {},
  });
  // The template's cgroup must not cap runs' pids/memory: runs get their own cgroups.
  jail.cgroup?.setLimits({ memoryMb: limits.memoryMb, pids: 100_000, cpuCores: 2 });

  const decoder = new FrameDecoder(1024 * 1024);
  const waiting = new Map<string, (f: Frame) => void>();
  const exits = new Map<string, (status: number) => void>();
  let ready!: (f: Frame) => void;
  let dead = false;
  const readyP = new Promise<Frame>((r) => {
    ready = r;
  });
  let stderr = '';
  jail.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  jail.output.on('data', (chunk: Buffer) => {
    for (const f of decoder.push(chunk)) {
      const id = String(f.id ?? '');
      if (f.type === 'ready') ready(f);
      else if (f.type === 'forked' || f.type === 'spawn_failed') waiting.get(id)?.(f);
      else if (f.type === 'exited') exits.get(id)?.(Number(f.status));
    }
  });
  jail.exited.then(() => {
    dead = true;
    for (const w of waiting.values()) w({ type: 'spawn_failed', message: 'template exited' });
    for (const e of exits.values()) e(-1);
  });
  // Generous: on a loaded box (or under strace) importing numpy + pandas can take a while.
  const timeout = setTimeout(() => ready({ type: 'timeout' }), o.startTimeoutMs ?? 60_000);
  const first = await Promise.race([readyP, jail.exited.then(() => ({ type: 'exited' }) as Frame)]);
  clearTimeout(timeout);
  if (first.type !== 'ready') {
    jail.kill();
    throw new SandboxError('sandbox_unavailable', `fork template failed to start (${first.type}): ${stderr}`);
  }
  const templateHostPid = findChildPid(jail.child.pid!);
  const ctl = (f: Frame) => {
    if (!dead) jail.input.write(encodeFrame(f));
  };
  const stock = channelStock(o.chanDir, cfg.gid);

  return {
    async spawn(runLimits) {
      if (dead) throw new SandboxError('sandbox_unavailable', `fork template is gone: ${stderr}`);
      const id = await stock.take();
      const dir = join(o.chanDir, id);
      const fds: number[] = [];
      try {
        for (const n of ['in', 'out', 'err']) fds.push(openChannelFifo(join(dir, n), cfg.gid));
      } catch (e) {
        for (const fd of fds) closeSync(fd);
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
      const [inFd, outFd, errFd] = fds as [number, number, number];
      const exited = new Promise<number>((r) => exits.set(id, r));
      const forked = await new Promise<Frame>((resolve) => {
        const t = setTimeout(
          () => resolve({ type: 'spawn_failed', message: 'template did not answer' }),
          10_000,
        );
        waiting.set(id, (f) => {
          clearTimeout(t);
          resolve(f);
        });
        ctl({ type: 'spawn', id, tmp_mb: runLimits.tmpMb, limits: runtimeLimits(runLimits) });
      });
      waiting.delete(id);
      if (forked.type !== 'forked') {
        for (const fd of fds) closeSync(fd);
        rmSync(dir, { recursive: true, force: true });
        throw new SandboxError('sandbox_unavailable', `fork failed: ${String(forked.message)}`);
      }
      let cgroup: RunCgroup | null = null;
      if (cfg.cgroups) {
        cgroup = createRunCgroup({
          memoryMb: runLimits.memoryMb,
          pids: runLimits.pids,
          cpuCores: runLimits.cpuQuotaCores,
        });
        const hostPid = templateHostPid ? hostPidOf(templateHostPid, Number(forked.pid)) : null;
        if (!hostPid) {
          ctl({ type: 'kill', id });
          await cgroup.destroy();
          for (const fd of fds) closeSync(fd);
          rmSync(dir, { recursive: true, force: true });
          throw new SandboxError('sandbox_unavailable', 'cannot locate the forked run process');
        }
        cgroup.addPid(hostPid);
      }
      const input = new Socket({ fd: inFd, readable: false, writable: true });
      const output = new Socket({ fd: outFd, readable: true, writable: false });
      const err = new Socket({ fd: errFd, readable: true, writable: false });
      ctl({ type: 'go', id });
      return {
        input,
        output,
        stderr: err,
        exited,
        kill() {
          cgroup?.killAll();
          ctl({ type: 'kill', id });
        },
        cpuMs: () => cgroup?.cpuMs() ?? null,
        peakMemoryKb: () => cgroup?.peakMemoryKb() ?? null,
        oomKilled: () => cgroup?.oomKilled() ?? false,
        async dispose() {
          exits.delete(id);
          input.destroy();
          output.destroy();
          err.destroy();
          await cgroup?.destroy();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    alive: () => !dead,
    async close() {
      dead = true;
      jail.kill();
      await jail.exited;
      await jail.cgroup?.destroy();
    },
  };
}

/** Host pid of the (single) child of `pid`: bwrap's sandboxed process, i.e. the template. */
function findChildPid(pid: number): number | null {
  for (let i = 0; i < 50; i++) {
    try {
      const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean);
      if (kids.length) return Number(kids[0]);
    } catch {
      // not yet
    }
  }
  return null;
}

/** Map a pid inside the template's pid namespace to the host pid (via NSpid). */
function hostPidOf(templateHostPid: number, nsPid: number): number | null {
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${templateHostPid}/task`);
  } catch {
    return null;
  }
  for (const t of tasks) {
    let kids: string[] = [];
    try {
      kids = readFileSync(`/proc/${templateHostPid}/task/${t}/children`, 'utf8').trim().split(/\s+/);
    } catch {
      continue;
    }
    for (const k of kids.filter(Boolean)) {
      try {
        const status = readFileSync(`/proc/${k}/status`, 'utf8');
        const m = /^NSpid:\s+(.+)$/m.exec(status);
        const parts = m?.[1]?.trim().split(/\s+/).map(Number) ?? [];
        if (parts[1] === nsPid) return Number(k);
      } catch {
        // raced with exit
      }
    }
  }
  return null;
}
