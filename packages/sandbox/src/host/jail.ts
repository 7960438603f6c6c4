import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import type { RunLimits } from '../limits';
import { createRunCgroup, type RunCgroup } from './cgroup';
import type { RunChannel } from './session';
import { closeFds, openDirFd } from './store';

export interface JailConfig {
  pythonPath: string;
  /**
   * Host directory holding the `seer` Python package (bound read-only at /opt/seer). It is
   * handed to bwrap as an open descriptor, so the jail uid need not reach it by path; its
   * files must be readable by that uid (the sandbox stages a copy with fixed modes).
   */
  runtimeDir: string;
  /** Exported BPF program for bwrap --seccomp. */
  seccompFile: string;
  uid: number;
  gid: number;
  /**
   * True when this uid belongs to this jail alone (SANDBOX_UID_RANGE): RLIMIT_NPROC is then
   * the run's own process/thread budget (`pids` + a little for bwrap) instead of a shared
   * ceiling.
   */
  ownUid?: boolean;
  cgroups: boolean;
}

export interface JailSpec {
  limits: RunLimits;
  /**
   * Bound read-only at /pkg (cold path) through an open descriptor, like the runtime;
   * omitted when the package arrives as bytes.
   */
  packageDir?: string;
  /** Python module to run (seer.runtime or seer.runtime.template). */
  module?: string;
  /** Extra bwrap args (e.g. a read-write bind for the fork template's channel dir). */
  extraBinds?: string[];
  /** Allow nested user namespaces (fork template only). */
  allowUserns?: boolean;
  env?: Record<string, string>;
}

export interface Jail extends RunChannel {
  child: ChildProcess;
  cgroup: RunCgroup | null;
  alive(): boolean;
}

const NPROC_CEILING = 4096;
/** bwrap's own processes, counted against the jail uid's RLIMIT_NPROC. */
const NPROC_SLACK = 4;

/** Descriptors the launcher hands to bwrap (stdio 0-2 are the frame pipes). */
const FD = { seccomp: 3, runtime: 4, pkg: 5 } as const;

export function bwrapArgs(cfg: JailConfig, spec: JailSpec): string[] {
  const a = [
    '--unshare-user',
    '--unshare-ipc',
    '--unshare-pid',
    '--unshare-net',
    '--unshare-uts',
    '--unshare-cgroup',
    ...(spec.allowUserns ? [] : ['--disable-userns']),
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    '--as-pid-1',
    '--clearenv',
    '--hostname',
    'seer-sandbox',
    '--ro-bind',
    '/usr',
    '/usr',
    '--symlink',
    'usr/lib',
    '/lib',
    '--symlink',
    'usr/lib64',
    '/lib64',
    '--symlink',
    'usr/bin',
    '/bin',
    '--symlink',
    'usr/sbin',
    '/sbin',
  ];
  if (existsSync('/etc/alternatives')) a.push('--ro-bind', '/etc/alternatives', '/etc/alternatives');
  if (existsSync('/etc/ld.so.cache')) a.push('--ro-bind', '/etc/ld.so.cache', '/etc/ld.so.cache');
  a.push('--proc', '/proc', '--dev', '/dev', '--remount-ro', '/dev');
  a.push('--size', String(spec.limits.tmpMb * 1024 * 1024), '--tmpfs', '/tmp');
  a.push('--ro-bind-fd', String(FD.runtime), '/opt/seer');
  if (spec.packageDir) a.push('--ro-bind-fd', String(FD.pkg), '/pkg');
  if (spec.extraBinds) a.push(...spec.extraBinds);
  const env: Record<string, string> = {
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
    NUMEXPR_NUM_THREADS: '1',
    HOME: '/tmp',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    ...spec.env,
  };
  for (const [k, v] of Object.entries(env)) a.push('--setenv', k, v);
  a.push('--chdir', '/tmp', '--remount-ro', '/', '--seccomp', String(FD.seccomp));
  const mod = spec.module ?? 'seer.runtime';
  a.push(
    cfg.pythonPath,
    '-I',
    '-B',
    '-c',
    `import sys;sys.path.insert(0,'/opt/seer');import runpy;runpy.run_module(${JSON.stringify(mod)},run_name='__main__')`,
  );
  return a;
}

/** Start one jail: cgroup (if available) -> prlimit -> setpriv (unprivileged uid) -> bwrap. */
export function startJail(cfg: JailConfig, spec: JailSpec): Jail {
  const l = spec.limits;
  const cgroup = cfg.cgroups
    ? createRunCgroup({ memoryMb: l.memoryMb, pids: l.pids, cpuCores: l.cpuQuotaCores })
    : null;
  const enter = cgroup ? cgroup.procsFiles.map((f) => `echo $$ > '${f}' || exit 97; `).join('') : '';
  const argv = [
    '/usr/bin/prlimit',
    `--cpu=${l.cpuSeconds}:${l.cpuSeconds + 1}`,
    `--as=${l.addressSpaceBytes}`,
    `--fsize=${l.fileSizeBytes}`,
    `--nofile=${l.openFiles}`,
    '--core=0',
    `--nproc=${cfg.ownUid ? Math.min(NPROC_CEILING, l.pids + NPROC_SLACK) : NPROC_CEILING}`,
    '--',
    '/usr/bin/setpriv',
    `--reuid=${cfg.uid}`,
    `--regid=${cfg.gid}`,
    '--clear-groups',
    '--no-new-privs',
    '--',
    '/usr/bin/bwrap',
    ...bwrapArgs(cfg, spec),
  ];
  const fds: number[] = [];
  let child: ChildProcess;
  try {
    fds.push(openSync(cfg.seccompFile, 'r'), openDirFd(cfg.runtimeDir));
    if (spec.packageDir) fds.push(openDirFd(spec.packageDir));
    child = spawn('/bin/sh', ['-c', `${enter}exec "$@"`, 'sh', ...argv], {
      env: {},
      stdio: ['pipe', 'pipe', 'pipe', ...fds],
      detached: true,
    });
  } catch (e) {
    cgroup?.destroy();
    throw e;
  } finally {
    closeFds(fds);
  }
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve(code ?? 128 + (signal ? signalNumber(signal) : 0));
    });
    child.on('error', () => resolve(-1));
  });
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  // Kill the jailed processes first so bwrap reaps them (killing bwrap first would leave the
  // runtime as a zombie of the host's init); then bwrap itself if it is still there.
  const kill = () => {
    if (gone) {
      cgroup?.killAll();
      return;
    }
    const inner = cgroup ? cgroup.pids().filter((p) => p !== child.pid) : childrenOf(child.pid);
    for (const p of inner) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone
      }
    }
    const t = setTimeout(() => {
      if (gone || !child.pid) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
      cgroup?.killAll();
    }, 250);
    t.unref();
  };
  return {
    child,
    cgroup,
    alive: () => !gone,
    input: child.stdin!,
    output: child.stdout!,
    stderr: child.stderr!,
    exited,
    kill,
    cpuMs: () => cgroup?.cpuMs() ?? null,
    peakMemoryKb: () => cgroup?.peakMemoryKb() ?? null,
    oomKilled: () => cgroup?.oomKilled() ?? false,
  };
}

function childrenOf(pid: number | undefined): number[] {
  if (!pid) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

const SIGNALS: Record<string, number> = {
  SIGKILL: 9,
  SIGTERM: 15,
  SIGSYS: 31,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGSEGV: 11,
  SIGABRT: 6,
};
function signalNumber(s: string): number {
  return SIGNALS[s] ?? 0;
}
