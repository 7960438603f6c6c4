import type { ModelManifest, PlatformCaps } from './types';

export interface RunLimits {
  cpuSeconds: number;
  memoryMb: number;
  /** RLIMIT_AS: memory_mb plus headroom for the interpreter's virtual mappings. */
  addressSpaceBytes: number;
  wallMs: number;
  tmpMb: number;
  pids: number;
  openFiles: number;
  fileSizeBytes: number;
  lookback: number;
  maxRequests: number;
  maxFrameBytes: number;
  maxLogBytes: number;
  maxStderrBytes: number;
  cpuQuotaCores: number;
}

const AS_HEADROOM_MB = 768;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Every limit comes from the manifest, bounded by the platform caps. */
export function resolveLimits(manifest: ModelManifest, caps: PlatformCaps): RunLimits {
  const cpuSeconds = clamp(Math.ceil(Number(manifest.resources?.cpu_seconds) || 1), 1, caps.maxCpuSeconds);
  const memoryMb = clamp(Math.floor(Number(manifest.resources?.memory_mb) || 256), 64, caps.maxMemoryMb);
  return {
    cpuSeconds,
    memoryMb,
    addressSpaceBytes: (memoryMb + AS_HEADROOM_MB) * 1024 * 1024,
    wallMs: Math.min(caps.maxWallMs, cpuSeconds * caps.wallPerCpuSecond * 1000 + caps.wallSlackMs),
    tmpMb: caps.tmpMb,
    pids: caps.maxPids,
    openFiles: caps.maxOpenFiles,
    fileSizeBytes: caps.tmpMb * 1024 * 1024,
    lookback: clamp(Math.floor(manifest.lookback) || 1, 1, caps.maxLookback),
    maxRequests: Math.min(
      caps.maxDataRequests,
      Math.max(1, manifest.symbols.length) * caps.dataRequestsPerSymbol,
    ),
    maxFrameBytes: caps.maxFrameBytes,
    maxLogBytes: caps.maxLogBytes,
    maxStderrBytes: caps.maxStderrBytes,
    cpuQuotaCores: caps.cpuQuotaCores,
  };
}

/** Limits the runtime applies to itself (lowering only) from the `run` frame. */
export function runtimeLimits(l: RunLimits): Record<string, number> {
  return {
    cpu_seconds: l.cpuSeconds,
    address_space_bytes: l.addressSpaceBytes,
    file_size_bytes: l.fileSizeBytes,
    open_files: l.openFiles,
  };
}
