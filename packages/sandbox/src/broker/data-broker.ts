import { createHash } from 'node:crypto';
import { intervalMs as msOf } from '@seer/core/market';
import { packFloat64, packInt64 } from '../protocol/frames';
import type { Bar, BarSource, Interval } from '../types';
import { SandboxError } from '../types';

export interface DataBrokerOptions {
  source: BarSource;
  symbols: string[];
  interval: Interval;
  /** Most bars a single request may return. */
  lookback: number;
  /** The instant the run predicts for: no bar closing after it is ever served. */
  asOf: Date;
  maxRequests: number;
}

export interface DataRequest {
  symbol: unknown;
  lookback?: unknown;
  /** Optional upper bound a model may ask for; clamped to as_of. */
  end?: unknown;
}

export interface DataColumns {
  ts: Buffer;
  open: Buffer;
  high: Buffer;
  low: Buffer;
  close: Buffer;
  volume: Buffer;
}

export interface DataBroker {
  /** Serve one request or throw SandboxError('data_limit_exceeded'). */
  handle(req: DataRequest): Promise<{ bars: Bar[]; columns: DataColumns }>;
  requestCount(): number;
  /** SHA-256 (hex) over a canonical encoding of every response served so far. */
  inputDigest(): string;
}

export function createDataBroker(opts: DataBrokerOptions): DataBroker {
  const symbols = new Set(opts.symbols);
  const intervalMs = msOf(opts.interval);
  const hash = createHash('sha256');
  let count = 0;

  return {
    async handle(req) {
      count++;
      if (count > opts.maxRequests) {
        throw new SandboxError(
          'data_limit_exceeded',
          `more than ${opts.maxRequests} data requests in one run`,
        );
      }
      if (typeof req.symbol !== 'string' || !symbols.has(req.symbol)) {
        throw new SandboxError(
          'data_limit_exceeded',
          `symbol ${JSON.stringify(req.symbol)} is not declared in the manifest`,
        );
      }
      let limit = opts.lookback;
      if (req.lookback !== undefined && req.lookback !== null) {
        if (typeof req.lookback !== 'number' || !Number.isInteger(req.lookback) || req.lookback < 1) {
          throw new SandboxError('data_limit_exceeded', 'lookback must be a positive integer');
        }
        limit = Math.min(limit, req.lookback);
      }
      let bound = opts.asOf.getTime();
      if (typeof req.end === 'number' && Number.isFinite(req.end)) bound = Math.min(bound, req.end * 1000);
      const closedAtOrBefore = new Date(bound);
      const raw = await opts.source.readBars({
        symbol: req.symbol,
        interval: opts.interval,
        closedAtOrBefore,
        limit,
      });
      // Defence in depth: never trust the source to have clamped.
      const bars = raw
        .filter((b) => b.ts.getTime() + intervalMs <= bound)
        .sort((a, b) => a.ts.getTime() - b.ts.getTime())
        .slice(-limit);
      hash.update(`${req.symbol}\t${opts.interval}\t${bars.length}\n`);
      for (const b of bars) {
        hash.update(`${b.ts.toISOString()},${b.open},${b.high},${b.low},${b.close},${b.volume ?? ''}\n`);
      }
      return {
        bars,
        columns: {
          ts: packInt64(bars.map((b) => Math.floor(b.ts.getTime() / 1000))),
          open: packFloat64(bars.map((b) => b.open)),
          high: packFloat64(bars.map((b) => b.high)),
          low: packFloat64(bars.map((b) => b.low)),
          close: packFloat64(bars.map((b) => b.close)),
          volume: packFloat64(bars.map((b) => b.volume)),
        },
      };
    },
    requestCount: () => count,
    inputDigest: () => hash.copy().digest('hex'),
  };
}
