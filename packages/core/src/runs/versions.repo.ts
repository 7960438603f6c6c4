/**
 * Read-only view of the registry's model versions, as the runs engine needs them. Plain SQL on
 * the registry's tables (models, model_versions); the registry owns and writes them.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/db';
import type { TradingCalendar } from '../market/calendar';
import type { Interval } from '../market/intervals';

export interface RunnableVersion {
  id: string;
  modelId: string;
  slug: string;
  ownerId: string;
  version: string;
  status: 'draft' | 'deployed' | 'retired';
  interval: Interval;
  horizon: string;
  target: 'return' | 'direction' | 'price';
  symbols: string[];
  deployedAt: Date | null;
  retiredAt: Date | null;
}

interface Row {
  id: string;
  model_id: string;
  slug: string;
  owner_id: string;
  version: string;
  status: RunnableVersion['status'];
  interval: Interval;
  horizon: string;
  target: RunnableVersion['target'];
  symbols: string[];
  deployed_at: Date | null;
  retired_at: Date | null;
}

const toVersion = (r: Row): RunnableVersion => ({
  id: r.id,
  modelId: r.model_id,
  slug: r.slug,
  ownerId: r.owner_id,
  version: r.version,
  status: r.status,
  interval: r.interval,
  horizon: r.horizon,
  target: r.target,
  symbols: r.symbols,
  deployedAt: r.deployed_at ? new Date(r.deployed_at) : null,
  retiredAt: r.retired_at ? new Date(r.retired_at) : null,
});

const SELECT = sql`SELECT v.id, v.model_id, m.slug, m.owner_id, v.version, v.status, v.interval, v.horizon,
       v.target, v.symbols, v.deployed_at, v.retired_at
  FROM model_versions v JOIN models m ON m.id = v.model_id`;

/** Versions that owe live runs: deployed now, or retired after `since` (their last slots). */
export async function listSchedulableVersions(ex: Executor, since: Date): Promise<RunnableVersion[]> {
  const r = await sql<Row>`${SELECT}
   WHERE v.status = 'deployed' OR (v.status = 'retired' AND v.retired_at > ${since})
   ORDER BY v.deployed_at, v.id`.execute(ex);
  return r.rows.map(toVersion);
}

export async function findVersionById(ex: Executor, id: string): Promise<RunnableVersion | undefined> {
  const r = await sql<Row>`${SELECT} WHERE v.id = ${id}`.execute(ex);
  return r.rows[0] ? toVersion(r.rows[0]) : undefined;
}

export async function findVersionBySlug(
  ex: Executor,
  o: { slug: string; version: string },
): Promise<RunnableVersion | undefined> {
  const r = await sql<Row>`${SELECT} WHERE m.slug = ${o.slug} AND v.version = ${o.version}`.execute(ex);
  return r.rows[0] ? toVersion(r.rows[0]) : undefined;
}

/** Trading calendar per symbol, for the given symbols (unknown symbols are absent). */
export async function instrumentCalendars(
  ex: Executor,
  symbols: readonly string[],
): Promise<Map<string, TradingCalendar>> {
  if (symbols.length === 0) return new Map();
  const rows = await ex
    .selectFrom('instruments')
    .select(['symbol', 'calendar'])
    .where('symbol', 'in', [...new Set(symbols)])
    .execute();
  return new Map(rows.map((r) => [r.symbol, r.calendar]));
}

/** Symbols whose bar opened at `ts` is stored for `interval`. */
export async function symbolsWithBar(
  ex: Executor,
  o: { interval: Interval; ts: Date },
): Promise<Set<string>> {
  const r = await sql<{
    symbol: string;
  }>`SELECT i.symbol FROM bars b JOIN instruments i ON i.id = b.instrument_id
   WHERE b.interval = ${o.interval} AND b.ts = ${o.ts}`.execute(ex);
  return new Set(r.rows.map((x) => x.symbol));
}
