/**
 * The default deploy gate: run the version once in the real sandbox, on the stored market data,
 * at the close of the newest stored bar of its symbols. A model that cannot produce valid
 * predictions on real data never reaches the schedule.
 */
import {
  type BwrapSandboxOptions,
  createBwrapSandbox,
  createSqlBarSource,
  type QueryFn,
  type Sandbox,
  SandboxError,
} from '@seer/sandbox';
import type { Db } from '../db/db';
import { INTERVAL_HOURS } from './manifest';
import type { VersionsRepo } from './versions.repo';
import type { DeployCandidate, DeployGate, OpenedPackage } from './versions.service';

export interface SandboxDeployGateDeps {
  db: Db;
  versionsRepo: Pick<VersionsRepo, 'latestBars'>;
  openVersionPackage(versionId: string): Promise<OpenedPackage>;
  /** Defaults to a cold bubblewrap sandbox per check (deploys are rare; nothing stays running). */
  createSandbox?: () => Promise<Sandbox>;
  sandboxOptions?: BwrapSandboxOptions;
}

export function createSandboxDeployGate(deps: SandboxDeployGateDeps): DeployGate {
  const makeSandbox =
    deps.createSandbox ?? (() => createBwrapSandbox({ strategy: 'cold', ...deps.sandboxOptions }));
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
    let sandbox: Sandbox | undefined;
    try {
      pkg = await deps.openVersionPackage(candidate.id);
      sandbox = await makeSandbox();
      const result = await sandbox.run({
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
      if (result.ok) return { ok: true, asOf };
      const tail = result.stderr ? `\n${result.stderr.slice(-1500)}` : '';
      return { ok: false, code: result.code, message: `${result.message}${tail}`, asOf };
    } catch (err) {
      if (err instanceof SandboxError) return { ok: false, code: err.code, message: err.message, asOf };
      throw err;
    } finally {
      await sandbox?.close().catch(() => {});
      await pkg?.cleanup();
    }
  };
}
