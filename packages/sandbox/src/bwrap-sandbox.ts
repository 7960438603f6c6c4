import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDataBroker } from './broker/data-broker';
import { cgroupsAvailable, sweepStaleCgroups } from './host/cgroup';
import { checkSandboxHost, formatHostCheck } from './host/check';
import { type Jail, type JailConfig, startJail } from './host/jail';
import { type RunChannel, runSession } from './host/session';
import { type ForkTemplate, startForkTemplate } from './host/template';
import { resolveLimits, runtimeLimits } from './limits';
import { readPackageFiles } from './package/read-package';
import { PROTOCOL_VERSION } from './protocol/frames';
import type { PlatformCaps, Sandbox, SandboxErrorCode, SandboxResult, SandboxRunRequest } from './types';
import { DEFAULT_CAPS, SandboxError } from './types';

export type SandboxStrategy = 'cold' | 'pool' | 'fork';

export interface BwrapSandboxOptions {
  caps?: Partial<PlatformCaps>;
  pythonPath?: string;
  /**
   * cold: a fresh bwrap jail per run, package bound read-only at /pkg.
   * pool: pre-started jails (imports done), each used for exactly one run; package sent as bytes.
   * fork: one pre-imported template jail forks a fresh nested jail per run (own user/mount/pid/
   *       ipc/uts/net/cgroup namespaces, own /tmp, own rlimits, cgroup and seccomp).
   */
  strategy?: SandboxStrategy;
  /** Warm jails kept ready (pool strategy). */
  poolSize?: number;
  /** Runs executing at the same time; further runs queue. Default: CPU count. */
  concurrency?: number;
  /** Integrity hook (digest + platform signature); a throw refuses the run. */
  verify?: (packageDir: string) => Promise<void>;
  /** Unprivileged host uid/gid the jail runs as (default nobody/nogroup). */
  uid?: number;
  gid?: number;
  /** Host directory with the `seer` Python package (default: the repo's python/). */
  runtimeDir?: string;
  /** Use per-run cgroups when the host allows (default true). */
  cgroups?: boolean;
  /**
   * Fork strategy: modules the template imports once and shares copy-on-write with every run
   * besides numpy and pandas (e.g. ['sklearn.linear_model', 'scipy.stats', 'statsmodels.api']).
   */
  preimport?: string[];
  /** Fork strategy: how long the template may take to import and say `ready` (default 60 s). */
  templateStartTimeoutMs?: number;
}

export const DEFAULT_RUNTIME_DIR = fileURLToPath(new URL('../../../python', import.meta.url));

export async function createBwrapSandbox(opts: BwrapSandboxOptions = {}): Promise<Sandbox> {
  const caps: PlatformCaps = { ...DEFAULT_CAPS, ...opts.caps };
  const pythonPath = opts.pythonPath ?? '/usr/bin/python3';
  const check = checkSandboxHost({ pythonPath });
  if (!check.ok) throw new SandboxError('sandbox_unavailable', formatHostCheck(check));
  const runtimeDir = opts.runtimeDir ?? DEFAULT_RUNTIME_DIR;
  sweepStaleWorkDirs();
  const workDir = mkdtempSync(`${WORK_PREFIX}${process.pid}-`);
  chmodSync(workDir, 0o711); // the jail uid must traverse to its channel dir, not list it
  const seccompFile = exportSeccomp(pythonPath, runtimeDir, workDir, 'stage1');
  const cfg: JailConfig = {
    pythonPath,
    runtimeDir,
    seccompFile,
    uid: opts.uid ?? 65534,
    gid: opts.gid ?? 65534,
    cgroups: (opts.cgroups ?? true) && cgroupsAvailable(),
  };
  if (cfg.cgroups) sweepStaleCgroups();
  const strategy = opts.strategy ?? 'cold';
  const concurrency = Math.max(1, opts.concurrency ?? cpus().length);
  let closed = false;

  // Warm pool: jails started with the platform maxima, lowered per run.
  const poolLimits = resolveLimits(
    {
      entrypoint: 'x:y',
      interval: '1h',
      horizon: '1h',
      target: 'return',
      symbols: ['x'],
      lookback: 1,
      resources: { cpu_seconds: caps.maxCpuSeconds, memory_mb: caps.maxMemoryMb },
    },
    caps,
  );
  const pool: Jail[] = [];
  const fillPool = () => {
    if (strategy !== 'pool' || closed) return;
    while (pool.length < (opts.poolSize ?? concurrency)) pool.push(startJail(cfg, { limits: poolLimits }));
  };
  fillPool();

  let template: ForkTemplate | null = null;
  let templateStarting: Promise<ForkTemplate> | null = null;
  let templateSeq = 0;
  /** The fork template, restarted if it died (a fresh channel directory each time). */
  const getTemplate = async (): Promise<ForkTemplate> => {
    if (template?.alive()) return template;
    if (!templateStarting) {
      const old = template;
      templateStarting = (async () => {
        await old?.close();
        const templateSeccomp = exportSeccomp(pythonPath, runtimeDir, workDir, 'template');
        // Root-owned: the jail uid may traverse it (0711) but never create, list or swap entries.
        const chanDir = join(workDir, `chan${templateSeq++}`);
        mkdirSync(chanDir, { mode: 0o711 });
        chmodSync(chanDir, 0o711);
        return startForkTemplate(
          { ...cfg, seccompFile: templateSeccomp },
          {
            chanDir,
            caps,
            preimport: (opts.preimport ?? []).filter((m) => /^[A-Za-z_][\w.]*$/.test(m)),
            startTimeoutMs: opts.templateStartTimeoutMs,
          },
        );
      })().finally(() => {
        templateStarting = null;
      });
      template = await templateStarting;
      return template;
    }
    return templateStarting;
  };
  if (strategy === 'fork') await getTemplate();

  // Simple FIFO semaphore.
  let active = 0;
  const waiters: Array<() => void> = [];
  const acquire = async () => {
    if (active < concurrency) {
      active++;
      return;
    }
    await new Promise<void>((r) => waiters.push(r)); // the slot is handed over by release()
  };
  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else active--;
  };

  const runOnce = async (req: SandboxRunRequest): Promise<SandboxResult> => {
    const startedAt = Date.now();
    const m = req.manifest;
    const failure = (code: SandboxErrorCode, message: string): SandboxResult => ({
      ok: false,
      code,
      message,
      stderr: '',
      logs: [],
      usage: { wallMs: Date.now() - startedAt, cpuMs: null, peakMemoryKb: null },
      inputDigest: null,
    });
    if (opts.verify) {
      try {
        await opts.verify(req.packageDir);
      } catch (e) {
        return failure('artifact_integrity_failed', `package verification failed: ${(e as Error).message}`);
      }
    }
    if (!Array.isArray(m.symbols) || m.symbols.length === 0 || m.symbols.length > caps.maxSymbols) {
      return failure('bad_output', `manifest must declare 1..${caps.maxSymbols} symbols`);
    }
    const limits = resolveLimits(m, caps);
    const broker = createDataBroker({
      source: req.source,
      symbols: m.symbols,
      interval: m.interval,
      lookback: limits.lookback,
      asOf: req.asOf,
      maxRequests: limits.maxRequests,
    });
    const runFrame: Record<string, unknown> & { type: string } = {
      type: 'run',
      v: PROTOCOL_VERSION,
      as_of: req.asOf.getTime() / 1000,
      mode: req.mode,
      symbols: m.symbols,
      interval: m.interval,
      horizon: m.horizon,
      lookback: limits.lookback,
      target: m.target,
      entrypoint: m.entrypoint,
      params: m.params ?? {},
      limits: runtimeLimits(limits),
    };
    let ch: RunChannel;
    if (strategy === 'cold') {
      ch = startJail(cfg, { limits, packageDir: req.packageDir });
    } else {
      try {
        runFrame.package = readPackageFiles(req.packageDir, caps.maxPackageBytes);
      } catch (e) {
        return failure('output_too_large', (e as Error).message);
      }
      if (strategy === 'pool') {
        let jail = pool.shift();
        while (jail && !jail.alive()) {
          await jail.cgroup?.destroy();
          jail = pool.shift();
        }
        jail ??= startJail(cfg, { limits: poolLimits });
        fillPool();
        jail.cgroup?.setLimits({
          memoryMb: limits.memoryMb,
          pids: limits.pids,
          cpuCores: limits.cpuQuotaCores,
        });
        ch = jail;
      } else {
        try {
          ch = await (await getTemplate()).spawn(limits);
        } catch (e) {
          return failure('sandbox_unavailable', (e as Error).message);
        }
      }
    }
    try {
      return await runSession(ch, {
        runFrame,
        broker,
        limits,
        symbols: m.symbols,
        target: m.target,
        startedAt,
      });
    } finally {
      ch.kill();
      await (ch as Partial<Jail>).cgroup?.destroy();
      await (ch as { dispose?: () => Promise<void> }).dispose?.();
    }
  };

  return {
    async run(req) {
      if (closed) throw new SandboxError('sandbox_unavailable', 'sandbox is closed');
      await acquire();
      try {
        return await runOnce(req);
      } finally {
        release();
      }
    },
    async close() {
      closed = true;
      for (const j of pool.splice(0)) {
        j.kill();
        await j.exited;
        await j.cgroup?.destroy();
      }
      await template?.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

const WORK_PREFIX = '/tmp/seer-sandbox-';

/** Remove work directories (seccomp programs, FIFO dirs) of host processes that died without close(). */
function sweepStaleWorkDirs(): void {
  let names: string[] = [];
  try {
    names = readdirSync('/tmp').filter((n) => n.startsWith('seer-sandbox-'));
  } catch {
    return;
  }
  for (const n of names) {
    const owner = Number(n.slice('seer-sandbox-'.length).split('-')[0]);
    if (!owner || existsSync(`/proc/${owner}`)) continue; // old unnamed layout or live owner: keep
    rmSync(join('/tmp', n), { recursive: true, force: true });
  }
}

function exportSeccomp(pythonPath: string, runtimeDir: string, dir: string, stage: string): string {
  const out = join(dir, `${stage}.bpf`);
  const r = spawnSync(
    pythonPath,
    ['-I', '-B', join(runtimeDir, 'seer/runtime/seccomp_profile.py'), stage, out],
    {
      env: {},
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) {
    throw new SandboxError('sandbox_unavailable', `cannot build the seccomp filter: ${r.stderr}`);
  }
  return out;
}
