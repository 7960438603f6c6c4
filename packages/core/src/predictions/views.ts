/**
 * Prediction rows as the API publishes them. Both reads publish the same ledger entry and
 * outcome, in the same order: a version's ledger (predictions.service.ts) adds the v2 ledger
 * fields after the entry, a model's predictions across versions (read.service.ts) the version
 * name before it. Neither extends the other; both extend the entry.
 */
import type { LedgerEntry } from './ledger';
import type { PredictionWithOutcome } from './predictions.repo';
import type { PredictionView } from './predictions.schemas';
import type { PredictionReadRow } from './read.repo';
import type { ModelPrediction } from './read.schemas';

export type OutcomeView = NonNullable<PredictionView['outcome']>;
type EntryView = Omit<ModelPrediction, 'version' | 'outcome'>;

/** Outcome columns as the repos return them: a left join, so all null while the outcome is pending. */
interface OutcomeColumns {
  base_close: number | null;
  realized_close: number | null;
  realized_return: number | null;
  realized_direction: number | null;
  realized_value: number | null;
}

/** A ledger entry as stored, instants as Date (Kysely) or already as ISO text (the raw read SQL). */
interface EntryRow extends LedgerEntry {
  prev_hash: string;
  hash: string;
  run_id: string;
}

const iso = (t: Date | string) => (typeof t === 'string' ? t : t.toISOString());

/** null while pending: realized_value is set whenever an outcome row exists (the column is NOT NULL). */
export function toOutcome(o: OutcomeColumns | null): OutcomeView | null {
  if (o === null || o.realized_value === null) return null;
  return {
    base_close: o.base_close as number,
    realized_close: o.realized_close as number,
    realized_return: o.realized_return as number,
    realized_direction: o.realized_direction as number,
    realized_value: o.realized_value,
  };
}

function toEntry(r: EntryRow): EntryView {
  return {
    version_id: r.version_id,
    mode: r.mode,
    // A bigint column: the driver returns it as text.
    seq: Number(r.seq),
    symbol: r.symbol,
    as_of: iso(r.as_of),
    horizon: r.horizon,
    target: r.target,
    value: r.value,
    confidence: r.confidence,
    created_at: iso(r.created_at),
    prev_hash: r.prev_hash,
    hash: r.hash,
    run_id: r.run_id,
  };
}

export function toPredictionView(p: PredictionWithOutcome): PredictionView {
  return {
    ...toEntry(p),
    ledger_format: p.ledger_format,
    input_digest: p.input_digest,
    package_digest: p.package_digest,
    salt: p.salt,
    commitment: p.commitment,
    outcome: toOutcome(p.outcome),
  };
}

export function toModelPrediction(
  r: PredictionReadRow,
  versionNames: ReadonlyMap<string, string>,
): ModelPrediction {
  return { version: versionNames.get(r.version_id) ?? '', ...toEntry(r), outcome: toOutcome(r) };
}
