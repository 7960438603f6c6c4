/**
 * Metrics of a model's records: one per version and mode (live and backtest never mixed),
 * over all symbols or one. Whole-record metrics are kept in metric_snapshots, refreshed when
 * outcomes land (refreshResolvedSince, called by the outcomes worker) and on a miss; a date
 * range is computed on request. Coverage and the deflated Sharpe are applied at read time:
 * they depend on the clock and on the model's other versions.
 */
import type { Db } from '../db/db';
import { notFound } from '../errors';
import { findModelForRead, type ReadVersion } from '../predictions/read.repo';
import type { RunMode } from '../runs/runs.tables';
import { divergence } from './divergence';
import {
  computeMetrics,
  deflatedSharpe,
  METRICS_DEFINITION_VERSION,
  type Metrics,
  PERIODS_PER_YEAR,
} from './metrics';
import {
  backtestSlots,
  loadScored,
  readSnapshots,
  upsertSnapshots,
  versionsResolvedSince,
} from './metrics.repo';
import type { MetricsQuery, ModelMetrics } from './metrics.schemas';

export interface MetricsServiceDeps {
  db: Db;
  /** Live slots of a version: succeeded over due (the runs service's coverage). */
  liveSlots: (versionId: string) => Promise<{ succeeded: number; due: number }>;
}

const ALL = '';

export function createMetricsService(deps: MetricsServiceDeps) {
  const { db } = deps;

  async function slots(versionId: string, mode: RunMode) {
    return mode === 'live' ? deps.liveSlots(versionId) : backtestSlots(db, versionId);
  }

  async function versionInfo(versionId: string): Promise<{ interval: ReadVersion['interval'] } | undefined> {
    const { rows } = await db.query<{ interval: ReadVersion['interval'] }>(
      'SELECT interval FROM model_versions WHERE id = $1',
      [versionId],
    );
    return rows[0];
  }

  /** Recomputes and stores the whole-record snapshots of one version and mode: all symbols and each. */
  async function refresh(versionId: string, mode: RunMode): Promise<void> {
    const v = await versionInfo(versionId);
    if (!v) return;
    const preds = await loadScored(db, { versionId, mode });
    const periodsPerYear = PERIODS_PER_YEAR[v.interval];
    const s = await slots(versionId, mode);
    const bySymbol = new Map<string, typeof preds>();
    for (const p of preds) {
      const list = bySymbol.get(p.symbol);
      if (list) list.push(p);
      else bySymbol.set(p.symbol, [p]);
    }
    // The divergence alarm compares this version's live and backtest records over their common
    // periods; it is stored with the whole-record snapshot (refreshed as outcomes land).
    const other = await loadScored(db, { versionId, mode: mode === 'live' ? 'backtest' : 'live' });
    const alarm = mode === 'live' ? divergence(preds, other) : divergence(other, preds);
    const rows: Array<{ versionId: string; mode: RunMode; symbol: string; metrics: Metrics }> = [
      {
        versionId,
        mode,
        symbol: ALL,
        metrics: { ...computeMetrics({ predictions: preds, periodsPerYear, slots: s }), divergence: alarm },
      },
    ];
    for (const [symbol, list] of bySymbol)
      rows.push({
        versionId,
        mode,
        symbol,
        metrics: computeMetrics({ predictions: list, periodsPerYear, slots: s }),
      });
    await upsertSnapshots(db, rows);
  }

  return {
    refresh,

    /** Refreshes the snapshots of every (version, mode) whose outcomes were stored at or after `since`. */
    async refreshResolvedSince(since: Date): Promise<number> {
      const touched = await versionsResolvedSince(db, since);
      for (const t of touched) await refresh(t.versionId, t.mode);
      return touched.length;
    },

    async modelMetrics(o: { slug: string; query: MetricsQuery }): Promise<ModelMetrics> {
      const model = await findModelForRead(db, o.slug);
      if (!model) throw notFound('model');
      // Public: drafts have no record; every version ever deployed (retired too) is a trial.
      const trialVersions = model.versions.filter((v) => v.status !== 'draft');
      if (trialVersions.length === 0) throw notFound('model');
      const chosen = o.query.version
        ? trialVersions.filter((v) => v.version === o.query.version)
        : trialVersions;
      if (chosen.length === 0) throw notFound('model version');
      const mode = o.query.mode ?? 'live';
      const symbol = o.query.symbol ?? ALL;
      const ids = trialVersions.map((v) => v.id);
      const read = (sym: string) =>
        readSnapshots(db, {
          versionIds: ids,
          mode,
          symbol: sym,
          definitionVersion: METRICS_DEFINITION_VERSION,
        });
      let whole = await read(ALL);
      const missing = trialVersions.filter((v) => !whole.some((s) => s.version_id === v.id));
      if (missing.length > 0) {
        for (const v of missing) await refresh(v.id, mode);
        whole = await read(ALL);
      }
      const trialSharpes = trialVersions.map(
        (v) => whole.find((s) => s.version_id === v.id)?.metrics.sharpePerPeriod ?? null,
      );
      const ranged = o.query.from !== undefined || o.query.to !== undefined;
      const perSymbol = symbol === ALL || ranged ? whole : await read(symbol);

      const versions = [];
      for (const v of chosen) {
        let m: Metrics;
        let computedAt: string | null = null;
        const alarm = whole.find((s) => s.version_id === v.id)?.metrics.divergence ?? null;
        if (ranged) {
          m = computeMetrics({
            predictions: await loadScored(db, {
              versionId: v.id,
              mode,
              symbol: symbol === ALL ? undefined : symbol,
              from: o.query.from ? new Date(o.query.from) : undefined,
              to: o.query.to ? new Date(o.query.to) : undefined,
            }),
            periodsPerYear: PERIODS_PER_YEAR[v.interval],
            slots: null,
          });
        } else {
          const snap = perSymbol.find((s) => s.version_id === v.id);
          m = snap
            ? snap.metrics
            : computeMetrics({ predictions: [], periodsPerYear: PERIODS_PER_YEAR[v.interval] });
          computedAt = snap?.computed_at ?? null;
          const s = await slots(v.id, mode);
          m = { ...m, coverage: s.due > 0 ? s.succeeded / s.due : null };
        }
        const { divergence: _stored, ...plain } = m;
        m = { ...plain, trials: trialVersions.length, dsr: deflatedSharpe(m, trialSharpes) };
        versions.push({ version: v.version, status: v.status, computedAt, metrics: m, divergence: alarm });
      }
      return {
        model: model.slug,
        mode,
        symbol: symbol === ALL ? null : symbol,
        from: o.query.from ?? null,
        to: o.query.to ?? null,
        source: ranged ? 'computed' : 'snapshot',
        versions,
      };
    },
  };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
