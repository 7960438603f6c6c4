import type { ColumnType, Generated } from 'kysely';
import type { Interval } from '../market/intervals';

export type VersionStatus = 'draft' | 'deployed' | 'retired';
type Json = ColumnType<unknown, string, string>;

export interface ModelsTable {
  id: Generated<string>;
  owner_id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  tags: Generated<string[]>;
  symbols: Generated<string[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ModelVersionsTable {
  id: Generated<string>;
  model_id: string;
  version: string;
  status: Generated<VersionStatus>;
  digest: string;
  artifact_bytes: number;
  unpacked_bytes: number;
  file_count: number;
  /** jsonb: written as a JSON string, read back as an object. */
  manifest: Json;
  interval: Interval;
  horizon: string;
  target: 'return' | 'direction' | 'price';
  symbols: string[];
  signature: string;
  signing_key_id: string;
  signed_payload: string;
  validation: Json;
  deploy_check: ColumnType<unknown, string | null, string | null>;
  created_by: string;
  created_at: Generated<Date>;
  deployed_at: Date | null;
  retired_at: Date | null;
}

export interface PlansTable {
  id: Generated<string>;
  model_id: string;
  price_minor: number;
  currency: string;
  billing_period: Generated<'month'>;
  trial_days: number;
  effective_from: Date;
  created_by: string;
  created_at: Generated<Date>;
}

export type DeployCheckStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface DeployChecksTable {
  id: Generated<string>;
  version_id: string;
  requested_by: string | null;
  status: Generated<DeployCheckStatus>;
  attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  as_of: Date | null;
  error_code: string | null;
  error_message: string | null;
  logs: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface RegistryTables {
  models: ModelsTable;
  model_versions: ModelVersionsTable;
  plans: PlansTable;
  deploy_checks: DeployChecksTable;
}
