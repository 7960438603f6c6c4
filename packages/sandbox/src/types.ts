import type { Bar, Interval } from '@seer/core/market';
import { MANIFEST_CAPS, type RunManifest as ModelManifest } from '@seer/core/registry';

/**
 * Bars, intervals, targets and the manifest a run needs (seer.toml's type, syntax and rules) are
 * defined once, in core; re-exported for the sandbox's readers.
 */
export type { RunManifest as ModelManifest, Target } from '@seer/core/registry';
export type { Bar, Interval };

export interface BarQuery {
  symbol: string;
  interval: Interval;
  /** Only bars whose close time (ts + interval) is <= this instant. */
  closedAtOrBefore: Date;
  limit: number;
}

export interface BarSource {
  /** Newest `limit` bars with ts + interval <= closedAtOrBefore, ascending by ts. */
  readBars(q: BarQuery): Promise<Bar[]>;
}

export const SANDBOX_ERROR_CODES = [
  'model_error',
  'bad_output',
  'timeout',
  'memory_exceeded',
  'cpu_exceeded',
  'forbidden_syscall',
  'output_too_large',
  'data_limit_exceeded',
  'protocol_error',
  'artifact_integrity_failed',
  'sandbox_unavailable',
] as const;
export type SandboxErrorCode = (typeof SANDBOX_ERROR_CODES)[number];

export interface SandboxRunRequest {
  /** An extracted package directory (verified, or verified by the sandbox's `verify` hook). */
  packageDir: string;
  manifest: ModelManifest;
  asOf: Date;
  mode: 'live' | 'backtest';
  source: BarSource;
}

export interface SandboxUsage {
  wallMs: number;
  cpuMs: number | null;
  peakMemoryKb: number | null;
}

export interface Prediction {
  symbol: string;
  value: number;
  confidence: number | null;
}

export type SandboxResult =
  | {
      ok: true;
      predictions: Prediction[];
      inputDigest: string;
      usage: SandboxUsage;
      logs: string[];
      stderr: string;
    }
  | {
      ok: false;
      code: SandboxErrorCode;
      message: string;
      stderr: string;
      logs: string[];
      usage: SandboxUsage;
      inputDigest: string | null;
    };

export interface Sandbox {
  run(req: SandboxRunRequest): Promise<SandboxResult>;
  close(): Promise<void>;
}

/** Platform ceilings: every manifest value is clamped to these. */
export interface PlatformCaps {
  maxCpuSeconds: number;
  maxMemoryMb: number;
  /** Wall clock = cpu_seconds * wallPerCpuSecond + wallSlackMs, at most maxWallMs. */
  maxWallMs: number;
  wallPerCpuSecond: number;
  wallSlackMs: number;
  /** Private /tmp size. */
  tmpMb: number;
  maxPids: number;
  maxOpenFiles: number;
  /** Largest runtime->host frame. */
  maxFrameBytes: number;
  /** Total bytes of `log` lines (print / ctx.log) per run. */
  maxLogBytes: number;
  maxStderrBytes: number;
  maxLookback: number;
  maxSymbols: number;
  /** Data requests per run = min(maxDataRequests, symbols * dataRequestsPerSymbol). */
  dataRequestsPerSymbol: number;
  maxDataRequests: number;
  maxPackageBytes: number;
  /** CFS quota in cores per run (cgroup only). */
  cpuQuotaCores: number;
}

export const DEFAULT_CAPS: PlatformCaps = {
  maxCpuSeconds: MANIFEST_CAPS.maxCpuSeconds,
  maxMemoryMb: MANIFEST_CAPS.maxMemoryMb,
  maxWallMs: 120_000,
  wallPerCpuSecond: 2,
  wallSlackMs: 3_000,
  tmpMb: 64,
  maxPids: 32,
  maxOpenFiles: 256,
  maxFrameBytes: 4 * 1024 * 1024,
  maxLogBytes: 64 * 1024,
  maxStderrBytes: 256 * 1024,
  maxLookback: MANIFEST_CAPS.maxLookback,
  maxSymbols: MANIFEST_CAPS.maxSymbols,
  dataRequestsPerSymbol: 4,
  maxDataRequests: 200,
  maxPackageBytes: 64 * 1024 * 1024,
  cpuQuotaCores: 1,
};

export class SandboxError extends Error {
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}
