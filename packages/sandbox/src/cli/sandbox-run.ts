import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '@seer/core/errors';
import { type ExtractLimits, extractPackage, readManifest } from '@seer/core/registry';
import { type BwrapSandboxOptions, createBwrapSandbox, type SandboxStrategy } from '../bwrap-sandbox';
import type { BarSource, PlatformCaps, Sandbox } from '../types';
import { DEFAULT_CAPS } from '../types';

export interface SandboxRunArgs {
  /** PACKAGE_DIR_OR_TGZ */
  package: string;
  /** --as-of: ISO 8601 timestamp (UTC if no offset) or a Date. */
  asOf: string | Date;
  mode?: 'live' | 'backtest';
  strategy?: SandboxStrategy;
}

export interface SandboxRunDeps {
  source: BarSource;
  /** Digest + platform signature check of the directory or archive, before extraction. */
  verify?: (packagePath: string) => Promise<void>;
  caps?: Partial<PlatformCaps>;
  /** Use an existing sandbox instead of starting one (it is not closed). */
  sandbox?: Sandbox;
  sandboxOptions?: BwrapSandboxOptions;
  /** Caps for a .tar.gz (default: the package-size cap, 2,000 entries, like the registry). */
  extractLimits?: Partial<ExtractLimits>;
}

export interface SandboxRunOutput {
  exitCode: number;
  json: Record<string, unknown>;
}

/**
 * `seerd sandbox-run PACKAGE_DIR_OR_TGZ --as-of TS`: run a package once in the real sandbox.
 * Returns one JSON object (predictions, or error code + message, plus duration and resource
 * use); exitCode 0 only on success, 1 for a failed run, 2 for bad arguments or package.
 */
export async function sandboxRunCommand(
  args: SandboxRunArgs,
  deps: SandboxRunDeps,
): Promise<SandboxRunOutput> {
  const started = Date.now();
  const fail = (exitCode: number, code: string, message: string): SandboxRunOutput => ({
    exitCode,
    json: { ok: false, code, message, duration_ms: Date.now() - started },
  });
  const asOf = parseAsOf(args.asOf);
  if (!asOf)
    return fail(2, 'invalid_arguments', `--as-of must be an ISO 8601 timestamp, got ${String(args.asOf)}`);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(args.package);
  } catch {
    return fail(2, 'invalid_arguments', `no such package: ${args.package}`);
  }
  if (deps.verify) {
    try {
      await deps.verify(args.package);
    } catch (e) {
      return fail(1, 'artifact_integrity_failed', `package verification failed: ${(e as Error).message}`);
    }
  }
  let tmp: string | null = null;
  let sandbox: Sandbox | null = null;
  try {
    let dir = args.package;
    if (!stat.isDirectory()) {
      // The registry's extractor (caps on size and entries, no links or unsafe paths). The
      // sandbox mounts its own copy of the result, so this folder's modes do not matter.
      tmp = mkdtempSync(join(tmpdir(), 'seer-pkg-'));
      const maxBytes = { ...DEFAULT_CAPS, ...deps.caps }.maxPackageBytes;
      try {
        const out = await extractPackage(createReadStream(args.package), join(tmp, 'pkg'), {
          maxArchiveBytes: maxBytes,
          maxUnpackedBytes: maxBytes,
          maxFiles: 2000,
          ...deps.extractLimits,
        });
        dir = out.root;
      } catch (e) {
        if (isAppError(e)) return fail(2, e.code, `cannot extract ${args.package}: ${e.detail}`);
        return fail(2, 'package_invalid_archive', `cannot extract ${args.package}: ${(e as Error).message}`);
      }
    }
    let manifest: ReturnType<typeof readManifest>;
    try {
      manifest = readManifest(dir);
    } catch (e) {
      return fail(2, 'invalid_manifest', (e as Error).message);
    }
    try {
      sandbox =
        deps.sandbox ??
        (await createBwrapSandbox({
          ...deps.sandboxOptions,
          caps: deps.caps,
          strategy: args.strategy ?? 'cold',
        }));
    } catch (e) {
      return fail(1, 'sandbox_unavailable', (e as Error).message);
    }
    const { name, version, ...m } = manifest;
    const r = await sandbox.run({
      packageDir: dir,
      manifest: m,
      asOf,
      mode: args.mode ?? 'live',
      source: deps.source,
    });
    const common = {
      package: { name, version },
      as_of: asOf.toISOString(),
      mode: args.mode ?? 'live',
      duration_ms: Date.now() - started,
      usage: { wall_ms: r.usage.wallMs, cpu_ms: r.usage.cpuMs, peak_memory_kb: r.usage.peakMemoryKb },
      input_digest: r.inputDigest,
      logs: r.logs.slice(-50),
    };
    if (r.ok) return { exitCode: 0, json: { ok: true, predictions: r.predictions, ...common } };
    return {
      exitCode: 1,
      json: { ok: false, code: r.code, message: r.message, ...common, stderr: r.stderr.slice(-4000) },
    };
  } finally {
    if (sandbox && !deps.sandbox) await sandbox.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

function parseAsOf(v: string | Date): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(v) && v.length > 10;
  const d = new Date(hasZone ? v : `${v.length === 10 ? `${v}T00:00:00` : v}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}
