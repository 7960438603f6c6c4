import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * Per-run cgroup when the host lets us create one: cgroup v1 (memory, pids, cpu, cpuacct
 * hierarchies) or cgroup v2 (one unified tree: memory.max, pids.max, cpu.max).
 */
export interface RunCgroup {
  /** `cgroup.procs` files a launcher writes its pid into before exec. */
  procsFiles: string[];
  addPid(pid: number): void;
  setLimits(l: CgroupLimits): void;
  peakMemoryKb(): number | null;
  cpuMs(): number | null;
  oomKilled(): boolean;
  killAll(): void;
  pids(): number[];
  destroy(): Promise<void>;
}

export interface CgroupLimits {
  memoryMb: number;
  pids: number;
  cpuCores: number;
}

/** Where per-run cgroups are made. `root` is /sys/fs/cgroup except in tests (a fake tree). */
export interface CgroupHost {
  version: 1 | 2;
  root: string;
}

export const CGROUP_ROOT = '/sys/fs/cgroup';
const V1_CONTROLLERS = ['memory', 'pids', 'cpu', 'cpuacct'] as const;
const V2_CONTROLLERS = ['memory', 'pids', 'cpu'] as const;
const PARENT = 'seer-sandbox';
/** memory.current sampling period where the kernel has no memory.peak (before 5.19). */
const SAMPLE_MS = 25;

const read = (f: string): string | null => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return null;
  }
};

/**
 * Which cgroup layout `root` has: v2 when it is a unified tree (it has `cgroup.controllers`;
 * a v1 or hybrid host has a tmpfs there with one folder per controller), v1 when the memory
 * hierarchy is mounted. Null when neither.
 */
export function detectCgroupVersion(root = CGROUP_ROOT): 1 | 2 | null {
  if (existsSync(join(root, 'cgroup.controllers'))) return 2;
  if (existsSync(join(root, 'memory', 'cgroup.procs'))) return 1;
  return null;
}

/**
 * Prepare the `seer-sandbox` parent and say whether per-run cgroups work here. On v2 the
 * memory, pids and cpu controllers are enabled for the parent's children (the parent itself
 * never holds a process, as v2 requires).
 */
export function prepareCgroupHost(root = CGROUP_ROOT): CgroupHost | null {
  const version = detectCgroupVersion(root);
  try {
    if (version === 1) {
      for (const c of V1_CONTROLLERS) {
        if (!existsSync(join(root, c, 'cgroup.procs'))) return null;
        mkdirSync(join(root, c, PARENT), { recursive: true });
      }
      return { version, root };
    }
    if (version === 2) {
      const available = (read(join(root, 'cgroup.controllers')) ?? '').split(/\s+/);
      if (!V2_CONTROLLERS.every((c) => available.includes(c))) return null;
      const enable = V2_CONTROLLERS.map((c) => `+${c}`).join(' ');
      const enabled = (read(join(root, 'cgroup.subtree_control')) ?? '').split(/\s+/);
      if (!V2_CONTROLLERS.every((c) => enabled.includes(c)))
        writeFileSync(join(root, 'cgroup.subtree_control'), enable);
      const parent = join(root, PARENT);
      mkdirSync(parent, { recursive: true });
      writeFileSync(join(parent, 'cgroup.subtree_control'), enable);
      return { version, root };
    }
  } catch {
    return null;
  }
  return null;
}

let defaultHost: CgroupHost | null | undefined;

/** The host's cgroups (prepared once per process). */
export function cgroupsAvailable(): boolean {
  if (defaultHost === undefined) defaultHost = prepareCgroupHost();
  return defaultHost !== null;
}

/** Version in use on this host, or null (no per-run cgroups). */
export function cgroupVersion(): 1 | 2 | null {
  return cgroupsAvailable() ? defaultHost!.version : null;
}

function parentDirs(host: CgroupHost): string[] {
  return host.version === 2
    ? [join(host.root, PARENT)]
    : V1_CONTROLLERS.map((c) => join(host.root, c, PARENT));
}

/**
 * Remove empty per-run cgroups left behind by host processes that died without close()
 * (names carry the creating process's pid; a live owner's cgroups are never touched).
 */
export function sweepStaleCgroups(
  host: CgroupHost | null = cgroupsAvailable() ? defaultHost! : null,
): number {
  if (!host) return 0;
  let removed = 0;
  for (const parent of parentDirs(host)) {
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

export function createRunCgroup(limits: CgroupLimits, host?: CgroupHost): RunCgroup {
  const h = host ?? (cgroupsAvailable() ? defaultHost! : null);
  if (!h) throw new Error('per-run cgroups are not available on this host');
  const name = `run-${process.pid}-${Date.now().toString(36)}-${seq++}`;
  return h.version === 2 ? createV2(h.root, name, limits) : createV1(h.root, name, limits);
}

const CGROUP_MAGIC = new Set([0x27e0eb, 0x63677270]); // cgroup v1, cgroup2

function isCgroupFs(p: string): boolean {
  try {
    return CGROUP_MAGIC.has(Number(statfsSync(p).type));
  } catch {
    return false;
  }
}

function killPids(pids: () => number[]): void {
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
}

async function removeDirs(dirs: string[], killAll: () => void): Promise<void> {
  for (const d of dirs) {
    for (let i = 0; i < 100; i++) {
      try {
        rmdirSync(d);
        break;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') break;
        if (code === 'ENOTEMPTY' && !isCgroupFs(d)) {
          rmSync(d, { recursive: true, force: true }); // a fake tree (tests): plain files
          break;
        }
        killAll();
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  }
}

function createV1(root: string, name: string, limits: CgroupLimits): RunCgroup {
  const dirs = Object.fromEntries(V1_CONTROLLERS.map((c) => [c, join(root, c, PARENT, name)])) as Record<
    (typeof V1_CONTROLLERS)[number],
    string
  >;
  for (const d of Object.values(dirs)) mkdirSync(d);
  const setLimits = (l: CgroupLimits) => {
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
  const pids = (): number[] =>
    (read(join(dirs.pids, 'cgroup.procs')) ?? '').split('\n').filter(Boolean).map(Number);
  const killAll = () => killPids(pids);
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
    killAll,
    pids,
    destroy: () => removeDirs(Object.values(dirs), killAll),
  };
}

/** `key value` lines (cpu.stat, memory.events) -> number for `key`, or null. */
export function statField(text: string | null, key: string): number | null {
  if (text === null) return null;
  const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

function createV2(root: string, name: string, limits: CgroupLimits): RunCgroup {
  const dir = join(root, PARENT, name);
  mkdirSync(dir);
  const f = (n: string) => join(dir, n);
  const setLimits = (l: CgroupLimits) => {
    writeFileSync(f('memory.max'), String(l.memoryMb * 1024 * 1024));
    // No swap: memory.max is the whole budget, as memsw is on v1.
    if (existsSync(f('memory.swap.max'))) writeFileSync(f('memory.swap.max'), '0');
    writeFileSync(f('pids.max'), String(l.pids));
    writeFileSync(f('cpu.max'), `${Math.round(100000 * l.cpuCores)} 100000`);
  };
  setLimits(limits);
  // Kernels before 5.19 have no memory.peak: sample memory.current while the run lives.
  let sampled: number | null = null;
  const sample = () => {
    const v = read(f('memory.current'));
    if (v !== null && v.trim() !== '') sampled = Math.max(sampled ?? 0, Number(v));
  };
  let sampler: NodeJS.Timeout | null = null;
  if (!existsSync(f('memory.peak'))) {
    sampler = setInterval(sample, SAMPLE_MS);
    sampler.unref();
  }
  const stopSampling = () => {
    if (sampler) {
      sample();
      clearInterval(sampler);
      sampler = null;
    }
  };
  const pids = (): number[] => (read(f('cgroup.procs')) ?? '').split('\n').filter(Boolean).map(Number);
  const killAll = () => {
    // cgroup.kill (5.14+) kills every process of the cgroup atomically, fork races included.
    if (existsSync(f('cgroup.kill'))) {
      try {
        writeFileSync(f('cgroup.kill'), '1');
      } catch {
        // removed already
      }
    }
    killPids(pids);
  };
  return {
    procsFiles: [f('cgroup.procs')],
    setLimits,
    addPid(pid) {
      writeFileSync(f('cgroup.procs'), String(pid));
    },
    peakMemoryKb() {
      const peak = read(f('memory.peak'));
      if (peak !== null && peak.trim() !== '') return Math.round(Number(peak) / 1024);
      if (sampler) sample();
      return sampled === null ? null : Math.round(sampled / 1024);
    },
    cpuMs() {
      const usec = statField(read(f('cpu.stat')), 'usage_usec');
      return usec === null ? null : Math.round(usec / 1000);
    },
    oomKilled() {
      return (statField(read(f('memory.events')), 'oom_kill') ?? 0) > 0;
    },
    killAll,
    pids,
    async destroy() {
      stopSampling();
      await removeDirs([dir], killAll);
    },
  };
}
