import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers';

const PROFILE = join(REPO, 'python/seer/runtime/seccomp_profile.py');
const MEASURED = join(REPO, 'packages/sandbox/seccomp/measured.json');

interface Lists {
  measured: string[];
  margin: string[];
  kill: string[];
  namespace: string[];
  numa: string[];
  ruled: string[];
  template_extra: string[];
  allowed: { stage1: string[]; template: string[] };
}
interface Measured {
  benign: { stage1: Record<string, number>; template: Record<string, number> };
  abuse: { stage1: Record<string, number> };
}

const lists = (): Lists => {
  const r = spawnSync('/usr/bin/python3', ['-I', '-B', PROFILE, 'lists'], { encoding: 'utf8', env: {} });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Lists;
};

/**
 * Run `code` in a python3 that first loads the given seccomp stage (no bwrap: the filter alone)
 * and report how it ended: `exit:<n>` or `signal:<name>`, plus its stdout.
 */
function underFilter(stage: string, code: string): { end: string; out: string } {
  const prog = [
    'import ctypes, errno, os, socket, sys',
    `sys.path.insert(0, ${JSON.stringify(join(REPO, 'python'))})`,
    'from seer.runtime import seccomp_profile',
    'libc = ctypes.CDLL(None, use_errno=True)',
    'libc.syscall.restype = ctypes.c_long',
    'def sc(*a):',
    '    rc = libc.syscall(*a)',
    '    return rc if rc >= 0 else -ctypes.get_errno()',
    `seccomp_profile.load(${JSON.stringify(stage)})`,
    code,
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-I', '-B', '-c', prog], { encoding: 'utf8', env: {} });
  return { end: r.signal ? `signal:${r.signal}` : `exit:${r.status}`, out: `${r.stdout}${r.stderr}` };
}

describe('seccomp stage 1 is an allow list', () => {
  it('calls outside the list fail with ENOSYS (splice and vmsplice passed under the old deny list)', () => {
    const r = underFilter(
      'stage1',
      [
        'print("splice", sc(275, -1, 0, -1, 0, 1, 0))',
        'print("vmsplice", sc(278, -1, 0, 0, 0))',
        'print("tee", sc(276, -1, -1, 1, 0))',
        'print("mknodat", sc(259, -100, b"/tmp/x", 0o10600, 0))',
        'print("memfd_create", sc(319, b"x", 0))',
        'print("shmget", sc(29, 0, 4096, 0o1600))',
        'print("getpid", sc(39) > 0)',
      ].join('\n'),
    );
    expect(r.end, r.out).toBe('exit:0');
    const ENOSYS = `-38`;
    for (const call of ['splice', 'vmsplice', 'tee', 'mknodat', 'memfd_create', 'shmget']) {
      expect(r.out, call).toContain(`${call} ${ENOSYS}\n`);
    }
    expect(r.out).toContain('getpid True');
  });

  it('kills modify_ldt (it passed under the old deny list)', () => {
    const r = underFilter('stage1', 'print("modify_ldt", sc(154, 0, ctypes.create_string_buffer(64), 64))');
    expect(r.end, r.out).toBe('signal:SIGSYS');
    expect(r.out).not.toContain('modify_ldt');
  });

  it('refuses non-AF_UNIX sockets with EPERM and allows AF_UNIX ones', () => {
    const r = underFilter(
      'stage1',
      [
        'a, b = socket.socketpair()',
        'a.sendall(b"x"); print("pair", b.recv(1))',
        'try:\n    socket.socket(socket.AF_INET, socket.SOCK_STREAM)\nexcept OSError as e:\n    print("inet", e.errno)',
      ].join('\n'),
    );
    expect(r.end, r.out).toBe('exit:0');
    expect(r.out).toContain("pair b'x'");
    expect(r.out).toContain('inet 1');
  });

  it('kills clone with a namespace flag, refuses clone3 with ENOSYS, lets threads run', () => {
    const ok = underFilter(
      'stage1',
      [
        'import threading',
        't = threading.Thread(target=lambda: print("thread ran")); t.start(); t.join()',
        'print("clone3", sc(435, ctypes.create_string_buffer(88), 88))',
      ].join('\n'),
    );
    expect(ok.end, ok.out).toBe('exit:0');
    expect(ok.out).toContain('thread ran');
    expect(ok.out).toContain('clone3 -38');
    const userns = underFilter('stage1', 'print("clone", sc(56, 0x10000000 | 17, 0, 0, 0, 0))');
    expect(userns.end, userns.out).toBe('signal:SIGSYS');
  });

  it('the template profile allows only the monitor’s own unshare flags', () => {
    const wrong = underFilter('template', 'print("unshare", sc(272, 0x10000000))');
    expect(wrong.end, wrong.out).toBe('signal:SIGSYS');
    const setns = underFilter('template', 'print("setns", sc(308, 0, 0))');
    expect(setns.end, setns.out).toBe('signal:SIGSYS');
  });
});

describe('the allow list matches the committed measurement', () => {
  const l = lists();
  const m = JSON.parse(readFileSync(MEASURED, 'utf8')) as Measured;
  // Refused on purpose although benign code tries them: clone3 (ENOSYS, glibc falls back to
  // clone) and the NUMA calls (EPERM, OpenBLAS copes).
  const refusedOnPurpose = new Set(['clone3', ...l.numa]);

  it('every call the benign workloads made under stage 1 is allowed (or refused on purpose)', () => {
    const allowed = new Set([...l.allowed.stage1, ...l.ruled]);
    const missing = Object.keys(m.benign.stage1).filter((n) => !allowed.has(n) && !refusedOnPurpose.has(n));
    expect(missing).toEqual([]);
  });

  it('every call the template and monitors made is allowed in the template profile', () => {
    const allowed = new Set([...l.allowed.template, ...l.ruled]);
    expect(Object.keys(m.benign.template).filter((n) => !allowed.has(n))).toEqual([]);
  });

  it('the profile’s MEASURED list is exactly the measurement (re-run trace.sh after changing either)', () => {
    const measured = Object.keys(m.benign.stage1)
      .filter((n) => !refusedOnPurpose.has(n) && n !== 'socket')
      .sort();
    expect([...l.measured].sort()).toEqual(measured);
  });

  it('no killed call is on the allow list, and the abuse suite did try calls outside it', () => {
    const allowed = new Set(l.allowed.stage1);
    expect(l.kill.filter((n) => allowed.has(n))).toEqual([]);
    const outside = Object.keys(m.abuse.stage1).filter((n) => !allowed.has(n) && !l.ruled.includes(n));
    for (const n of ['ptrace', 'bpf', 'perf_event_open', 'userfaultfd', 'io_uring_setup', 'modify_ldt']) {
      expect(outside).toContain(n);
    }
  });
});
