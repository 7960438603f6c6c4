/**
 * A model's predictions for the people entitled to them, and its delayed public record for
 * everyone else: pages across versions, the newest per symbol, and playback columns.
 * Who sees what is decided by PredictionAccess (access.ts); this service applies it.
 */
import { createHash } from 'node:crypto';
import type { Principal } from '../accounts/principal';
import type { Db } from '../db/db';
import { AppError, notFound, registerErrorCodes } from '../errors';
import { intervalMs } from '../market/intervals';
import { predictedDirection } from '../metrics/metrics';
import type { RunMode } from '../runs/runs.tables';
import type { AccessLevel, PredictionAccess } from './access';
import {
  type BarColumns,
  barsByClose,
  findModelForRead,
  latestPredictions,
  type PlaybackPredictionRow,
  type PredictionReadRow,
  playbackPredictions,
  predictionPage,
  type ReadModel,
  type ReadVersion,
} from './read.repo';
import type {
  LatestQuery,
  ModelPrediction,
  ModelPredictionQuery,
  Playback,
  PlaybackQuery,
} from './read.schemas';
import { toModelPrediction } from './views';

registerErrorCodes({ playback_range_too_large: 422, playback_range_invalid: 422 });

/** Most points one playback answers: two years of hourly bars. */
export const PLAYBACK_MAX_POINTS = 17_520;
/**
 * A page is settled (can never change again) once it is followed by more rows, every row on it
 * is resolved and its newest as_of is older than this: live runs finish within hours, and the
 * outcome sweep does not revisit predictions due more than 30 days ago, so no row can appear in
 * its range any more, whoever asks (the public record's filter included).
 */
const SETTLED_AFTER_MS = 31 * 86_400_000;
/** Model rows (owner, versions, public delay) are reused this long per process. */
const MODEL_CACHE_MS = 1000;
/** Settled playback prefixes kept per process (version, mode, symbol, access level). */
const PLAYBACK_CACHE_ENTRIES = 500;
/** Playback answers kept per process, to be sent again while nothing in them changed. */
const PLAYBACK_BUILT_ENTRIES = 16;
/** Settled pages kept per process (about 30 KiB each at 100 rows). */
const PAGE_CACHE_ENTRIES = 2000;

/**
 * A page and whether it is settled. A settled page is the same object on every request that
 * hits the cache, so the HTTP layer can keep its renderings (bytes, ETag, codings) beside it.
 */
export interface CachedPage {
  page: ModelPredictionPage;
  settled: boolean;
}

export interface ModelPredictionPage {
  model: string;
  mode: RunMode;
  access: AccessLevel;
  publicUntil: string | null;
  items: ModelPrediction[];
  nextCursor: string | null;
}

export interface PredictionReadDeps {
  db: Db;
  /** Market time (a replay clock in demos): the public delay is measured against it. */
  clock: () => Date;
  access: PredictionAccess;
}

export function createPredictionReadService(deps: PredictionReadDeps) {
  const { db, clock, access } = deps;
  const models = new Map<string, { model: ReadModel | undefined; until: number }>();
  const pages = new Map<string, CachedPage>();
  const playbackCache = new Map<
    string,
    { id: number; startMs: number; endMs: number; bars: BarColumns; preds: PlaybackPredictionRow[] }
  >();
  let playbackSeq = 0;
  /** Playback answers by revision (see playback()); each is ~1 MB of columns. */
  const builtPlaybacks = new Map<string, Playback>();

  async function loadModel(slug: string): Promise<ReadModel | undefined> {
    const now = Date.now();
    const hit = models.get(slug);
    if (hit && hit.until > now) return hit.model;
    const model = await findModelForRead(db, slug);
    if (models.size > 10_000) models.clear();
    models.set(slug, { model, until: now + MODEL_CACHE_MS });
    return model;
  }

  /** The model, the caller's access level and the versions the caller may see. */
  async function open(principal: Principal | null, slug: string) {
    const model = await loadModel(slug);
    if (!model) throw notFound('model');
    const level = await access.level(principal, model);
    const mayManage =
      principal !== null && (principal.roles.includes('admin') || principal.userId === model.ownerId);
    const versions = model.versions.filter((v) => mayManage || v.status !== 'draft');
    // A model never deployed is private: to anyone else it does not exist.
    if (versions.length === 0 && !mayManage) throw notFound('model');
    // Asked for only when needed: a cached settled page does not depend on the time.
    const horizon = () => {
      const now = clock();
      const publicUntil =
        level === 'public' ? new Date(now.getTime() - model.publicDelaySeconds * 1000) : null;
      return { now, publicUntil };
    };
    return { model, level, versions, horizon };
  }

  function pickVersions(versions: ReadVersion[], version: string | undefined): ReadVersion[] {
    if (version === undefined) return versions;
    const v = versions.find((x) => x.version === version);
    if (!v) throw notFound('model version');
    return [v];
  }

  return {
    /**
     * One page in (as_of, id) order. `settled` says the page can never change: it is followed
     * by more rows, every row on it is resolved, and the newest is older than a day (live runs
     * are long finished by then; backtests can add rows anywhere, so they never settle).
     */
    async page(o: {
      principal: Principal | null;
      slug: string;
      query: ModelPredictionQuery;
    }): Promise<CachedPage> {
      const { model, level, versions, horizon } = await open(o.principal, o.slug);
      const chosen = pickVersions(versions, o.query.version);
      const limit = o.query.limit ?? 100;
      const mode = o.query.mode ?? 'live';
      // Settled pages are the same for every caller at this access level: serve them from memory.
      const key = [
        model.id,
        level,
        chosen.map((v) => v.id).join(','),
        mode,
        o.query.symbol ?? '',
        o.query.from ?? '',
        o.query.to ?? '',
        o.query.cursor ?? '',
        limit,
      ].join('|');
      const cached = pages.get(key);
      if (cached) return cached;
      const { now, publicUntil } = horizon();
      let after: { asOf: Date; id: number } | undefined;
      if (o.query.cursor) {
        const [ms, id] = o.query.cursor.split('-').map(Number) as [number, number];
        after = { asOf: new Date(ms), id };
      }
      const rows = await predictionPage(db, {
        versionIds: chosen.map((v) => v.id),
        mode,
        symbol: o.query.symbol,
        from: o.query.from ? new Date(o.query.from) : undefined,
        to: o.query.to ? new Date(o.query.to) : undefined,
        after,
        publicUntil: publicUntil ?? undefined,
        limit: limit + 1,
      });
      const names = new Map(model.versions.map((v) => [v.id, v.version]));
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      const nextCursor = rows.length > limit && last ? `${Number(last.as_of_ms)}-${Number(last.id)}` : null;
      const settled =
        mode === 'live' &&
        nextCursor !== null &&
        last !== undefined &&
        Number(last.as_of_ms) < now.getTime() - SETTLED_AFTER_MS &&
        pageRows.every((r) => r.realized_value !== null);
      const result: CachedPage = {
        page: {
          model: model.slug,
          mode,
          access: level,
          // A settled page's rows are all older than the public horizon; its publicUntil is not part of it.
          publicUntil: publicUntil && !settled ? publicUntil.toISOString() : null,
          items: pageRows.map((r) => toModelPrediction(r, names)),
          nextCursor,
        },
        settled,
      };
      if (settled) {
        if (pages.size >= PAGE_CACHE_ENTRIES) pages.delete(pages.keys().next().value as string);
        pages.set(key, result);
      }
      return result;
    },

    /** The newest prediction per symbol (over the chosen versions), by symbol. */
    async latest(o: { principal: Principal | null; slug: string; query: LatestQuery }) {
      const { model, level, versions, horizon } = await open(o.principal, o.slug);
      const { publicUntil } = horizon();
      const chosen = pickVersions(versions, o.query.version);
      const mode = o.query.mode ?? 'live';
      const pairs = chosen.flatMap((v) =>
        v.symbols
          .filter((s) => o.query.symbol === undefined || s === o.query.symbol)
          .map((symbol) => ({ versionId: v.id, symbol })),
      );
      const rows = await latestPredictions(db, { pairs, mode, publicUntil: publicUntil ?? undefined });
      const newest = new Map<string, PredictionReadRow>();
      for (const r of rows) {
        const cur = newest.get(r.symbol);
        if (!cur || r.as_of_ms > cur.as_of_ms || (r.as_of_ms === cur.as_of_ms && r.id > cur.id))
          newest.set(r.symbol, r);
      }
      const names = new Map(model.versions.map((v) => [v.id, v.version]));
      return {
        model: model.slug,
        mode,
        access: level,
        publicUntil: publicUntil ? publicUntil.toISOString() : null,
        items: [...newest.keys()]
          .sort()
          .map((s) => toModelPrediction(newest.get(s) as PredictionReadRow, names)),
      };
    },

    /**
     * Columns aligned on the version's interval grid from `from` to `to` (default: the year up
     * to now): bars by close time, the prediction made at each as_of, its outcome, the strategy
     * return and the running equity.
     */
    async playback(o: {
      principal: Principal | null;
      slug: string;
      query: PlaybackQuery;
    }): Promise<Playback> {
      const { model, level, versions, horizon } = await open(o.principal, o.slug);
      const { now, publicUntil: publicUntilNow } = horizon();
      const v = o.query.version ? pickVersions(versions, o.query.version)[0] : defaultVersion(versions);
      if (!v) throw notFound('model version');
      const symbol = o.query.symbol ?? v.symbols[0];
      if (!symbol || !v.symbols.includes(symbol))
        throw new AppError('not_found', { detail: `version ${v.version} does not predict ${symbol}` });
      const step = intervalMs(v.interval);
      // Every as_of is on the interval grid, so the public horizon floored to it filters the same
      // rows; it then changes once per interval, not on every request, and so does the answer.
      const publicUntil = publicUntilNow && new Date(Math.floor(publicUntilNow.getTime() / step) * step);
      const toMs = Math.floor((o.query.to ? Date.parse(o.query.to) : now.getTime()) / step) * step;
      const fromMs = o.query.from
        ? Math.ceil(Date.parse(o.query.from) / step) * step
        : toMs - (PERIODS_DEFAULT[v.interval] - 1) * step;
      if (fromMs > toMs)
        throw new AppError('playback_range_invalid', {
          detail: 'from must be before to (on the interval grid).',
        });
      const n = (toMs - fromMs) / step + 1;
      if (n > PLAYBACK_MAX_POINTS)
        throw new AppError('playback_range_too_large', {
          detail: `At most ${PLAYBACK_MAX_POINTS} points per playback; this range has ${n}.`,
        });
      const from = new Date(fromMs);
      const to = new Date(toMs);
      const mode = o.query.mode ?? 'live';
      // Rows older than the settled horizon never change: they come from a per-process cache,
      // only the recent tail is read from the database on each request.
      const fetchRows = (a: number, b: number) =>
        Promise.all([
          barsByClose(db, {
            symbol,
            interval: v.interval,
            intervalMs: step,
            from: new Date(a),
            to: new Date(b),
          }),
          playbackPredictions(db, {
            versionId: v.id,
            mode,
            symbol,
            from: new Date(a),
            to: new Date(b),
            publicUntil: publicUntil ?? undefined,
          }),
        ]);
      const settledHorizon = Math.min(
        now.getTime() - SETTLED_AFTER_MS,
        publicUntil?.getTime() ?? Number.POSITIVE_INFINITY,
      );
      const settledEnd = Math.min(toMs + step, Math.floor(settledHorizon / step) * step); // exclusive
      const parts: Array<[BarColumns, PlaybackPredictionRow[]]> = [];
      let revision: string | undefined;
      if (mode === 'live' && settledEnd > fromMs) {
        const key = [v.id, mode, symbol, level].join('|');
        let entry = playbackCache.get(key);
        if (!entry || entry.startMs > fromMs || entry.endMs < settledEnd) {
          if (entry && entry.startMs <= fromMs) {
            // Time moved on: only the intervals settled since are read and appended, and rows
            // before this request's start dropped (a year is not read again every hour).
            const [b, p] = await fetchRows(entry.endMs, settledEnd - step);
            const first = entry.bars.asOfMs.findIndex((t) => t >= fromMs);
            const keep = first < 0 ? entry.bars.asOfMs.length : first;
            const bars: BarColumns = {
              asOfMs: [...entry.bars.asOfMs.slice(keep), ...b.asOfMs],
              open: [...entry.bars.open.slice(keep), ...b.open],
              high: [...entry.bars.high.slice(keep), ...b.high],
              low: [...entry.bars.low.slice(keep), ...b.low],
              close: [...entry.bars.close.slice(keep), ...b.close],
              volume: [...entry.bars.volume.slice(keep), ...b.volume],
            };
            const preds = [...entry.preds.filter((r) => Number(r.t) >= fromMs), ...p];
            entry = { id: ++playbackSeq, startMs: fromMs, endMs: settledEnd, bars, preds };
          } else {
            const [b, p] = await fetchRows(fromMs, settledEnd - step);
            entry = { id: ++playbackSeq, startMs: fromMs, endMs: settledEnd, bars: b, preds: p };
          }
          if (playbackCache.size >= PLAYBACK_CACHE_ENTRIES)
            playbackCache.delete(playbackCache.keys().next().value as string);
          playbackCache.set(key, entry);
        }
        parts.push([entry.bars, entry.preds]);
        const tail = settledEnd <= toMs ? await fetchRows(settledEnd, toMs) : undefined;
        if (tail) parts.push(tail);
        // The answer is a function of the settled prefix (this entry), the grid and the tail's
        // rows: while none of them changes, the answer built last time is the answer, the same
        // object (the HTTP layer keeps its rendering and codings beside it).
        revision = [
          entry.id,
          fromMs,
          toMs,
          publicUntil?.getTime() ?? '',
          tail ? createHash('sha1').update(JSON.stringify(tail)).digest('base64') : '',
        ].join('|');
        const built = builtPlaybacks.get(revision);
        if (built) return built;
      } else {
        parts.push(await fetchRows(fromMs, toMs));
      }
      const col = () => new Array<number | null>(n).fill(null);
      const open_ = col();
      const high = col();
      const low = col();
      const close = col();
      const volume = col();
      const prediction = col();
      const confidence = col();
      const realizedReturn = col();
      const realizedValue = col();
      const pnl = col();
      for (const [bars, preds] of parts) {
        for (let i = 0; i < bars.asOfMs.length; i++) {
          const k = ((bars.asOfMs[i] as number) - fromMs) / step;
          // Rows outside this request's grid (a cached prefix starting earlier) are skipped.
          if (k < 0 || k >= n || !Number.isInteger(k)) continue;
          open_[k] = bars.open[i] as number;
          high[k] = bars.high[i] as number;
          low[k] = bars.low[i] as number;
          close[k] = bars.close[i] as number;
          volume[k] = bars.volume[i] as number | null;
        }
        for (const p of preds) {
          const k = (Number(p.t) - fromMs) / step;
          if (k < 0 || k >= n || !Number.isInteger(k)) continue;
          prediction[k] = p.value;
          confidence[k] = p.confidence;
          realizedReturn[k] = p.realized_return;
          realizedValue[k] = p.realized_value;
          if (p.realized_return !== null)
            pnl[k] =
              predictedDirection({ target: v.target, value: p.value, baseClose: p.base_close }) *
              p.realized_return;
        }
      }
      const equity = new Array<number>(n);
      const t = new Array<number>(n);
      let e = 0;
      for (let k = 0; k < n; k++) {
        e += pnl[k] ?? 0;
        equity[k] = e;
        t[k] = (fromMs + k * step) / 1000;
      }
      const body: Playback = {
        model: model.slug,
        version: v.version,
        symbol,
        mode,
        interval: v.interval,
        horizon: v.horizon,
        target: v.target,
        access: level,
        publicUntil: publicUntil ? publicUntil.toISOString() : null,
        from: from.toISOString(),
        to: to.toISOString(),
        points: n,
        t,
        open: open_,
        high,
        low,
        close,
        volume,
        prediction,
        confidence,
        realizedReturn,
        realizedValue,
        pnl,
        equity,
      };
      if (revision !== undefined) {
        if (builtPlaybacks.size >= PLAYBACK_BUILT_ENTRIES)
          builtPlaybacks.delete(builtPlaybacks.keys().next().value as string);
        builtPlaybacks.set(revision, body);
      }
      return body;
    },
  };
}

/** A year of points by default. */
const PERIODS_DEFAULT: Record<ReadVersion['interval'], number> = { '1h': 8760, '4h': 2190, '1d': 365 };

/** The newest deployed version, else the newest retired one, else the newest draft (owner). */
function defaultVersion(versions: readonly ReadVersion[]): ReadVersion | undefined {
  const by = (s: ReadVersion['status']) =>
    versions
      .filter((v) => v.status === s)
      .sort((a, b) => (a.deployedAt?.getTime() ?? 0) - (b.deployedAt?.getTime() ?? 0))
      .at(-1);
  return by('deployed') ?? by('retired') ?? versions.at(-1);
}

export type PredictionReadService = ReturnType<typeof createPredictionReadService>;
export type { ReadModel };
