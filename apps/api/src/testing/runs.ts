/**
 * A run stored the way a worker stores one, for route tests that need ledger rows without a
 * sandbox: the runs row (1h interval and horizon) marked succeeded and its predictions (target
 * 'return') appended to the version's chain in one transaction.
 */
import { type Db, withTransaction } from '@seer/core/db';
import { appendPredictions } from '@seer/core/predictions';
import { insertRuns, type NewRun } from '@seer/core/runs';

const HOUR = 3_600_000;

export async function storeRun(
  db: Db,
  o: {
    versionId: string;
    mode?: NewRun['mode'];
    asOf: Date;
    createdAt: Date;
    predictions: ReadonlyArray<{ symbol: string; value: number; confidence: number | null }>;
    inputDigest?: string;
  },
): Promise<{ runId: string; predictions: Awaited<ReturnType<typeof appendPredictions>> }> {
  const mode = o.mode ?? 'live';
  const [run] = await insertRuns(db.kysely, [
    {
      version_id: o.versionId,
      mode,
      as_of: o.asOf,
      interval_seconds: 3600,
      horizon_seconds: 3600,
      status: 'queued',
    },
  ]);
  if (!run) throw new Error(`a ${mode} run of this version at ${o.asOf.toISOString()} exists already`);
  const predictions = await withTransaction(db, async (trx) => {
    await trx.updateTable('runs').set({ status: 'succeeded' }).where('id', '=', run.id).execute();
    return appendPredictions(trx, {
      versionId: o.versionId,
      mode,
      runId: run.id,
      asOf: o.asOf,
      horizon: '1h',
      horizonMs: HOUR,
      target: 'return',
      createdAt: o.createdAt,
      predictions: o.predictions,
      ...(o.inputDigest ? { inputDigest: o.inputDigest } : {}),
    });
  });
  return { runId: run.id, predictions };
}
