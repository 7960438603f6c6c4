/**
 * The Kysely view of the database: one interface per domain, composed here.
 * The source of truth is the SQL in packages/core/migrations; these types mirror it.
 */
import type { AccountsTables } from '../accounts/accounts.tables';
import type { BillingTables } from '../billing/billing.tables';
import type { MarketTables } from '../market/market.tables';
import type { RegistryTables } from '../registry/registry.tables';
import type { RunsTables } from '../runs/runs.tables';

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Date;
}

export interface Database extends AccountsTables, MarketTables, RegistryTables, RunsTables, BillingTables {
  schema_migrations: SchemaMigrationsTable;
}
