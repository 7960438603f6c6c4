/**
 * Per-run cgroups on both layouts. This machine may be cgroup v1 (or hybrid): the v2 code is
 * exercised on a fake tree laid out like /sys/fs/cgroup (interface files are plain files, so
 * the test plays the kernel's part), and on the real hierarchy only where the host has v2.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CGROUP_ROOT,
  createRunCgroup,
  detectCgroupVersion,
  prepareCgroupHost,
  statField,
  sweepStaleCgroups,
} from './cgroup';

const work = mkdtempSync(join(tmpdir(), 'seer-cgroup-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function fakeV2(controllers = 'cpuset cpu io memory hugetlb pids rdma misc'): string {
  const root = join(work, `v2-${n++}`);
  mkdirSync(root);
  writeFileSync(join(root, 'cgroup.controllers'), `${controllers}\n`);
  writeFileSync(join(root, 'cgroup.subtree_control'), '\n');
  writeFileSync(join(root, 'cgroup.procs'), '');
  return root;
}
const LIMITS = { memoryMb: 256, pids: 32, cpuCores: 0.5 };
const text = (p: string) => readFileSync(p, 'utf8');

describe('cgroup layout detection', () => {
  it('tells v2 (unified), v1 and none apart', () => {
    expect(detectCgroupVersion(fakeV2())).toBe(2);
    const v1 = join(work, 'v1');
    mkdirSync(join(v1, 'memory'), { recursive: true });
    writeFileSync(join(v1, 'memory', 'cgroup.procs'), '');
    expect(detectCgroupVersion(v1)).toBe(1);
    expect(detectCgroupVersion(join(work, 'nothing'))).toBeNull();
  });

  it('v2: enables memory, pids and cpu for the seer-sandbox parent, and needs all three', () => {
    const root = fakeV2();
    expect(prepareCgroupHost(root)).toEqual({ version: 2, root });
    expect(text(join(root, 'cgroup.subtree_control'))).toBe('+memory +pids +cpu');
    expect(text(join(root, 'seer-sandbox', 'cgroup.subtree_control'))).toBe('+memory +pids +cpu');
    expect(prepareCgroupHost(fakeV2('cpu memory io'))).toBeNull(); // no pids controller
  });
});

describe('a run cgroup on a fake v2 tree', () => {
  const root = fakeV2();
  const host = prepareCgroupHost(root)!;

  it('writes memory.max, pids.max and cpu.max, and enters through one cgroup.procs', async () => {
    const cg = createRunCgroup(LIMITS, host);
    const dir = cg.procsFiles[0]!.replace(/\/cgroup\.procs$/, '');
    expect(cg.procsFiles).toEqual([join(root, 'seer-sandbox', dir.split('/').pop()!, 'cgroup.procs')]);
    expect(text(join(dir, 'memory.max'))).toBe(String(256 * 1024 * 1024));
    expect(text(join(dir, 'pids.max'))).toBe('32');
    expect(text(join(dir, 'cpu.max'))).toBe('50000 100000');
    cg.setLimits({ memoryMb: 64, pids: 8, cpuCores: 2 });
    expect(text(join(dir, 'memory.max'))).toBe(String(64 * 1024 * 1024));
    expect(text(join(dir, 'cpu.max'))).toBe('200000 100000');
    cg.addPid(4242);
    expect(text(join(dir, 'cgroup.procs'))).toBe('4242');
    await cg.destroy();
    expect(existsSync(dir)).toBe(false);
  });

  it('reads CPU from cpu.stat, OOM kills from memory.events, peak from memory.peak', async () => {
    const cg = createRunCgroup(LIMITS, host);
    const dir = cg.procsFiles[0]!.replace(/\/cgroup\.procs$/, '');
    expect(cg.cpuMs()).toBeNull();
    writeFileSync(join(dir, 'cpu.stat'), 'usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\n');
    expect(cg.cpuMs()).toBe(1235);
    writeFileSync(join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 12\noom 1\noom_kill 0\n');
    expect(cg.oomKilled()).toBe(false);
    writeFileSync(join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n');
    expect(cg.oomKilled()).toBe(true);
    writeFileSync(join(dir, 'memory.peak'), String(10 * 1024 * 1024));
    expect(cg.peakMemoryKb()).toBe(10 * 1024);
    writeFileSync(join(dir, 'cgroup.procs'), '');
    expect(cg.pids()).toEqual([]);
    await cg.destroy();
  });

  it('without memory.peak (kernels before 5.19) samples memory.current while the run lives', async () => {
    const cg = createRunCgroup(LIMITS, host);
    const dir = cg.procsFiles[0]!.replace(/\/cgroup\.procs$/, '');
    writeFileSync(join(dir, 'memory.current'), String(30 * 1024 * 1024));
    await new Promise((r) => setTimeout(r, 120));
    writeFileSync(join(dir, 'memory.current'), String(2 * 1024 * 1024)); // freed before the end
    await new Promise((r) => setTimeout(r, 120));
    expect(cg.peakMemoryKb()).toBe(30 * 1024);
    await cg.destroy();
  });

  it('sweeps run cgroups of dead processes only', () => {
    const parent = join(root, 'seer-sandbox');
    mkdirSync(join(parent, 'run-999999999-x-0'));
    mkdirSync(join(parent, `run-${process.pid}-x-0`));
    expect(sweepStaleCgroups(host)).toBe(1);
    expect(existsSync(join(parent, 'run-999999999-x-0'))).toBe(false);
    expect(existsSync(join(parent, `run-${process.pid}-x-0`))).toBe(true);
  });

  it('parses key-value stat files', () => {
    expect(statField('usage_usec 5\nuser_usec 3\n', 'user_usec')).toBe(3);
    expect(statField('usage_usec 5\n', 'oom_kill')).toBeNull();
    expect(statField(null, 'x')).toBeNull();
  });
});

const realV2 = detectCgroupVersion(CGROUP_ROOT) === 2 && process.getuid?.() === 0;
describe.runIf(realV2)('a run cgroup on this host (cgroup v2)', () => {
  it('holds a process, reports CPU and memory, kills it and is removed', async () => {
    const host = prepareCgroupHost(CGROUP_ROOT);
    expect(host?.version).toBe(2);
    const cg = createRunCgroup({ memoryMb: 64, pids: 4, cpuCores: 1 }, host!);
    const child = spawn('/bin/sh', ['-c', `echo $$ > '${cg.procsFiles[0]}' && exec sleep 30`]);
    const exited = new Promise((r) => child.on('exit', r));
    for (let i = 0; i < 100 && cg.pids().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(cg.pids()).toContain(child.pid);
    expect(cg.cpuMs()).not.toBeNull();
    expect(cg.peakMemoryKb()).toBeGreaterThan(0);
    cg.killAll();
    await exited;
    await cg.destroy();
    expect(cg.pids()).toEqual([]);
  });
});
