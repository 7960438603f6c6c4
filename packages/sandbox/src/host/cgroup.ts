import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Per-run cgroup (v1: memory, pids, cpu, cpuacct) when the host lets us create one. */
export interface RunCgroup {
  /** `cgroup.procs` files a launcher writes its pid into before exec. */
  procsFiles: string[];
  addPid(pid: number): void;
  setLimits(l: { memoryMb: number; pids: number; cpuCores: number }): void;
  peakMemoryKb(): number | null;
  cpuMs(): number | null;
  oomKilled(): boolean;
  killAll(): void;
  pids(): number[];
  destroy(): Promise<void>;
}

const ROOT = '/sys/fs/cgroup';
const CONTROLLERS = ['memory', 'pids', 'cpu', 'cpuacct'] as const;
const PARENT = 'seer-sandbox';

export function cgroupsAvailable(): boolean {
  try {
    for (const c of CONTROLLERS) {
      const dir = join(ROOT, c, PARENT);
      if (!existsSync(join(ROOT, c, 'cgroup.procs'))) return false;
      mkdirSync(dir, { recursive: true });
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Remove empty per-run cgroups left behind by host processes that died without close()
 * (names carry the creating process's pid; a live owner's cgroups are never touched).
 */
export function sweepStaleCgroups(): number {
  let removed = 0;
  for (const c of CONTROLLERS) {
    const parent = join(ROOT, c, PARENT);
    let names: string[] = [];
    try {
      names = readdirSync(parent).filter((n) => n.startsWith('run-'));
    } catch {
      continue;
    }
    for (const n of names) {
      const owner = Number(n.split('-')[1]);
      if (!owner || existsSync(`/proc/${owner}`)) continue;
      try {
        rmdirSync(join(parent, n)); // fails (EBUSY) if any process is still inside
        removed++;
      } catch {
        // still in use
      }
    }
  }
  return removed;
}

let seq = 0;

export function createRunCgroup(limits: { memoryMb: number; pids: number; cpuCores: number }): RunCgroup {
  const name = `run-${process.pid}-${Date.now().toString(36)}-${seq++}`;
  const dirs = Object.fromEntries(CONTROLLERS.map((c) => [c, join(ROOT, c, PARENT, name)])) as Record<
    (typeof CONTROLLERS)[number],
    string
  >;
  for (const d of Object.values(dirs)) mkdirSync(d);
  const setLimits = (l: { memoryMb: number; pids: number; cpuCores: number }) => {
    const bytes = String(l.memoryMb * 1024 * 1024);
    // memsw must stay >= limit: order the writes so each one is valid.
    const memsw = join(dirs.memory, 'memory.memsw.limit_in_bytes');
    const mem = join(dirs.memory, 'memory.limit_in_bytes');
    try {
      writeFileSync(memsw, bytes);
      writeFileSync(mem, bytes);
    } catch {
      writeFileSync(mem, bytes);
      try {
        writeFileSync(memsw, bytes);
      } catch {
        // swap accounting disabled: memory.limit_in_bytes still applies
      }
    }
    writeFileSync(join(dirs.pids, 'pids.max'), String(l.pids));
    writeFileSync(join(dirs.cpu, 'cpu.cfs_period_us'), '100000');
    writeFileSync(join(dirs.cpu, 'cpu.cfs_quota_us'), String(Math.round(100000 * l.cpuCores)));
  };
  setLimits(limits);

  const read = (f: string): string | null => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return null;
    }
  };
  const pids = (): number[] =>
    (read(join(dirs.pids, 'cgroup.procs')) ?? '').split('\n').filter(Boolean).map(Number);

  return {
    procsFiles: Object.values(dirs).map((d) => join(d, 'cgroup.procs')),
    setLimits,
    addPid(pid) {
      for (const d of Object.values(dirs)) writeFileSync(join(d, 'cgroup.procs'), String(pid));
    },
    peakMemoryKb() {
      const v = read(join(dirs.memory, 'memory.max_usage_in_bytes'));
      return v === null ? null : Math.round(Number(v) / 1024);
    },
    cpuMs() {
      const v = read(join(dirs.cpuacct, 'cpuacct.usage'));
      return v === null ? null : Math.round(Number(v) / 1e6);
    },
    oomKilled() {
      const v = read(join(dirs.memory, 'memory.oom_control')) ?? '';
      const m = /oom_kill (\d+)/.exec(v);
      if (m && Number(m[1]) > 0) return true;
      const fail = Number(read(join(dirs.memory, 'memory.failcnt')) ?? '0');
      return fail > 0 && /under_oom 1/.test(v);
    },
    killAll() {
      for (let i = 0; i < 5; i++) {
        const list = pids();
        if (!list.length) return;
        for (const p of list) {
          try {
            process.kill(p, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
    },
    pids,
    async destroy() {
      for (const d of Object.values(dirs)) {
        for (let i = 0; i < 100; i++) {
          try {
            rmdirSync(d);
            break;
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ENOENT') break;
            this.killAll();
            await new Promise((r) => setTimeout(r, 10));
          }
        }
      }
    },
  };
}
