/**
 * Prometheus metrics of the engines (runs, scheduler, queues, market data, billing, ledger
 * checkpoints), in a registry of their own that whoever serves /metrics merges
 * (`Registry.merge([...])`): the API in `seerd all`, the metrics listener of a standalone
 * `seerd worker` or `seerd scheduler`. deploy/prometheus and deploy/grafana query exactly these
 * names; deploy/test checks that every name they use is registered here or by the API.
 */
import type { Db } from '@seer/core/db';
import { createMarketRepo, dataFreshness, isTradingCalendar } from '@seer/core/market';
import {
  type ConsumeOptions,
  type JobContext,
  type JobHandler,
  type JobPayload,
  type JobQueues,
  QUEUE_NAMES,
  type QueueCounts,
  type QueueName,
} from '@seer/core/queue';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface RunMetrics {
  registry: Registry;
  runsTotal: Counter<'status' | 'mode'>;
  runErrors: Counter<'mode' | 'code'>;
  runDuration: Histogram<'status' | 'mode'>;
  runCpu: Histogram<'mode'>;
  runPeakMemory: Histogram<'mode'>;
  boundaryToStored: Histogram<'mode'>;
  dispatchLag: Histogram;
  slots: Counter<'outcome'>;
  queueWait: Histogram<'queue'>;
  queueFailures: Counter<'queue'>;
  queueJobs: Gauge<'queue' | 'state'>;
  marketDataAge: Gauge<'symbol' | 'interval'>;
  marketDataOverdue: Gauge<'symbol' | 'interval'>;
  billingEvents: Counter<'type'>;
  /** Ledger checkpoints this process signed (docs/VERIFYING.md). */
  ledgerCheckpointsSigned: Counter;
  /** Chains whose head no longer extends their last checkpoint: a rewrite, never signed. */
  ledgerCheckpointRefusals: Counter;
  /** Where the scrape-time gauges read from; set once the process has its queues and database. */
  observe(sources: MetricSources): void;
}

export interface MetricSources {
  queues?: JobQueues;
  db?: Db;
  now?: () => Date;
}

export function createRunMetrics(registry: Registry = new Registry()): RunMetrics {
  const registers = [registry];
  const sources: MetricSources = {};
  // Scrape-time gauges: a failed read (Redis or the database down) leaves the last values and
  // must not fail the whole scrape, or every other metric would vanish with it.
  // Both freshness gauges come from one query per scrape, whichever is collected first.
  let freshness: Promise<void> | undefined;
  let freshnessAt = 0;
  const refreshFreshness = (): Promise<void> => {
    if (!sources.db) return Promise.resolve();
    if (!freshness || Date.now() - freshnessAt > 1000) {
      freshnessAt = Date.now();
      freshness = collectFreshness(
        marketDataAge,
        marketDataOverdue,
        sources.db,
        sources.now?.() ?? new Date(),
      ).catch(() => {});
    }
    return freshness;
  };
  const marketDataOverdue: Gauge<'symbol' | 'interval'> = new Gauge({
    name: 'seer_market_data_overdue_seconds',
    help: 'How long a bar the trading calendar says has closed has been missing (0 when up to date).',
    labelNames: ['symbol', 'interval'],
    registers,
    async collect() {
      await refreshFreshness();
    },
  });
  const marketDataAge: Gauge<'symbol' | 'interval'> = new Gauge({
    name: 'seer_market_data_age_seconds',
    help: 'Age of the newest stored bar (from its close) per instrument and interval, read at scrape time.',
    labelNames: ['symbol', 'interval'],
    registers,
    async collect() {
      await refreshFreshness();
    },
  });
  // Ledger checkpoint freshness, read from the database at scrape time (any worker may have signed).
  let ledgerRead: Promise<void> | undefined;
  let ledgerReadAt = 0;
  const refreshLedger = (): Promise<void> => {
    if (!sources.db) return Promise.resolve();
    if (!ledgerRead || Date.now() - ledgerReadAt > 1000) {
      ledgerReadAt = Date.now();
      ledgerRead = collectLedgerCheckpoints(ledgerNewest, ledgerUnsignedAge, sources.db).catch(() => {});
    }
    return ledgerRead;
  };
  const ledgerNewest: Gauge = new Gauge({
    name: 'seer_ledger_checkpoint_newest_timestamp_seconds',
    help: 'Unix time of the newest signed ledger checkpoint (0 when none yet).',
    registers,
    async collect() {
      await refreshLedger();
    },
  });
  const ledgerUnsignedAge: Gauge = new Gauge({
    name: 'seer_ledger_unsigned_head_age_seconds',
    help: 'Age of the oldest chain head not yet covered by a signed checkpoint (0 when every head is signed).',
    registers,
    async collect() {
      await refreshLedger();
    },
  });
  const queueJobs: Gauge<'queue' | 'state'> = new Gauge({
    name: 'seer_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, failed = dead letters), read at scrape time.',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      if (sources.queues) await collectQueues(queueJobs, sources.queues).catch(() => {});
    },
  });
  return {
    queueJobs,
    marketDataAge,
    marketDataOverdue,
    registry,
    runsTotal: new Counter({
      name: 'seer_runs_total',
      help: 'Runs finished, by final status (succeeded, failed, timed_out, missed) and mode.',
      labelNames: ['status', 'mode'],
      registers,
    }),
    runErrors: new Counter({
      name: 'seer_run_errors_total',
      help: 'Runs that did not succeed, by mode and error code (model errors and infrastructure).',
      labelNames: ['mode', 'code'],
      registers,
    }),
    runDuration: new Histogram({
      name: 'seer_run_duration_seconds',
      help: 'Wall time of a run in the sandbox.',
      labelNames: ['status', 'mode'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers,
    }),
    runCpu: new Histogram({
      name: 'seer_run_cpu_seconds',
      help: 'CPU time a run used in the sandbox (user + system).',
      labelNames: ['mode'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    runPeakMemory: new Histogram({
      name: 'seer_run_peak_memory_bytes',
      help: 'Peak memory of a run in the sandbox.',
      labelNames: ['mode'],
      buckets: [32, 64, 128, 256, 512, 1024, 2048, 4096].map((mb) => mb * 1024 * 1024),
      registers,
    }),
    boundaryToStored: new Histogram({
      name: 'seer_run_boundary_to_stored_seconds',
      help: 'From the boundary (as_of) to the predictions being stored, live runs (clock time).',
      labelNames: ['mode'],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    dispatchLag: new Histogram({
      name: 'seer_scheduler_dispatch_lag_seconds',
      help: 'From a live boundary to its run being dispatched (clock time).',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    slots: new Counter({
      name: 'seer_slots_total',
      help: 'Live slots by outcome: dispatched, missed (not run within the grace), late (started after the deadline), market_closed.',
      labelNames: ['outcome'],
      registers,
    }),
    queueWait: new Histogram({
      name: 'seer_queue_wait_seconds',
      help: 'From a job being enqueued to a worker starting it.',
      labelNames: ['queue'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
      registers,
    }),
    queueFailures: new Counter({
      name: 'seer_queue_job_failures_total',
      help: 'Job attempts that failed (retried or dead-lettered), by queue.',
      labelNames: ['queue'],
      registers,
    }),
    billingEvents: new Counter({
      name: 'seer_billing_events_total',
      help: 'Billing events processed, by type (charge_succeeded, charge_failed, renewal, refund, ...).',
      labelNames: ['type'],
      registers,
    }),
    ledgerCheckpointsSigned: new Counter({
      name: 'seer_ledger_checkpoints_signed_total',
      help: 'Signed checkpoints of ledger chain heads stored by this process.',
      registers,
    }),
    ledgerCheckpointRefusals: new Counter({
      name: 'seer_ledger_checkpoint_refusals_total',
      help: 'Chain heads the signer refused because they do not extend the last checkpoint (a rewrite).',
      registers,
    }),
    observe(next) {
      Object.assign(sources, next);
    },
  };
}

const STATE_OF: Record<keyof QueueCounts, string> = {
  waiting: 'waiting',
  active: 'active',
  delayed: 'delayed',
  dead: 'failed',
};

async function collectQueues(gauge: Gauge<'queue' | 'state'>, queues: JobQueues): Promise<void> {
  for (const queue of QUEUE_NAMES) {
    const counts = await queues.counts(queue);
    for (const [k, state] of Object.entries(STATE_OF))
      gauge.set({ queue, state }, counts[k as keyof QueueCounts]);
  }
}

async function collectFreshness(
  age: Gauge<'symbol' | 'interval'>,
  overdue: Gauge<'symbol' | 'interval'>,
  db: Db,
  now: Date,
): Promise<void> {
  const bars = await createMarketRepo(db).newestBars();
  age.reset();
  overdue.reset();
  for (const b of bars) {
    if (!isTradingCalendar(b.calendar)) continue;
    const f = dataFreshness({ calendar: b.calendar, interval: b.interval, newestBarOpen: b.ts, now });
    age.set({ symbol: b.symbol, interval: b.interval }, f.ageSeconds);
    overdue.set({ symbol: b.symbol, interval: b.interval }, f.overdueSeconds);
  }
}

/**
 * The same queues, with every consumed job timed from enqueue to start and every failed attempt
 * counted, whichever engine consumes them.
 */
export function instrumentQueues(queues: JobQueues, metrics: RunMetrics): JobQueues {
  return {
    ...queues,
    kind: queues.kind,
    retry: queues.retry,
    enqueue: (q, id, data) => queues.enqueue(q, id, data),
    enqueueMany: (q, jobs) => queues.enqueueMany(q, jobs),
    deadLetters: (q, limit) => queues.deadLetters(q, limit),
    retryDeadLetter: (q, id) => queues.retryDeadLetter(q, id),
    counts: (q) => queues.counts(q),
    close: () => queues.close(),
    consume: <Q extends QueueName>(queue: Q, handler: JobHandler<JobPayload<Q>>, opts: ConsumeOptions) =>
      queues.consume(
        queue,
        async (job: JobContext<JobPayload<Q>>) => {
          if (job.attempt === 1 && job.enqueuedAt)
            metrics.queueWait.observe({ queue }, Math.max(0, (Date.now() - job.enqueuedAt.getTime()) / 1000));
          try {
            await handler(job);
          } catch (err) {
            metrics.queueFailures.inc({ queue });
            throw err;
          }
        },
        opts,
      ),
  };
}

async function collectLedgerCheckpoints(newest: Gauge, unsignedAge: Gauge, db: Db): Promise<void> {
  const { rows } = await db.query<{ newest: number | null; unsigned_age: number | null }>(
    `SELECT (SELECT extract(epoch FROM max(signed_at))::float8 FROM ledger_checkpoints) AS newest,
            (SELECT extract(epoch FROM (now() - min(h.updated_at)))::float8
               FROM ledger_heads h
               LEFT JOIN LATERAL (SELECT head, seq FROM ledger_checkpoints k
                                   WHERE k.version_id = h.version_id AND k.mode = h.mode
                                   ORDER BY id DESC LIMIT 1) c ON true
              WHERE h.seq > 0 AND (c.head IS NULL OR c.head <> h.hash)) AS unsigned_age`,
  );
  newest.set(Number(rows[0]?.newest ?? 0));
  unsignedAge.set(Math.max(0, Number(rows[0]?.unsigned_age ?? 0)));
}
