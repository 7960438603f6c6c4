import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBwrapSandbox, type SandboxStrategy } from '../src/bwrap-sandbox';
import type { ModelManifest, PlatformCaps, Sandbox, SandboxErrorCode, SandboxResult } from '../src/types';
import {
  ABUSE_DIR,
  AS_OF,
  CANARY,
  CANARY_DIR,
  canaryIntact,
  HOUR,
  INT80_SERVED,
  manifestOf,
  postgresAlive,
  REPO,
  SOURCE,
  TEST_CAPS,
  uidProcessCount,
} from './helpers';

interface AbuseCase {
  name: string;
  code: SandboxErrorCode | 'ok';
  /** Minimum number of `BLOCKED:` lines the model must have printed. */
  blocked?: number;
  manifest?: Partial<ModelManifest>;
  /** Run in a dedicated sandbox with these caps (e.g. a long wall clock for the CPU hog). */
  caps?: Partial<PlatformCaps>;
  check?: (r: SandboxResult) => void;
  /** Build the package elsewhere (default: examples/abuse/<name>). */
  dir?: () => string;
}

/**
 * package_symlinks plus the symlinks to host files it is about. They are made at test time
 * (not committed): tools that walk the repository (git, biome) should never meet them.
 */
function packageWithSymlinks(): string {
  const root = mkdtempSync('/tmp/seer-abuse-symlinks-');
  chmodSync(root, 0o755);
  const dir = join(root, 'package_symlinks');
  cpSync(join(ABUSE_DIR, 'package_symlinks'), dir, { recursive: true });
  const links: Record<string, string> = {
    shadow: '/etc/shadow',
    canary: join(CANARY_DIR, 'platform.key'),
    'host-key': '/etc/ssh/ssh_host_ed25519_key',
    up: '../../../../../../etc/passwd',
  };
  for (const [name, target] of Object.entries(links)) symlinkSync(target, join(dir, name));
  execFileSync('chmod', ['-R', 'a+rX', root]);
  return dir;
}

const JAIL_ENV_KEYS = new Set([
  'OPENBLAS_NUM_THREADS',
  'OMP_NUM_THREADS',
  'MKL_NUM_THREADS',
  'NUMEXPR_NUM_THREADS',
  'HOME',
  'LANG',
  'TZ',
  'PWD',
]);

const linesWith = (r: SandboxResult, prefix: string) => r.logs.filter((l) => l.startsWith(prefix));

const envKeysOnlyJail = (r: SandboxResult) => {
  const lines = linesWith(r, 'ENVKEYS:');
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) {
    const keys = l.split(':').pop()!.split(',').filter(Boolean);
    for (const k of keys) expect(JAIL_ENV_KEYS.has(k), `unexpected env var ${k}`).toBe(true);
  }
};

/** Mount roots a jail may show in /proc/self/mountinfo: fresh filesystems, bwrap's own root,
 * the /dev nodes, the system folders and the runtime. */
const MOUNT_ROOTS = [
  '/',
  '/newroot',
  ...['/null', '/zero', '/full', '/random', '/urandom', '/tty'],
  ...['/usr', '/etc/alternatives', '/etc/ld.so.cache'],
  join(REPO, 'python'),
];

export const CASES: AbuseCase[] = [
  { name: 'net_tcp_postgres', code: 'model_error', blocked: 3 },
  { name: 'net_udp', code: 'model_error', blocked: 2 },
  { name: 'net_dns', code: 'model_error', blocked: 3 },
  { name: 'net_raw_netlink', code: 'model_error', blocked: 5 },
  { name: 'net_unix_sockets', code: 'model_error', blocked: 5 },
  {
    name: 'read_shadow',
    code: 'model_error',
    blocked: 4,
    check: (r) => expect(JSON.stringify(r)).not.toMatch(/root:[^:]*:\d+/),
  },
  { name: 'read_proc_environ', code: 'model_error', blocked: 4, check: envKeysOnlyJail },
  { name: 'platform_env_keys', code: 'model_error', blocked: 9, check: envKeysOnlyJail },
  { name: 'other_package', code: 'model_error', blocked: 5 },
  {
    name: 'write_outside_tmp',
    code: 'model_error',
    blocked: 8,
    check: () => {
      expect(existsSync(join(ABUSE_DIR, 'write_outside_tmp/pwned.txt'))).toBe(false);
      expect(existsSync(join(REPO, 'python/seer/pwned.py'))).toBe(false);
      expect(existsSync('/pwned.txt')).toBe(false);
      expect(existsSync('/etc/pwned.txt')).toBe(false);
    },
  },
  { name: 'fork_bomb', code: 'forbidden_syscall' },
  { name: 'memory_bomb', code: 'memory_exceeded' },
  { name: 'memory_numpy', code: 'memory_exceeded' },
  // The wall clock is far away so the CPU limit trips first even when the box is heavily loaded.
  { name: 'cpu_loop', code: 'cpu_exceeded', caps: { ...TEST_CAPS, wallPerCpuSecond: 40 } },
  { name: 'sleep_forever', code: 'timeout' },
  {
    name: 'fill_tmp',
    code: 'model_error',
    blocked: 1,
    check: (r) => {
      const [, , errno, written] = linesWith(r, 'BLOCKED:fill-tmp')[0]!.split(':');
      expect(['28', '27']).toContain(errno); // ENOSPC or EFBIG
      expect(Number(written)).toBeLessThanOrEqual(32 * 1024 * 1024);
    },
  },
  { name: 'fill_dev_shm', code: 'model_error', blocked: 3 },
  { name: 'huge_stdout', code: 'output_too_large' },
  {
    name: 'huge_stderr',
    code: 'output_too_large',
    check: (r) => expect(r.stderr.length).toBeLessThanOrEqual(64 * 1024),
  },
  { name: 'ptrace', code: 'forbidden_syscall' },
  {
    name: 'setuid',
    code: 'model_error',
    blocked: 4,
    check: (r) => {
      const uid = linesWith(r, 'UID:')[0]!.split(':');
      expect(uid[1]).not.toBe('0');
      expect(uid[2]).not.toBe('0');
    },
  },
  { name: 'ctypes_unshare', code: 'forbidden_syscall' },
  { name: 'ctypes_bpf_keyctl', code: 'forbidden_syscall' },
  { name: 'ctypes_mount', code: 'forbidden_syscall' },
  { name: 'foreign_abi_x32', code: 'forbidden_syscall' },
  // Some hosts (this VM among them) do not serve int 0x80 at all: the CPU faults (SIGSEGV)
  // before seccomp sees a call. Either way the call never runs.
  { name: 'foreign_abi_int80', code: INT80_SERVED ? 'forbidden_syscall' : 'model_error' },
  { name: 'spawn_shell', code: 'forbidden_syscall' },
  { name: 'exec_self', code: 'forbidden_syscall' },
  {
    name: 'signal_parent',
    code: 'ok',
    blocked: 4,
    manifest: { params: { host_pid: process.pid } },
  },
  { name: 'frame_oversized', code: 'output_too_large' },
  { name: 'frame_malformed', code: 'protocol_error' },
  { name: 'frame_out_of_order', code: 'protocol_error' },
  { name: 'frame_forged_result', code: 'bad_output' },
  { name: 'frame_forged_code', code: 'protocol_error' },
  {
    name: 'data_after_as_of',
    code: 'ok',
    check: (r) => {
      const maxTs = linesWith(r, 'MAXTS:').map((l) => Number(l.split(':')[2]));
      expect(maxTs).toHaveLength(2);
      for (const ts of maxTs) expect(ts * 1000 + HOUR).toBeLessThanOrEqual(AS_OF.getTime());
      expect(maxTs[0]! * 1000).toBe(AS_OF.getTime() - 30 * 60_000 - HOUR);
    },
  },
  { name: 'undeclared_symbol', code: 'data_limit_exceeded' },
  { name: 'request_budget', code: 'data_limit_exceeded' },
  { name: 'output_nan', code: 'bad_output' },
  { name: 'output_inf', code: 'bad_output' },
  { name: 'output_wrong_symbols', code: 'bad_output' },
  { name: 'output_extra_fields', code: 'bad_output' },
  { name: 'exit_without_result', code: 'protocol_error' },
  { name: 'tmp_writer', code: 'ok' },
  { name: 'tmp_reader', code: 'model_error', blocked: 2 },
  // Kernel attack surface: each one is killed by the stage-1 filter.
  { name: 'ctypes_bpf', code: 'forbidden_syscall' },
  { name: 'ctypes_perf_event_open', code: 'forbidden_syscall' },
  { name: 'ctypes_userfaultfd', code: 'forbidden_syscall' },
  { name: 'ctypes_io_uring', code: 'forbidden_syscall' },
  { name: 'ctypes_setns', code: 'forbidden_syscall' },
  { name: 'ctypes_clone_newuser', code: 'forbidden_syscall' },
  { name: 'ctypes_modify_ldt', code: 'forbidden_syscall' },
  {
    name: 'ctypes_clone3',
    code: 'model_error',
    blocked: 1,
    check: (r) => expect(linesWith(r, 'BLOCKED:clone3:')[0]).toBe('BLOCKED:clone3:errno=38'), // ENOSYS
  },
  { name: 'read_sys', code: 'model_error', blocked: 6 },
  {
    name: 'mountinfo_host_paths',
    code: 'model_error',
    check: (r) => {
      // A bound file replaced on the host meanwhile (ldconfig rewrites /etc/ld.so.cache) shows
      // as `<path>//deleted`.
      const mounts = linesWith(r, 'MOUNT:').map((l) => l.split(':')[1]!.replace(/\/\/deleted$/, ''));
      expect(mounts.length).toBeGreaterThan(3);
      for (const root of mounts) {
        // Only the system folders, the runtime, the run's own package (cold path: bound from
        // its folder) and the root-owned fork channel folder are named; nothing else of the host.
        const known =
          MOUNT_ROOTS.includes(root) ||
          root === join(ABUSE_DIR, 'mountinfo_host_paths') ||
          // The sandbox's own content-addressed copies (runtime, cold-path package) and channels.
          /^\/tmp\/seer-sandbox-\d+-\w+\/(chan\d+|store\/(runtime|pkg)-[0-9a-f]+)$/.test(root);
        expect(known, `unexpected host path in mountinfo: ${root}`).toBe(true);
      }
    },
  },
  { name: 'package_symlinks', code: 'model_error', blocked: 5, dir: packageWithSymlinks },
  { name: 'neighbours', code: 'model_error', blocked: 4 },
];

export function defineAbuseSuite(strategy: SandboxStrategy, uid: number, only?: string[]): void {
  describe(`abuse suite via the ${strategy} path`, () => {
    let sandbox: Sandbox;
    let baseline = 0;

    beforeAll(async () => {
      mkdirSync(CANARY_DIR, { recursive: true, mode: 0o700 });
      writeFileSync(join(CANARY_DIR, 'platform.key'), CANARY, { mode: 0o600 });
      process.env.SEER_TEST_CANARY = CANARY; // the platform's own env: must never reach a model
      sandbox = await createBwrapSandbox({
        strategy,
        uid,
        gid: uid,
        caps: TEST_CAPS,
        poolSize: 1,
        concurrency: 1,
      });
      await new Promise((r) => setTimeout(r, 300));
      baseline = uidProcessCount(uid);
    });

    afterAll(async () => {
      await sandbox?.close();
      expect(postgresAlive()).toBe(true);
      expect(canaryIntact()).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(uidProcessCount(uid)).toBe(0);
    });

    for (const c of only ? CASES.filter((x) => only.includes(x.name)) : CASES) {
      it(`${c.name} -> ${c.code}`, { timeout: 60_000 }, async () => {
        const dir = c.dir ? c.dir() : join(ABUSE_DIR, c.name);
        const sb = c.caps
          ? await createBwrapSandbox({ strategy, uid, gid: uid, caps: c.caps, poolSize: 1, concurrency: 1 })
          : sandbox;
        const r = await sb
          .run({
            packageDir: dir,
            manifest: manifestOf(dir, c.manifest),
            asOf: AS_OF,
            mode: 'live',
            source: SOURCE,
          })
          .finally(() => (sb === sandbox ? undefined : sb.close()));
        const dump = JSON.stringify(r);
        if (c.code === 'ok') expect(r.ok, dump.slice(0, 2000)).toBe(true);
        else expect(r.ok ? 'ok' : `${r.code}`, dump.slice(0, 2000)).toBe(c.code);
        expect(dump).not.toContain('LEAK:');
        expect(dump).not.toContain(CANARY);
        if (c.blocked)
          expect(linesWith(r, 'BLOCKED:').length, dump.slice(0, 2000)).toBeGreaterThanOrEqual(c.blocked);
        c.check?.(r);
        // Every process of the run is gone (pool/template jails are the baseline).
        let n = uidProcessCount(uid);
        for (let i = 0; i < 50 && n > baseline; i++) {
          await new Promise((res) => setTimeout(res, 20));
          n = uidProcessCount(uid);
        }
        expect(n).toBeLessThanOrEqual(baseline);
        expect(postgresAlive()).toBe(true);
      });
    }
  });
}
