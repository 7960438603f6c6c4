/**
 * Prediction pages as text: CSV for both reads (a version's ledger and a model's predictions),
 * NDJSON for the model's. A CSV has a header, then a line per prediction with its outcome
 * flattened into columns (empty while pending). Numbers are in JavaScript's shortest round-trip
 * form, so they parse back exactly. Every text field is drawn from [0-9A-Za-z.:+_-] (uuids,
 * symbols, versions, modes, horizons, targets, ledger formats, hex digests and salts, ISO
 * instants): no CSV quoting needed.
 */
import { OutcomeSchema, type PredictionView } from './predictions.schemas';
import type { ModelPrediction } from './read.schemas';
import type { OutcomeView } from './views';

/** A column is a field of the view, or of its outcome (outcome fields are distinct names). */
type CsvColumn<T> = Exclude<keyof T, 'outcome'> | keyof OutcomeView;

const OUTCOME_FIELDS: ReadonlySet<string> = new Set(Object.keys(OutcomeSchema.properties));

/** The ledger entry both reads publish (views.ts), in its published order. */
const ENTRY_COLUMNS = [
  'version_id',
  'mode',
  'seq',
  'symbol',
  'as_of',
  'horizon',
  'target',
  'value',
  'confidence',
  'created_at',
  'prev_hash',
  'hash',
  'run_id',
] as const;

/** Columns are public API as they stand: the ledger CSV has never had realized_direction. */
export const PREDICTION_CSV_COLUMNS = [
  ...ENTRY_COLUMNS,
  'realized_value',
  'realized_return',
  'base_close',
  'realized_close',
  'ledger_format',
  'input_digest',
  'package_digest',
  'salt',
  'commitment',
] as const satisfies readonly CsvColumn<PredictionView>[];

export const MODEL_PREDICTION_CSV_COLUMNS = [
  'version',
  ...ENTRY_COLUMNS,
  'realized_value',
  'realized_return',
  'realized_direction',
  'base_close',
  'realized_close',
] as const satisfies readonly CsvColumn<ModelPrediction>[];

export function predictionsCsv<T extends { outcome: OutcomeView | null }>(
  columns: readonly CsvColumn<T>[],
  items: readonly T[],
): string {
  const fromOutcome = columns.map((c) => OUTCOME_FIELDS.has(c as string));
  const cell = (p: T, i: number): unknown => {
    const c = columns[i];
    return fromOutcome[i] ? p.outcome?.[c as keyof OutcomeView] : p[c as Exclude<keyof T, 'outcome'>];
  };
  let out = `${columns.join(',')}\n`;
  for (const p of items) {
    const cells: string[] = [];
    for (let i = 0; i < columns.length; i++) {
      const v = cell(p, i);
      cells.push(v === null || v === undefined ? '' : String(v));
    }
    out += `${cells.join(',')}\n`;
  }
  return out;
}

export const predictionsToCsv = (items: readonly PredictionView[]): string =>
  predictionsCsv(PREDICTION_CSV_COLUMNS, items);

export const modelPredictionsCsv = (items: readonly ModelPrediction[]): string =>
  predictionsCsv(MODEL_PREDICTION_CSV_COLUMNS, items);

export function modelPredictionsNdjson(items: readonly ModelPrediction[]): string {
  let out = '';
  for (const p of items) out += `${JSON.stringify(p)}\n`;
  return out;
}
