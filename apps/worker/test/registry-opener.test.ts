/**
 * The worker's integrity gate through the real registry: a published (signed) artifact runs; the
 * same artifact altered on disk afterwards is refused with artifact_integrity_failed, no
 * predictions stored, no retry.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testConfig } from '@seer/core/config';
import { createFsArtifactStore, createRegistry, publishPackageDir } from '@seer/core/registry';
import { findRun, insertRuns } from '@seer/core/runs';
import { TEST_DRIVERS } from '@seer/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryPackageOpener } from '../src/registry-opener';
import { createRunExecutor } from '../src/run-executor';
import { FIXTURES, HOUR, seedBars, seedUser, useSandbox, useTestDb } from './helpers';

const T0 = Date.UTC(2026, 0, 5);
const sandbox = useSandbox({ concurrency: 1 });

describe.each(TEST_DRIVERS)('registry package opener (%s)', (driver) => {
  const t = useTestDb(driver, {
    seed: (db) =>
      seedBars(db, { symbols: ['AAA-USD', 'BBB-USD'], from: new Date(T0 - 24 * HOUR), count: 40 }),
  });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'seer-opener-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the verified artifact and refuses it once altered', async () => {
    const config = testConfig({
      artifactDir: path.join(dir, 'artifacts'),
      keysDir: path.join(dir, 'keys'),
      generateKeys: true,
    });
    const registry = await createRegistry({ config, db: t.db, clock: () => new Date(T0) });
    const owner = await seedUser(t.db, ['developer']);
    const { version } = await publishPackageDir(registry, {
      actor: { userId: owner, roles: ['developer'] },
      dir: fileURLToPath(new URL('momentum', `file://${FIXTURES}/`)),
      slug: `opener-${driver}`,
    });
    const executor = createRunExecutor({
      db: t.db,
      sandbox,
      openPackage: registryPackageOpener(registry),
      clock: () => new Date(T0 + 2 * HOUR),
      workerId: 'w',
      leaseMs: 10_000,
      graceMs: 300_000,
    });
    const runAt = async (h: number) => {
      const [r] = await insertRuns(t.db.kysely, [
        {
          version_id: version.id,
          mode: 'backtest',
          as_of: new Date(T0 + h * HOUR),
          interval_seconds: 3600,
          horizon_seconds: 3600,
          status: 'queued',
        },
      ]);
      return r?.id as string;
    };
    const good = await runAt(1);
    expect(await executor.execute(good)).toBe('succeeded');
    expect((await findRun(t.db.kysely, good))?.prediction_count).toBe(2);

    // Flip one byte of the stored artifact.
    const file = createFsArtifactStore(config.artifactDir).pathFor(version.digest);
    const bytes = readFileSync(file);
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] as number) ^ 0xff;
    writeFileSync(file, bytes);

    const bad = await runAt(2);
    expect(await executor.execute(bad)).toBe('failed');
    const run = await findRun(t.db.kysely, bad);
    expect(run).toMatchObject({
      status: 'failed',
      error_code: 'artifact_integrity_failed',
      prediction_count: null,
    });
    const n = await t.db.kysely
      .selectFrom('predictions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('run_id', '=', bad)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
