import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
  { name: 'foreign_abi_int80', code: 'forbidden_syscall' },
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
        const dir = join(ABUSE_DIR, c.name);
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
