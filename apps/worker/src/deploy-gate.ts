/**
 * The bubblewrap deploy gate (injected into core's registry by the worker and `seerd publish`):
 * run the version once in the real sandbox, on the stored market data, at the close of the newest
 * stored bar of its symbols. A model that cannot produce valid predictions on real data never
 * reaches the schedule. Core defines the DeployGate interface and never imports the sandbox.
 */
import type { Db } from '@seer/core/db';
import {
  type DeployCandidate,
  type DeployGate,
  INTERVAL_HOURS,
  type OpenedPackage,
  type VersionsRepo,
} from '@seer/core/registry';
import {
  type BwrapSandboxOptions,
  createBwrapSandbox,
  createSqlBarSource,
  type QueryFn,
  type Sandbox,
  SandboxError,
  type SandboxRunRequest,
} from '@seer/sandbox';

export interface SandboxDeployGateDeps {
  db: Db;
  versionsRepo: Pick<VersionsRepo, 'latestBars'>;
  openVersionPackage(versionId: string): Promise<OpenedPackage>;
  /**
   * Runs the trial (the worker passes its shared, priority-gated sandbox). Without it, a cold
   * bubblewrap sandbox is made per check and closed after it (seerd publish).
   */
  run?: (req: SandboxRunRequest) => ReturnType<Sandbox['run']>;
  sandboxOptions?: BwrapSandboxOptions;
}

export function createSandboxDeployGate(deps: SandboxDeployGateDeps): DeployGate {
  return async (candidate: DeployCandidate) => {
    const m = candidate.manifest;
    const latest = await deps.versionsRepo.latestBars(m.symbols, m.interval);
    const missing = m.symbols.filter((s) => !latest.has(s));
    if (missing.length > 0) {
      return {
        ok: false,
        code: 'no_market_data',
        message: `No ${m.interval} bars are stored yet for ${missing.join(', ')}; the version cannot be trial-run, so it cannot be deployed. Ingest market data first.`,
      };
    }
    const newestOpen = Math.max(...[...latest.values()].map((d) => d.getTime()));
    const asOf = new Date(newestOpen + INTERVAL_HOURS[m.interval] * 3_600_000);

    let pkg: OpenedPackage | undefined;
    let own: Sandbox | undefined;
    try {
      pkg = await deps.openVersionPackage(candidate.id);
      let run = deps.run;
      if (!run) {
        own = await createBwrapSandbox({ strategy: 'cold', ...deps.sandboxOptions });
        run = own.run.bind(own);
      }
      const result = await run({
        packageDir: pkg.dir,
        manifest: {
          entrypoint: pkg.manifest.entrypoint,
          interval: pkg.manifest.interval,
          horizon: pkg.manifest.horizon,
          target: pkg.manifest.target,
          symbols: pkg.manifest.symbols,
          lookback: pkg.manifest.lookback,
          resources: pkg.manifest.resources,
          ...(pkg.manifest.params ? { params: pkg.manifest.params } : {}),
        },
        asOf,
        mode: 'backtest',
        source: createSqlBarSource(deps.db.modelReaderQuery as QueryFn),
      });
      const logs = [...result.logs, ...(result.stderr ? [result.stderr.slice(-8000)] : [])].join('\n');
      if (result.ok) return { ok: true, asOf, ...(logs ? { logs } : {}) };
      const tail = result.stderr ? `\n${result.stderr.slice(-1500)}` : '';
      return {
        ok: false,
        code: result.code,
        message: `${result.message}${tail}`,
        asOf,
        ...(logs ? { logs } : {}),
      };
    } catch (err) {
      if (err instanceof SandboxError) return { ok: false, code: err.code, message: err.message, asOf };
      throw err;
    } finally {
      await own?.close().catch(() => {});
      await pkg?.cleanup();
    }
  };
}
