/**
 * Market data use cases: instruments, reading bars as of the clock's now, and appending bars
 * (CSV, JSON, feeds). Appending is idempotent and never rewrites a stored bar.
 */
import type { AuditRepo } from '../accounts/audit.repo';
import { AppError, notFound } from '../errors';
import './market.errors';
import {
  type CandidateBar,
  describeRef,
  parseUtcTimestamp,
  type RejectedRow,
  reject,
  screenBars,
} from './bar-rows';
import { parseBarsCsv } from './bars-csv';
import type { Interval } from './intervals';
import type { InstrumentRow, MarketRepo } from './market.repo';
import type {
  AssetClass,
  BarInput,
  BarsPage,
  CreateInstrumentBody,
  IngestReport,
  Instrument,
  InstrumentDetail,
  InstrumentList,
} from './market.schemas';

export interface MarketServiceDeps {
  repo: Pick<
    MarketRepo,
    'findInstrument' | 'insertInstrument' | 'listInstruments' | 'listBars' | 'coverage' | 'loadBars'
  >;
  /** What time it is: the system clock, or the replay clock in a demo. */
  now: () => Date;
  /** Admin writes (instruments, imports) are recorded here when given. */
  audit?: Pick<AuditRepo, 'insert'>;
}

/** Who asked, for the audit log: an admin over the API, or an operator at the CLI (no user). */
export interface MarketActor {
  userId: string | null;
  ip?: string | null;
  userAgent?: string | null;
  via: 'api' | 'cli';
}

/** Most rejected rows listed in one import report (rejectedTotal has the full count). */
export const REJECTED_REPORT_LIMIT = 10_000;

export function toInstrument(row: InstrumentRow): Instrument {
  return {
    symbol: row.symbol,
    name: row.name,
    assetClass: row.asset_class as AssetClass,
    quoteCurrency: row.quote_currency,
    source: row.source,
    calendar: row.calendar,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function createMarketService({ repo, now, audit }: MarketServiceDeps) {
  async function record(actor: MarketActor | undefined, event: string, details: Record<string, unknown>) {
    if (!audit || !actor) return;
    await audit.insert({
      event,
      actorUserId: actor.userId,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
      details: { ...details, via: actor.via },
      at: now(),
    });
  }

  async function audited(actor: MarketActor | undefined, report: IngestReport): Promise<IngestReport> {
    await record(actor, 'market.bars_imported', {
      symbol: report.symbol,
      interval: report.interval,
      received: report.received,
      inserted: report.inserted,
      unchanged: report.unchanged,
      rejected: report.rejectedTotal,
      conflicts: report.conflicts,
    });
    return report;
  }

  async function instrumentOr404(symbol: string): Promise<InstrumentRow> {
    const row = await repo.findInstrument(symbol.toUpperCase());
    if (!row) throw notFound(`Instrument ${symbol}`);
    return row;
  }

  async function append(
    symbol: string,
    interval: Interval,
    candidates: CandidateBar[],
    earlier: RejectedRow[],
    received: number,
  ): Promise<IngestReport> {
    const instrument = await instrumentOr404(symbol);
    const { accepted, rejected } = screenBars(candidates, { interval, now: now() });
    const { inserted, conflicts } = await repo.loadBars({
      instrumentId: instrument.id,
      interval,
      bars: accepted,
    });
    const conflictRows = conflicts.map(({ pos, stored }) => {
      const c = accepted[pos]!;
      return reject(
        c.at,
        'conflict',
        `a different bar is already stored for this ts (stored open=${stored.open} high=${stored.high} low=${stored.low} close=${stored.close} volume=${stored.volume ?? ''}); stored bars are never rewritten`,
        c.ts.toISOString(),
      );
    });
    const all = [...earlier, ...rejected, ...conflictRows].sort(
      (a, b) => (a.line ?? a.index ?? 0) - (b.line ?? b.index ?? 0),
    );
    return {
      symbol: instrument.symbol,
      interval,
      received,
      inserted,
      unchanged: accepted.length - inserted - conflicts.length,
      conflicts: conflicts.length,
      rejectedTotal: all.length,
      // A file of garbage must not become a response of garbage: the first rows tell the story.
      rejected: all.slice(0, REJECTED_REPORT_LIMIT),
    };
  }

  return {
    /**
     * Creates an instrument. Repeating the same request is harmless (created: false); the same
     * symbol with different attributes is a conflict, because bars already refer to it.
     */
    async createInstrument(
      input: CreateInstrumentBody,
      actor?: MarketActor,
    ): Promise<{ instrument: Instrument; created: boolean }> {
      const values = {
        symbol: input.symbol,
        name: input.name,
        asset_class: input.assetClass,
        quote_currency: input.quoteCurrency ?? null,
        source: input.source ?? null,
        // Omitted means the default, so a repeat without it matches a '24x7' instrument.
        calendar: input.calendar ?? '24x7',
      };
      const inserted = await repo.insertInstrument(values);
      if (inserted) {
        await record(actor, 'market.instrument_created', {
          symbol: inserted.symbol,
          source: inserted.source,
        });
        return { instrument: toInstrument(inserted), created: true };
      }
      const existing = await repo.findInstrument(input.symbol);
      if (!existing)
        throw new AppError('conflict', { detail: 'Instrument was created concurrently; retry.' });
      const differs = (['name', 'asset_class', 'quote_currency', 'source', 'calendar'] as const).filter(
        (k) => existing[k] !== values[k],
      );
      if (differs.length > 0) {
        throw new AppError('instrument_conflict', {
          detail: `Instrument ${input.symbol} already exists with a different ${differs.join(', ')}.`,
          errors: differs.map((k) => ({
            field: `/${camel(k)}`,
            message: 'differs from the stored instrument',
          })),
        });
      }
      return { instrument: toInstrument(existing), created: false };
    },

    async listInstruments(opts: { limit?: number; cursor?: string }): Promise<InstrumentList> {
      const limit = opts.limit ?? 100;
      const afterSymbol = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor, 's');
      const rows = await repo.listInstruments({ afterSymbol, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toInstrument),
        nextCursor: rows.length > limit && last ? encodeCursor('s', last.symbol) : null,
      };
    },

    async getInstrument(symbol: string): Promise<InstrumentDetail> {
      const row = await instrumentOr404(symbol);
      const coverage = await repo.coverage(row.id, now());
      return {
        ...toInstrument(row),
        coverage: coverage.map((c) => ({
          interval: c.interval,
          first: c.first.toISOString(),
          last: c.last.toISOString(),
        })),
      };
    },

    /** Closed bars only: a bar is served once ts + interval <= now, so replay never leaks the future. */
    async listBars(opts: {
      symbol: string;
      interval: Interval;
      from?: string;
      to?: string;
      order?: 'asc' | 'desc';
      limit?: number;
      cursor?: string;
    }): Promise<BarsPage> {
      const from = opts.from === undefined ? undefined : instantOr400(opts.from, 'from');
      const to = opts.to === undefined ? undefined : instantOr400(opts.to, 'to');
      const after = opts.cursor === undefined ? undefined : cursorInstant(decodeCursor(opts.cursor, 't'));
      const order = opts.order ?? 'asc';
      const limit = opts.limit ?? 500;
      const instrument = await instrumentOr404(opts.symbol);
      const rows = await repo.listBars({
        instrumentId: instrument.id,
        interval: opts.interval,
        closedBy: now(),
        from,
        to,
        after,
        order,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        symbol: instrument.symbol,
        interval: opts.interval,
        bars: page.map((b) => ({
          ts: b.ts.toISOString(),
          open: b.open,
          high: b.high,
          low: b.low,
          close: b.close,
          volume: b.volume,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor('t', last.ts.toISOString()) : null,
      };
    },

    /** Appends the bars of a CSV in the exchange format; bad rows are reported by line. */
    async importCsv(opts: {
      symbol: string;
      interval: Interval;
      csv: string;
      actor?: MarketActor;
    }): Promise<IngestReport> {
      const parsed = parseBarsCsv(opts.csv);
      return audited(
        opts.actor,
        await append(opts.symbol, opts.interval, parsed.candidates, parsed.rejected, parsed.rows),
      );
    },

    /** Appends bars given as JSON objects; bad rows are reported by array index. */
    async importBars(opts: {
      symbol: string;
      interval: Interval;
      bars: BarInput[];
      actor?: MarketActor;
    }): Promise<IngestReport> {
      const candidates: CandidateBar[] = [];
      const rejected: RejectedRow[] = [];
      opts.bars.forEach((b, index) => {
        const ts = parseUtcTimestamp(b.ts);
        if (!ts) {
          rejected.push(
            reject(
              { index },
              'invalid_ts',
              `ts "${b.ts}" is not an ISO 8601 UTC timestamp (e.g. 2024-01-31T13:00:00Z)`,
            ),
          );
          return;
        }
        candidates.push({
          at: { index },
          ts,
          open: b.open,
          high: b.high,
          low: b.low,
          close: b.close,
          volume: b.volume ?? null,
        });
      });
      return audited(
        opts.actor,
        await append(opts.symbol, opts.interval, candidates, rejected, opts.bars.length),
      );
    },

    /** Feeds append through here: same screening, same idempotence, same immutability. */
    async appendBars(opts: {
      symbol: string;
      interval: Interval;
      bars: CandidateBar[];
    }): Promise<IngestReport> {
      return append(opts.symbol, opts.interval, opts.bars, [], opts.bars.length);
    },
  };
}

export type MarketService = ReturnType<typeof createMarketService>;

// Cursors are opaque to clients: a tag (what it pages over) and the last key seen.
function encodeCursor(tag: 's' | 't', key: string): string {
  return Buffer.from(`${tag}:${key}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, tag: 's' | 't'): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith(`${tag}:`)) throw invalidCursor();
  return text.slice(2);
}

function cursorInstant(text: string): Date {
  const d = new Date(text);
  if (!Number.isFinite(d.getTime())) throw invalidCursor();
  return d;
}

function invalidCursor(): AppError {
  return new AppError('validation_failed', {
    detail: 'The cursor is not one this endpoint issued.',
    errors: [{ field: 'querystring:/cursor', message: 'is invalid' }],
  });
}

function instantOr400(text: string, field: string): Date {
  const d =
    parseUtcTimestamp(text) ??
    (/^\d{4}-\d{2}-\d{2}$/.test(text) ? parseUtcTimestamp(`${text}T00:00:00Z`) : undefined);
  if (!d) {
    throw new AppError('validation_failed', {
      detail: `${field} must be an ISO 8601 UTC timestamp.`,
      errors: [{ field: `querystring:/${field}`, message: 'must be an ISO 8601 UTC timestamp' }],
    });
  }
  return d;
}

function camel(k: string): string {
  return k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export { describeRef };
