import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataBroker } from '../src/broker/data-broker';
import { createBwrapSandbox, type SandboxStrategy } from '../src/bwrap-sandbox';
import { checkSandboxHost } from '../src/host/check';
import type { Sandbox } from '../src/types';
import { ABUSE_DIR, AS_OF, FIXTURES, HOUR, manifestOf, REPO, SOURCE, T0, TEST_CAPS } from './helpers';

const HAPPY = join(FIXTURES, 'happy');

async function expectedDigest(): Promise<string> {
  const m = manifestOf(HAPPY);
  const b = createDataBroker({
    source: SOURCE,
    symbols: m.symbols,
    interval: '1h',
    lookback: m.lookback,
    asOf: AS_OF,
    maxRequests: 10,
  });
  for (const s of m.symbols) await b.handle({ symbol: s });
  return b.inputDigest();
}

describe('host check', () => {
  it('finds bwrap and the runtime on this host', () => {
    const c = checkSandboxHost();
    expect(c.problems).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.versions.numpy).toBe('1.24.2');
  });
  it('says exactly what to install when the runtime is missing', () => {
    const c = checkSandboxHost({ pythonPath: '/nonexistent/python3' });
    expect(c.ok).toBe(false);
    expect(c.install).toContain('apt-get install -y');
    for (const p of [
      'python3',
      'python3-numpy',
      'python3-pandas',
      'python3-sklearn',
      'python3-msgpack',
      'python3-seccomp',
    ]) {
      expect(c.install).toContain(p);
    }
  });
});

for (const [strategy, uid] of [
  ['cold', 64111],
  ['pool', 64112],
  ['fork', 64113],
] as Array<[SandboxStrategy, number]>) {
  describe(`happy path (${strategy})`, () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await createBwrapSandbox({ strategy, uid, gid: uid, caps: TEST_CAPS, poolSize: 1 });
    });
    afterAll(async () => {
      await sandbox?.close();
    });

    it('runs a numpy/pandas/sklearn model and returns validated predictions', {
      timeout: 120_000,
    }, async () => {
      const r = await sandbox.run({
        packageDir: HAPPY,
        manifest: manifestOf(HAPPY),
        asOf: AS_OF,
        mode: 'live',
        source: SOURCE,
      });
      expect(r.ok, JSON.stringify(r).slice(0, 3000)).toBe(true);
      if (!r.ok) return;
      expect(r.predictions.map((p) => p.symbol)).toEqual(['BTC-USD', 'ETH-USD']);
      for (const p of r.predictions) {
        expect(Number.isFinite(p.value)).toBe(true);
        expect(p.confidence).toBe(0.5);
      }
      // The model saw exactly `lookback` bars, the last one closed at or before as_of.
      const lastVisible = new Date(T0 + 499 * HOUR).toISOString().replace('.000Z', '+00:00');
      expect(r.logs).toEqual([
        `BTC-USD bars=200 last=${lastVisible}`,
        `ETH-USD bars=200 last=${lastVisible}`,
      ]);
      expect(r.inputDigest).toBe(await expectedDigest());
      expect(r.usage.wallMs).toBeGreaterThan(0);
      expect(r.usage.cpuMs).toBeGreaterThan(0);
      expect(r.usage.peakMemoryKb).toBeGreaterThan(0);
    });

    it('runs the library sweep and the example models under the seccomp allow list', async () => {
      for (const dir of [
        join(FIXTURES, 'libraries'),
        join(REPO, 'examples/momentum'),
        join(REPO, 'examples/mean-reversion'),
        join(REPO, 'examples/sklearn-direction'),
      ]) {
        const r = await sandbox.run({
          packageDir: dir,
          manifest: manifestOf(dir),
          asOf: AS_OF,
          mode: 'live',
          source: SOURCE,
        });
        expect(r.ok, `${dir}: ${JSON.stringify(r).slice(0, 3000)}`).toBe(true);
      }
    }, 120_000);

    it('runs a model that loads a trained scikit-learn file shipped in its package', async () => {
      const dir = join(REPO, 'examples/sklearn-pretrained');
      const r = await sandbox.run({
        packageDir: dir,
        manifest: manifestOf(dir, { symbols: ['BTC-USD'] }),
        asOf: AS_OF,
        mode: 'live',
        source: SOURCE,
      });
      expect(r.ok, JSON.stringify(r).slice(0, 3000)).toBe(true);
      if (!r.ok) return;
      // The pickled pipeline was loaded (at import) and asked: its log line, a P(up) off 0.5.
      expect(r.logs).toHaveLength(1);
      expect(r.logs[0]).toMatch(
        /^BTC-USD P\(up\)=0\.\d{4} \(model trained to 2000-01-01T00:00:00Z, sklearn 1\.2\.1\)$/,
      );
      const [p] = r.predictions;
      expect(p?.symbol).toBe('BTC-USD');
      expect(Math.abs(p?.value ?? 2)).toBeLessThan(1);
      expect(p?.value).not.toBe(0);
      expect(p?.confidence).toBeGreaterThan(0.5);
    }, 120_000);

    it('gives the same answer for a backtest at an earlier as_of, never seeing later bars', async () => {
      const asOf = new Date(T0 + 300 * HOUR);
      const r = await sandbox.run({
        packageDir: HAPPY,
        manifest: manifestOf(HAPPY),
        asOf,
        mode: 'backtest',
        source: SOURCE,
      });
      expect(r.ok).toBe(true);
      const last = new Date(T0 + 299 * HOUR).toISOString().replace('.000Z', '+00:00');
      expect(r.logs[0]).toBe(`BTC-USD bars=200 last=${last}`);
    });
  });
}

describe('parallel fork runs are isolated from each other', () => {
  it('a run never sees the /tmp of a run executing at the same time', async () => {
    const uid = 64116;
    const sandbox = await createBwrapSandbox({
      strategy: 'fork',
      uid,
      gid: uid,
      caps: TEST_CAPS,
      concurrency: 4,
    });
    try {
      const run = (name: string) => {
        const dir = join(ABUSE_DIR, name);
        return sandbox.run({
          packageDir: dir,
          manifest: manifestOf(dir),
          asOf: AS_OF,
          mode: 'live',
          source: SOURCE,
        });
      };
      const results = await Promise.all(
        ['tmp_writer', 'tmp_reader', 'tmp_writer', 'tmp_reader', 'tmp_reader'].map(run),
      );
      for (const [i, r] of results.entries()) {
        const dump = JSON.stringify(r);
        expect(dump).not.toContain('LEAK:');
        if (i % 2 === 0 && i < 4) expect(r.ok, dump).toBe(true);
        else expect(r.ok ? 'ok' : r.code, dump).toBe('model_error');
      }
    } finally {
      await sandbox.close();
    }
  });
});

describe('fork template pre-imports', () => {
  it('shares extra libraries (sklearn) so a run does not pay their import', async () => {
    const uid = 64117;
    const sandbox = await createBwrapSandbox({
      strategy: 'fork',
      uid,
      gid: uid,
      caps: TEST_CAPS,
      preimport: ['sklearn.linear_model'],
    });
    try {
      const r = await sandbox.run({
        packageDir: HAPPY,
        manifest: manifestOf(HAPPY),
        asOf: AS_OF,
        mode: 'live',
        source: SOURCE,
      });
      expect(r.ok, JSON.stringify(r).slice(0, 1000)).toBe(true);
      // Importing sklearn alone costs ~0.5 s of CPU; a run on the pre-imported template costs well
      // under that (about 0.2 s here, somewhat more when the test command loads both cores).
      expect(r.usage.cpuMs).toBeLessThan(400);
    } finally {
      await sandbox.close();
    }
  });
});

describe('fork template recovery', () => {
  it('restarts the template if it dies, and the next run still works', { timeout: 120_000 }, async () => {
    const uid = 64115;
    const sandbox = await createBwrapSandbox({ strategy: 'fork', uid, gid: uid, caps: TEST_CAPS });
    try {
      const pids = execFileSync('ps', ['-o', 'pid=,comm=', '-u', String(uid)], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes('python3'))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
      expect(pids).toHaveLength(1);
      process.kill(pids[0]!, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      const r = await sandbox.run({
        packageDir: HAPPY,
        manifest: manifestOf(HAPPY),
        asOf: AS_OF,
        mode: 'live',
        source: SOURCE,
      });
      expect(r.ok, JSON.stringify(r).slice(0, 1000)).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});

describe('integrity gate', () => {
  it('refuses to run a package whose verification fails', async () => {
    let started = false;
    const sandbox = await createBwrapSandbox({
      uid: 64114,
      gid: 64114,
      verify: async (dir) => {
        started = dir === HAPPY;
        throw new Error('digest mismatch');
      },
    });
    const r = await sandbox.run({
      packageDir: HAPPY,
      manifest: manifestOf(HAPPY),
      asOf: AS_OF,
      mode: 'live',
      source: SOURCE,
    });
    await sandbox.close();
    expect(started).toBe(true);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('artifact_integrity_failed');
      expect(r.message).toContain('digest mismatch');
    }
  });
});
