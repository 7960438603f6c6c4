import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDataBroker } from './broker/data-broker';
import { CGROUP_ROOT, cgroupsAvailable, sweepStaleCgroups } from './host/cgroup';
import { checkSandboxHost, formatHostCheck } from './host/check';
import { type Jail, type JailConfig, startJail } from './host/jail';
import { type RunChannel, runSession } from './host/session';
import { createTreeStore, type StagedTree } from './host/store';
import { type ForkTemplate, startForkTemplate } from './host/template';
import { createUidPool, DEFAULT_UID_RANGE, sharedUid, type UidPool, type UidRange } from './host/uids';
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
  /**
   * One fixed unprivileged host uid/gid shared by every jail (tests; or an operator without a
   * free uid range). Without it each jail gets a uid of its own from `uidRange`.
   */
  uid?: number;
  gid?: number;
  /** Range of host uids handed out one per jail (SANDBOX_UID_RANGE; default DEFAULT_UID_RANGE). */
  uidRange?: UidRange;
  /** Folder of the cross-process uid locks (default /run/seer-sandbox-uids as root). */
  uidLockDir?: string;
  /**
   * Host directory with the `seer` Python package (default: the repo's python/). It is copied
   * into the sandbox's own store at start-up, so its location and modes do not matter.
   */
  runtimeDir?: string;
  /** Use per-run cgroups when the host allows (default true). */
  cgroups?: boolean;
  /**
   * Refuse to start when the host gives no per-run cgroups (a production worker, unless the
   * operator sets SANDBOX_ALLOW_NO_CGROUPS=true).
   */
  requireCgroups?: boolean;
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
  // Runtime and cold-path packages are mounted from copies the host owns (see host/store.ts).
  const store = createTreeStore(join(workDir, 'store'), {
    maxBytes: caps.maxPackageBytes,
    maxEntries: MAX_PACKAGE_ENTRIES,
  });
  let runtime: StagedTree;
  try {
    runtime = store.stage(runtimeDir, 'runtime');
  } catch (e) {
    rmSync(workDir, { recursive: true, force: true });
    throw new SandboxError(
      'sandbox_unavailable',
      `cannot stage the runtime ${runtimeDir}: ${(e as Error).message}`,
    );
  }
  const seccompFile = exportSeccomp(pythonPath, runtime.dir, workDir, 'stage1');
  const cfg: JailConfig = {
    pythonPath,
    runtimeDir: runtime.dir,
    seccompFile,
    uid: opts.uid ?? 65534,
    gid: opts.gid ?? opts.uid ?? 65534,
    cgroups: (opts.cgroups ?? true) && cgroupsAvailable(),
  };
  if (opts.requireCgroups && !cfg.cgroups) {
    rmSync(workDir, { recursive: true, force: true });
    throw new SandboxError(
      'sandbox_unavailable',
      `no per-run cgroups on this host (${CGROUP_ROOT} has no writable v1 memory/pids/cpu hierarchies and no v2 tree with the memory, pids and cpu controllers, or this process may not create cgroups there): every run would share the host's limits. Run the worker as root on a host with cgroups (a Kubernetes pod needs a writable cgroup), or set SANDBOX_ALLOW_NO_CGROUPS=true to run with rlimits only.`,
    );
  }
  const strategy = opts.strategy ?? 'cold';
  const concurrency = Math.max(1, opts.concurrency ?? cpus().length);
  let uids: UidPool;
  try {
    uids =
      opts.uid !== undefined
        ? sharedUid(opts.uid)
        : createUidPool(opts.uidRange ?? DEFAULT_UID_RANGE, opts.uidLockDir);
    // Every jail alive at once needs its own uid: runs, warm jails, the template.
    const needed = concurrency + (strategy === 'pool' ? (opts.poolSize ?? concurrency) : 0) + 1;
    if (uids.perRun && uids.range.count < needed)
      throw new SandboxError(
        'sandbox_unavailable',
        `the sandbox uid range has ${uids.range.count} uids; this sandbox needs at least ${needed} (SANDBOX_UID_RANGE)`,
      );
  } catch (e) {
    rmSync(workDir, { recursive: true, force: true });
    throw e;
  }
  /** The jail config for a jail of its own uid (release it when the jail is gone). */
  const jailCfg = (): JailConfig => {
    if (!uids.perRun) return cfg;
    const uid = uids.acquire();
    return { ...cfg, uid, gid: uid, ownUid: true };
  };
  if (cfg.cgroups) sweepStaleCgroups();
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
  const jailUid = new Map<RunChannel, number>();
  const startOwnJail = (spec: Parameters<typeof startJail>[1]): Jail => {
    const c = jailCfg();
    try {
      const j = startJail(c, spec);
      if (c.ownUid) jailUid.set(j, c.uid);
      return j;
    } catch (e) {
      if (c.ownUid) uids.release(c.uid);
      throw e;
    }
  };
  /** Give the jail's uid back once nothing of the jail is left. */
  const releaseUid = (ch: RunChannel) => {
    const uid = jailUid.get(ch);
    if (uid === undefined) return;
    jailUid.delete(ch);
    uids.release(uid);
  };
  const fillPool = () => {
    if (strategy !== 'pool' || closed) return;
    while (pool.length < (opts.poolSize ?? concurrency)) pool.push(startOwnJail({ limits: poolLimits }));
  };
  fillPool();

  let template: ForkTemplate | null = null;
  let templateUid: number | null = null;
  let templateStarting: Promise<ForkTemplate> | null = null;
  let templateSeq = 0;
  /** The fork template, restarted if it died (a fresh channel directory each time). */
  const getTemplate = async (): Promise<ForkTemplate> => {
    if (template?.alive()) return template;
    if (!templateStarting) {
      const old = template;
      templateStarting = (async () => {
        await old?.close();
        if (templateUid !== null) uids.release(templateUid);
        templateUid = null;
        // The template's uid is shared by the runs it forks; their processes are bounded by
        // each run's own cgroup (pids.max), which is why production requires cgroups.
        const tcfg = jailCfg();
        if (tcfg.ownUid) templateUid = tcfg.uid;
        const templateSeccomp = exportSeccomp(pythonPath, runtime.dir, workDir, 'template');
        // Root-owned: the jail uid may traverse it (0711) but never create, list or swap entries.
        const chanDir = join(workDir, `chan${templateSeq++}`);
        mkdirSync(chanDir, { mode: 0o711 });
        chmodSync(chanDir, 0o711);
        try {
          return await startForkTemplate(
            { ...tcfg, ownUid: false, seccompFile: templateSeccomp },
            {
              chanDir,
              caps,
              preimport: (opts.preimport ?? []).filter((m) => /^[A-Za-z_][\w.]*$/.test(m)),
              startTimeoutMs: opts.templateStartTimeoutMs,
            },
          );
        } catch (e) {
          if (templateUid !== null) uids.release(templateUid);
          templateUid = null;
          throw e;
        }
      })().finally(() => {
        templateStarting = null;
      });
      template = await templateStarting;
      return template;
    }
    return templateStarting;
  };
  if (strategy === 'fork') {
    try {
      await getTemplate();
    } catch (e) {
      rmSync(workDir, { recursive: true, force: true });
      throw e;
    }
  }

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
    let staged: StagedTree | null = null;
    if (strategy === 'cold') {
      try {
        staged = store.stage(req.packageDir, 'pkg');
        ch = startOwnJail({ limits, packageDir: staged.dir });
      } catch (e) {
        staged?.release();
        if (e instanceof SandboxError) return failure(e.code, e.message);
        return failure('sandbox_unavailable', `cannot stage the package: ${(e as Error).message}`);
      }
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
          releaseUid(jail);
          jail = pool.shift();
        }
        jail ??= startOwnJail({ limits: poolLimits });
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
      staged?.release();
      if (jailUid.has(ch)) {
        await ch.exited; // bwrap's pid 1 is gone, so is every process of the uid
        releaseUid(ch);
      }
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
        releaseUid(j);
      }
      await template?.close();
      if (templateUid !== null) uids.release(templateUid);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

const WORK_PREFIX = '/tmp/seer-sandbox-';
/** Files and folders a package may have on the cold path (the registry caps uploads lower). */
const MAX_PACKAGE_ENTRIES = 100_000;

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
