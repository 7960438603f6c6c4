import type { ColumnType, Generated } from 'kysely';

export type RunMode = 'live' | 'backtest';
/** market_closed: no symbol of the version had a market session for the slot's bar; never run. */
export type RunStatus =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'timed_out'
  | 'missed'
  | 'market_closed';
export type BacktestStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'timed_out',
  'missed',
  'market_closed',
];

export interface RunsTable {
  id: Generated<string>;
  version_id: string;
  mode: RunMode;
  as_of: Date;
  interval_seconds: number;
  horizon_seconds: number;
  backtest_id: string | null;
  status: RunStatus;
  attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
  cpu_ms: number | null;
  peak_memory_kb: number | null;
  input_digest: string | null;
  prediction_count: number | null;
  error_code: string | null;
  error_message: string | null;
  stderr: string | null;
}

export interface BacktestsTable {
  id: Generated<string>;
  version_id: string;
  requested_by: string | null;
  range_from: Date;
  range_to: Date;
  status: Generated<BacktestStatus>;
  total: number;
  done: Generated<number>;
  succeeded: Generated<number>;
  failed: Generated<number>;
  reused: Generated<number>;
  error_message: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface LedgerHeadsTable {
  version_id: string;
  mode: RunMode;
  seq: number;
  hash: string;
  updated_at: Generated<Date>;
}

export interface PredictionsTable {
  id: Generated<number>;
  version_id: string;
  mode: RunMode;
  seq: number;
  run_id: string;
  symbol: string;
  as_of: Date;
  horizon: string;
  target: 'return' | 'direction' | 'price';
  value: number;
  confidence: number | null;
  created_at: Date;
  prev_hash: string;
  hash: string;
  due_at: Date;
  /** seer-ledger-v1 for rows stored before ledger v2; the v2 fields below are null on those. */
  ledger_format: Generated<string>;
  input_digest: string | null;
  package_digest: string | null;
  salt: string | null;
  commitment: string | null;
}

export interface LedgerSigningKeysTable {
  key_id: string;
  public_key_pem: string;
  created_at: Generated<Date>;
}

export interface LedgerCheckpointsTable {
  id: Generated<number>;
  version_id: string;
  mode: RunMode;
  seq: number;
  head: string;
  key_id: string;
  signed_at: Date;
  payload: string;
  signature: string;
}

export interface OutcomesTable {
  prediction_id: number;
  base_close: number;
  realized_close: number;
  realized_return: number;
  realized_direction: number;
  realized_value: number;
  computed_at: Generated<Date>;
}

export type RerunStatus = 'queued' | 'running' | 'reproduced' | 'mismatch' | 'input_mismatch' | 'failed';

export interface RerunDifference {
  symbol: string;
  stored: { value: number; confidence: number | null } | null;
  rerun: { value: number; confidence: number | null } | null;
}

export interface RerunsTable {
  id: Generated<string>;
  run_id: string;
  requested_by: string | null;
  status: Generated<RerunStatus>;
  attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  stored_input_digest: string | null;
  rerun_input_digest: string | null;
  compared: number | null;
  /** jsonb: written as a JSON string, read back as an array. */
  differences: ColumnType<RerunDifference[] | null, string | null, string | null>;
  error_code: string | null;
  error_message: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface RunsTables {
  reruns: RerunsTable;
  runs: RunsTable;
  backtests: BacktestsTable;
  ledger_heads: LedgerHeadsTable;
  predictions: PredictionsTable;
  outcomes: OutcomesTable;
  ledger_signing_keys: LedgerSigningKeysTable;
  ledger_checkpoints: LedgerCheckpointsTable;
}
