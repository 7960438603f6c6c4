/**
 * Prometheus metrics of the runs engine, in a registry of their own that whoever serves /metrics
 * can merge (`Registry.merge([...])`) or expose directly.
 */
import { Counter, Histogram, Registry } from 'prom-client';

export interface RunMetrics {
  registry: Registry;
  runsTotal: Counter<'status' | 'mode'>;
  runDuration: Histogram<'status' | 'mode'>;
  boundaryToStored: Histogram<'mode'>;
}

export function createRunMetrics(registry: Registry = new Registry()): RunMetrics {
  return {
    registry,
    runsTotal: new Counter({
      name: 'seer_runs_total',
      help: 'Runs finished, by final status (succeeded, failed, timed_out, missed) and mode.',
      labelNames: ['status', 'mode'],
      registers: [registry],
    }),
    runDuration: new Histogram({
      name: 'seer_run_duration_seconds',
      help: 'Wall time of a run in the sandbox.',
      labelNames: ['status', 'mode'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    boundaryToStored: new Histogram({
      name: 'seer_run_boundary_to_stored_seconds',
      help: 'From the boundary (as_of) to the predictions being stored, live runs (clock time).',
      labelNames: ['mode'],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
      registers: [registry],
    }),
  };
}
