import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBwrapSandbox, type SandboxStrategy } from '../src/bwrap-sandbox';
import type { ModelManifest, Sandbox, SandboxResult } from '../src/types';
import { CASES } from './abuse-suite';
import {
  ABUSE_DIR,
  AS_OF,
  CANARY,
  CANARY_DIR,
  canaryIntact,
  manifestOf,
  postgresAlive,
  REPO,
  SOURCE,
  TEST_CAPS,
  uidProcessCount,
} from './helpers';

/**
 * Hostile packages running at the same time as each other and as benign models, on one
 * sandbox: each hostile run must end with the code it gets alone, nothing may leak between
 * runs, and the benign runs beside them must succeed with their normal answer.
 */
const HOSTILE = [
  'neighbours',
  'neighbours',
  'neighbours',
  'tmp_writer',
  'tmp_reader',
  'fork_bomb',
  'memory_bomb',
  'fill_tmp',
  'huge_stdout',
  'signal_parent',
  'ptrace',
  'ctypes_modify_ldt',
  'net_tcp_postgres',
  'frame_malformed',
];
const BENIGN = [join(REPO, 'examples/momentum'), join(REPO, 'examples/mean-reversion')];

for (const [strategy, uid] of [
  ['fork', 64141],
  ['cold', 64142],
] as Array<[SandboxStrategy, number]>) {
  describe(`hostile runs side by side (${strategy})`, () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      mkdirSync(CANARY_DIR, { recursive: true, mode: 0o700 });
      writeFileSync(join(CANARY_DIR, 'platform.key'), CANARY, { mode: 0o600 });
      // Generous wall clock: 18 runs share 2 cores (and the box is shared with other work), so
      // a run may get a few percent of a core; the CPU and memory limits still apply per run.
      sandbox = await createBwrapSandbox({
        strategy,
        uid,
        gid: uid,
        caps: { ...TEST_CAPS, wallPerCpuSecond: 60 },
        concurrency: 6,
      });
    });
    afterAll(async () => {
      await sandbox?.close();
      await new Promise((r) => setTimeout(r, 200));
      expect(uidProcessCount(uid)).toBe(0);
    });

    it('each hostile run fails as it does alone and the benign runs succeed', {
      timeout: 500_000,
    }, async () => {
      const run = (dir: string, params?: ModelManifest['params']): Promise<SandboxResult> =>
        sandbox.run({
          packageDir: dir,
          manifest: manifestOf(dir, params ? { params } : {}),
          asOf: AS_OF,
          mode: 'live',
          source: SOURCE,
        });
      // Interleave: a benign run starts between hostile ones, twice over.
      const jobs: Array<{ name: string; p: Promise<SandboxResult> }> = [];
      for (const [i, name] of HOSTILE.entries()) {
        const c = CASES.find((x) => x.name === name)!;
        const params = c.manifest?.params as ModelManifest['params'] | undefined;
        jobs.push({ name, p: run(join(ABUSE_DIR, name), params) });
        if (i % 4 === 1) for (const b of BENIGN) jobs.push({ name: `benign:${b}`, p: run(b) });
      }
      const results = await Promise.all(jobs.map((j) => j.p));
      const alone = (await Promise.all(BENIGN.map((b) => run(b)))).map((r) => (r.ok ? r.predictions : r));
      for (const [i, r] of results.entries()) {
        const name = jobs[i]!.name;
        const dump = JSON.stringify(r).slice(0, 2000);
        expect(dump, name).not.toContain('LEAK:');
        expect(dump, name).not.toContain(CANARY);
        if (name.startsWith('benign:')) {
          expect(r.ok, `${name}: ${dump}`).toBe(true);
          // Same answer as when the model runs alone on a quiet sandbox.
          const b = BENIGN.indexOf(name.slice('benign:'.length));
          expect(r.ok && r.predictions, name).toEqual(alone[b]);
          continue;
        }
        const c = CASES.find((x) => x.name === name)!;
        expect(r.ok ? 'ok' : r.code, `${name}: ${dump}`).toBe(c.code);
        if (c.blocked)
          expect(r.logs.filter((l) => l.startsWith('BLOCKED:')).length, name).toBeGreaterThanOrEqual(
            c.blocked,
          );
        c.check?.(r);
      }
      expect(postgresAlive()).toBe(true);
      expect(canaryIntact()).toBe(true);
    });
  });
}
