/**
 * Executes one run end to end: claim it (lease), verify and open the version's package, run it in
 * the sandbox against point-in-time data, then in ONE transaction append the predictions to the
 * ledger and mark the run succeeded. Failures are recorded on the run. Re-delivering the same run
 * is harmless: a finished run is left alone, a run leased by a live worker is retried later.
 */
import { type Db, withTransaction } from '@seer/core/db';
import { appendPredictions } from '@seer/core/predictions';
import {
  claimRun,
  extendLease,
  findRun,
  findVersionById,
  finishRun,
  liveStartDeadline,
  liveStoreDeadline,
  type Run,
  releaseRun,
} from '@seer/core/runs';
import { createSqlBarSource, type Sandbox, type SandboxResult } from '@seer/sandbox';
import type { RunMetrics } from './metrics';
import { type OpenedPackage, PackageIntegrityError, type PackageOpener } from './package-opener';

export type RunOutcome = 'succeeded' | 'failed' | 'timed_out' | 'missed' | 'already_finished';

/** Retrying later may help (DB/Redis trouble, another worker holds the lease, host sandbox down). */
export class TransientRunError extends Error {
  override name = 'TransientRunError';
}

export interface RunExecutorDeps {
  db: Db;
  sandbox: Pick<Sandbox, 'run'>;
  openPackage: PackageOpener;
  /** Platform time (a replay clock in demos): decides lateness and stamps predictions. */
  clock: () => Date;
  workerId: string;
  leaseMs: number;
  graceMs: number;
  metrics?: RunMetrics;
  stderrCapBytes?: number;
  /** Test hook: called once the sandbox result is in, before anything is stored. */
  beforeStore?: (run: Run) => Promise<void>;
  /** After a live run's predictions are committed (webhook fan-out); its failure never fails the run. */
  afterLiveStored?: (runId: string) => Promise<void>;
}

export interface RunExecutor {
  execute(runId: string): Promise<RunOutcome>;
}

const TIMED_OUT_CODES = new Set(['timeout']);
const TRANSIENT_SANDBOX_CODES = new Set(['sandbox_unavailable']);

export function capText(s: string, maxBytes: number): string {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= maxBytes) return s;
  // Keep the end: the traceback that explains the failure is last.
  const tail = buf.subarray(buf.length - maxBytes).toString('utf8');
  return `[stderr truncated to the last ${maxBytes} bytes]\n${tail}`;
}

export function createRunExecutor(deps: RunExecutorDeps): RunExecutor {
  const stderrCap = deps.stderrCapBytes ?? 16 * 1024;

  const record = (run: Run, status: RunOutcome, startedMs: number, usage?: SandboxResult['usage']) => {
    if (status === 'already_finished') return;
    const m = deps.metrics;
    if (!m) return;
    m.runsTotal.inc({ status, mode: run.mode });
    m.runDuration.observe({ status, mode: run.mode }, (Date.now() - startedMs) / 1000);
    if (usage?.cpuMs != null) m.runCpu.observe({ mode: run.mode }, usage.cpuMs / 1000);
    if (usage?.peakMemoryKb != null) m.runPeakMemory.observe({ mode: run.mode }, usage.peakMemoryKb * 1024);
  };

  const fail = async (
    run: Run,
    status: 'failed' | 'timed_out' | 'missed',
    fields: { error_code: string; error_message: string; stderr?: string | null; result?: SandboxResult },
  ): Promise<RunOutcome> => {
    const r = fields.result;
    const ok = await finishRun(deps.db.kysely, {
      runId: run.id,
      workerId: deps.workerId,
      fields: {
        status,
        finished_at: deps.clock(),
        error_code: fields.error_code,
        error_message: fields.error_message.slice(0, 2000),
        stderr: fields.stderr ? capText(fields.stderr, stderrCap) : null,
        duration_ms: r ? Math.round(r.usage.wallMs) : null,
        cpu_ms: r?.usage.cpuMs != null ? Math.round(r.usage.cpuMs) : null,
        peak_memory_kb: r?.usage.peakMemoryKb ?? null,
        input_digest: r?.inputDigest ?? null,
      },
    });
    if (ok) {
      deps.metrics?.runErrors.inc({ mode: run.mode, code: fields.error_code });
      if (fields.error_code === 'missed_started_late') deps.metrics?.slots.inc({ outcome: 'late' });
    }
    return ok ? status : 'already_finished';
  };

  return {
    async execute(runId) {
      const startedMs = Date.now();
      let run: Run | undefined;
      try {
        run = await claimRun(deps.db.kysely, {
          runId,
          workerId: deps.workerId,
          leaseMs: deps.leaseMs,
          startedAt: deps.clock(),
        });
      } catch (err) {
        throw new TransientRunError(`cannot claim run ${runId}: ${(err as Error).message}`);
      }
      if (!run) {
        const current = await findRun(deps.db.kysely, runId);
        if (current?.status !== 'running') return 'already_finished';
        throw new TransientRunError(`run ${runId} is leased by ${current.lease_owner}`);
      }
      const claimed = run;

      let heartbeat: NodeJS.Timeout | undefined;
      let pkg: OpenedPackage | undefined;
      try {
        const version = await findVersionById(deps.db.kysely, claimed.version_id);
        if (!version) {
          const o = await fail(claimed, 'failed', {
            error_code: 'version_not_found',
            error_message: `model version ${claimed.version_id} does not exist`,
          });
          record(claimed, o, startedMs);
          return o;
        }
        if (claimed.mode === 'live') {
          const deadline = liveStartDeadline(claimed.as_of, deps.graceMs, claimed.horizon_seconds * 1000);
          if (deps.clock() > deadline) {
            const o = await fail(claimed, 'missed', {
              error_code: 'missed_started_late',
              error_message: `the run could not start before ${deadline.toISOString()}; a late live prediction would not be a forecast`,
            });
            record(claimed, o, startedMs);
            return o;
          }
        }

        heartbeat = setInterval(
          () => {
            extendLease(deps.db.kysely, { runId, workerId: deps.workerId, leaseMs: deps.leaseMs }).catch(
              () => {},
            );
          },
          Math.max(250, Math.floor(deps.leaseMs / 3)),
        );
        heartbeat.unref();

        try {
          pkg = await deps.openPackage(claimed.version_id);
        } catch (err) {
          if (err instanceof PackageIntegrityError) {
            const o = await fail(claimed, 'failed', {
              error_code: 'artifact_integrity_failed',
              error_message: err.message,
            });
            record(claimed, o, startedMs);
            return o;
          }
          throw err;
        }

        const result = await deps.sandbox.run({
          packageDir: pkg.dir,
          manifest: pkg.manifest,
          asOf: claimed.as_of,
          mode: claimed.mode,
          source: createSqlBarSource(deps.db.modelReaderQuery),
        });
        await deps.beforeStore?.(claimed);

        if (!result.ok) {
          if (TRANSIENT_SANDBOX_CODES.has(result.code)) throw new TransientRunError(result.message);
          const status = TIMED_OUT_CODES.has(result.code) ? 'timed_out' : 'failed';
          const o = await fail(claimed, status, {
            error_code: result.code,
            error_message: result.message,
            stderr: result.stderr,
            result,
          });
          record(claimed, o, startedMs, result.usage);
          return o;
        }

        const createdAt = deps.clock();
        if (claimed.mode === 'live') {
          // Checked again right before storing: the run may have waited for a sandbox slot or run
          // slowly past the moment its outcome can be known. A late result is not a forecast.
          const storeDeadline = liveStoreDeadline(claimed.as_of, claimed.horizon_seconds * 1000);
          if (createdAt > storeDeadline) {
            const o = await fail(claimed, 'missed', {
              error_code: 'missed_finished_late',
              error_message: `the result came in at ${createdAt.toISOString()}, after ${storeDeadline.toISOString()} (as_of + horizon); a late live prediction would not be a forecast, so none was stored`,
              stderr: result.stderr,
              result,
            });
            record(claimed, o, startedMs);
            return o;
          }
        }
        const stored = await withTransaction(deps.db, async (trx) => {
          const mine = await finishRun(trx, {
            runId,
            workerId: deps.workerId,
            fields: {
              status: 'succeeded',
              finished_at: createdAt,
              duration_ms: Math.round(result.usage.wallMs),
              cpu_ms: result.usage.cpuMs != null ? Math.round(result.usage.cpuMs) : null,
              peak_memory_kb: result.usage.peakMemoryKb,
              input_digest: result.inputDigest,
              prediction_count: result.predictions.length,
              stderr: result.stderr ? capText(result.stderr, stderrCap) : null,
            },
          });
          if (!mine) return false; // our lease expired and another worker took the run over
          await appendPredictions(trx, {
            versionId: claimed.version_id,
            mode: claimed.mode,
            runId,
            asOf: claimed.as_of,
            horizon: version.horizon,
            horizonMs: claimed.horizon_seconds * 1000,
            target: version.target,
            createdAt,
            predictions: result.predictions,
            inputDigest: result.inputDigest,
          });
          return true;
        });
        if (!stored) return 'already_finished';
        record(claimed, 'succeeded', startedMs, result.usage);
        if (claimed.mode === 'live' && deps.afterLiveStored)
          await deps.afterLiveStored(runId).catch(() => {});
        if (claimed.mode === 'live')
          deps.metrics?.boundaryToStored.observe(
            { mode: claimed.mode },
            Math.max(0, (createdAt.getTime() - claimed.as_of.getTime()) / 1000),
          );
        return 'succeeded';
      } catch (err) {
        // Transient: hand the run back so the retry (here or on another worker) starts at once.
        await releaseRun(deps.db.kysely, { runId, workerId: deps.workerId }).catch(() => {});
        if (err instanceof TransientRunError) throw err;
        throw new TransientRunError(`run ${runId}: ${(err as Error).message}`);
      } finally {
        if (heartbeat) clearInterval(heartbeat);
        await pkg?.release?.().catch(() => {});
      }
    },
  };
}
