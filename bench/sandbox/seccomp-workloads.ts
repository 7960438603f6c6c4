/**
 * Workloads of the seccomp measurement (see packages/sandbox/seccomp/trace.sh): runs model packages through the real
 * sandbox on the cold, pool and fork paths, one at a time, and prints a marker before each so
 * the strace log can be cut per workload. Run it only under trace.sh.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createBwrapSandbox, type SandboxStrategy } from '../../packages/sandbox/src/bwrap-sandbox';
import {
  ABUSE_DIR,
  AS_OF,
  FIXTURES,
  manifestOf,
  REPO,
  SOURCE,
  TEST_CAPS,
} from '../../packages/sandbox/test/helpers';

/** Benign workloads: what the allow list must let through. */
const BENIGN = [
  join(REPO, 'examples/momentum'),
  join(REPO, 'examples/mean-reversion'),
  join(REPO, 'examples/sklearn-direction'),
  join(FIXTURES, 'happy'),
  join(FIXTURES, 'libraries'),
];
const UID = 64190;

/** A syscall strace shows in the Node process's lines: `statx(... "/seer-trace-marker/<kind>/<name>" ...)`. */
function marker(kind: string, name: string): void {
  try {
    statSync(`/seer-trace-marker/${kind}/${name}`);
  } catch {
    // ENOENT is the point
  }
}

async function runAll(strategy: SandboxStrategy, kind: string, dirs: string[]): Promise<void> {
  marker(`${kind}-${strategy}`, 'start'); // template / pool start-up
  const sandbox = await createBwrapSandbox({
    strategy,
    uid: UID,
    gid: UID,
    // strace slows every call: give the wall clock room (CPU limits are unchanged).
    caps: { ...TEST_CAPS, wallPerCpuSecond: 30, maxWallMs: 900_000 },
    poolSize: 1,
    concurrency: 1,
    templateStartTimeoutMs: 1_800_000,
  });
  try {
    for (const dir of dirs) {
      const name = dir.split('/').pop()!;
      marker(`${kind}-${strategy}`, name);
      const manifest = manifestOf(
        dir,
        name === 'signal_parent' ? { params: { host_pid: process.pid } } : undefined,
      );
      const r = await sandbox.run({ packageDir: dir, manifest, asOf: AS_OF, mode: 'live', source: SOURCE });
      process.stderr.write(`${kind} ${strategy} ${name}: ${r.ok ? 'ok' : r.code}\n`);
      if (kind === 'benign' && !r.ok) process.exitCode = 1;
    }
  } finally {
    marker('end', strategy);
    await sandbox.close();
  }
}

const abuse = readdirSync(ABUSE_DIR)
  .map((n) => join(ABUSE_DIR, n))
  .filter((d) => statSync(d).isDirectory())
  // Long by design and measuring nothing new: the CPU hog and the sleeper.
  .filter((d) => !/\/(cpu_loop|sleep_forever)$/.test(d));

// Phases to run (default all): benign-cold benign-pool benign-fork abuse-cold abuse-fork.
const phases = process.argv.slice(2);
const want = (p: string) => phases.length === 0 || phases.includes(p);
for (const s of ['cold', 'pool', 'fork'] as SandboxStrategy[]) {
  if (want(`benign-${s}`)) await runAll(s, 'benign', BENIGN);
}
for (const s of ['cold', 'fork'] as SandboxStrategy[]) {
  if (want(`abuse-${s}`)) await runAll(s, 'abuse', abuse);
}
