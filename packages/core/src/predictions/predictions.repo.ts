/**
 * SQL for the prediction ledger. Appends to one chain are serialized by locking its row in
 * ledger_heads FOR UPDATE; the caller passes the transaction that also finishes the run, so the
 * predictions and the run's success commit together or not at all.
 */
import { randomBytes } from 'node:crypto';
import { type Selectable, sql, type Transaction } from 'kysely';
import type { Executor } from '../db/db';
import type { Database } from '../db/schema';
import type { OutcomesTable, PredictionsTable, RunMode } from '../runs/runs.tables';
import { chainEntriesV2, GENESIS_HASH } from './ledger';

export type PredictionRow = Selectable<PredictionsTable>;
export type OutcomeRow = Selectable<OutcomesTable>;

export interface NewPrediction {
  symbol: string;
  value: number;
  confidence: number | null;
}

export async function appendPredictions(
  trx: Transaction<Database>,
  o: {
    versionId: string;
    mode: RunMode;
    runId: string;
    asOf: Date;
    horizon: string;
    horizonMs: number;
    target: 'return' | 'direction' | 'price';
    createdAt: Date;
    predictions: readonly NewPrediction[];
    /** SHA-256 hex of the input the run saw (the sandbox's input digest). */
    inputDigest?: string | null;
  },
): Promise<PredictionRow[]> {
  if (o.predictions.length === 0) return [];
  // Ledger v2 commits every entry to the version's package digest (its attestation's digest).
  const { digest: packageDigest } = await trx
    .selectFrom('model_versions')
    .select('digest')
    .where('id', '=', o.versionId)
    .executeTakeFirstOrThrow();
  const inputDigest = o.inputDigest && /^[0-9a-f]{64}$/.test(o.inputDigest) ? o.inputDigest : null;
  await trx
    .insertInto('ledger_heads')
    .values({ version_id: o.versionId, mode: o.mode, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.columns(['version_id', 'mode']).doNothing())
    .execute();
  const head = await trx
    .selectFrom('ledger_heads')
    .select(['seq', 'hash'])
    .where('version_id', '=', o.versionId)
    .where('mode', '=', o.mode)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // Symbol order makes the chain independent of the order the model returned its predictions in.
  const sorted = [...o.predictions].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const chained = chainEntriesV2(
    { seq: Number(head.seq), hash: head.hash },
    sorted.map((p) => ({
      version_id: o.versionId,
      mode: o.mode,
      run_id: o.runId,
      input_digest: inputDigest,
      package_digest: packageDigest,
      salt: randomBytes(32).toString('hex'),
      symbol: p.symbol,
      as_of: o.asOf,
      horizon: o.horizon,
      target: o.target,
      value: p.value === 0 ? 0 : p.value,
      confidence: p.confidence,
      created_at: o.createdAt,
    })),
  );
  const rows = await trx
    .insertInto('predictions')
    .values(
      chained.map((c) => ({
        version_id: c.version_id,
        mode: c.mode,
        seq: c.seq,
        run_id: o.runId,
        symbol: c.symbol,
        as_of: o.asOf,
        horizon: c.horizon,
        target: o.target,
        value: c.value,
        confidence: c.confidence,
        created_at: o.createdAt,
        prev_hash: c.prev_hash,
        hash: c.hash,
        ledger_format: c.ledger_format,
        input_digest: c.input_digest,
        package_digest: c.package_digest,
        salt: c.salt,
        commitment: c.commitment,
        due_at: new Date(o.asOf.getTime() + o.horizonMs),
      })),
    )
    .returningAll()
    .execute();
  const last = chained[chained.length - 1] as (typeof chained)[number];
  await trx
    .updateTable('ledger_heads')
    .set({ seq: last.seq, hash: last.hash, updated_at: sql`now()` })
    .where('version_id', '=', o.versionId)
    .where('mode', '=', o.mode)
    .execute();
  return rows;
}

export async function chainHead(
  ex: Executor,
  o: { versionId: string; mode: RunMode },
): Promise<{ seq: number; hash: string } | undefined> {
  const r = await ex
    .selectFrom('ledger_heads')
    .select(['seq', 'hash'])
    .where('version_id', '=', o.versionId)
    .where('mode', '=', o.mode)
    .executeTakeFirst();
  return r ? { seq: Number(r.seq), hash: r.hash } : undefined;
}

/** One page of a chain in seq order (verification, exports). */
export async function chainPage(
  ex: Executor,
  o: { versionId: string; mode: RunMode; afterSeq: number; limit: number },
): Promise<PredictionRow[]> {
  return ex
    .selectFrom('predictions')
    .selectAll()
    .where('version_id', '=', o.versionId)
    .where('mode', '=', o.mode)
    .where('seq', '>', o.afterSeq)
    .orderBy('seq')
    .limit(o.limit)
    .execute();
}

export type PredictionWithOutcome = PredictionRow & {
  outcome: Omit<OutcomeRow, 'prediction_id'> | null;
};

/** Predictions of a chain filtered by as_of range, keyset-paginated on seq. */
export async function listPredictions(
  ex: Executor,
  o: { versionId: string; mode: RunMode; from?: Date; to?: Date; afterSeq: number; limit: number },
): Promise<PredictionWithOutcome[]> {
  let q = ex
    .selectFrom('predictions as p')
    .leftJoin('outcomes as o', 'o.prediction_id', 'p.id')
    .selectAll('p')
    .select([
      'o.prediction_id as o_id',
      'o.base_close',
      'o.realized_close',
      'o.realized_return',
      'o.realized_direction',
      'o.realized_value',
      'o.computed_at',
    ])
    .where('p.version_id', '=', o.versionId)
    .where('p.mode', '=', o.mode)
    .where('p.seq', '>', o.afterSeq);
  if (o.from) q = q.where('p.as_of', '>=', o.from);
  if (o.to) q = q.where('p.as_of', '<=', o.to);
  const rows = await q.orderBy('p.seq').limit(o.limit).execute();
  return rows.map((r) => {
    const {
      o_id,
      base_close,
      realized_close,
      realized_return,
      realized_direction,
      realized_value,
      computed_at,
      ...p
    } = r;
    return {
      ...p,
      outcome:
        o_id === null
          ? null
          : {
              base_close: base_close as number,
              realized_close: realized_close as number,
              realized_return: realized_return as number,
              realized_direction: realized_direction as number,
              realized_value: realized_value as number,
              computed_at: computed_at as Date,
            },
    };
  });
}
