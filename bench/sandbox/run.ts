/**
 * Sandbox benchmark: bare python3 vs cold jail vs warm pool vs fork template, side by side,
 * plus the top-of-the-hour throughput figure (1,000 simple models).
 *
 *   node --import tsx bench/sandbox/run.ts [--runs 15] [--burst 1000] [--out bench/sandbox/RESULTS.md]
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import {
  createBwrapSandbox,
  readManifest,
  type Sandbox,
  type SandboxStrategy,
} from '../../packages/sandbox/src/index';
import { AS_OF, SOURCE } from '../../packages/sandbox/test/helpers';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    burst: { type: 'string', default: '1000' },
    'cold-burst': { type: 'string', default: '100' },
    out: { type: 'string', default: new URL('./RESULTS.md', import.meta.url).pathname },
  },
});
const RUNS = Number(values.runs);
const BURST = Number(values.burst);
const COLD_BURST = Number(values['cold-burst']);
const MODEL_DIR = new URL('./models/simple', import.meta.url).pathname;
const { name: _n, version: _v, ...MANIFEST } = readManifest(MODEL_DIR);

// The same imports and work as the simple model, without any sandbox.
const BARE = `import numpy as np, pandas as pd
close = pd.Series(100 + np.cumsum(np.sin(np.arange(48))), index=pd.date_range('2026-01-01', periods=48, freq='h', tz='UTC'))
print(float(close.iloc[-1] / close.rolling(24).mean().iloc[-1] - 1))`;

const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
/** CPU (ms) of all reaped descendants of this process. */
function childCpuMs(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / TICK; // cutime + cstime
}
/** Busy CPU (ms) of the whole machine. */
function systemBusyMs(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return ((f.reduce((a, b) => a + b, 0) - idle) * 1000) / TICK;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function bareOnce(): Promise<{ wall: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const c0 = childCpuMs();
    const t0 = performance.now();
    const p = spawn('/usr/bin/python3', ['-I', '-B', '-c', BARE], {
      env: { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    p.on('exit', (code) => {
      if (code !== 0) reject(new Error(`bare python exited ${code}`));
      else resolve({ wall: performance.now() - t0, cpu: childCpuMs() - c0 });
    });
  });
}

async function sandboxOnce(sb: Sandbox): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const r = await sb.run({
    packageDir: MODEL_DIR,
    manifest: MANIFEST,
    asOf: AS_OF,
    mode: 'live',
    source: SOURCE,
  });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return { wall: performance.now() - t0, cpu: r.usage.cpuMs ?? Number.NaN };
}

interface Row {
  name: string;
  wall: number[];
  cpu: number[];
  note: string;
}
const rows: Row[] = [];

interface Burst {
  name: string;
  n: number;
  concurrency: number;
  wallMs: number;
  busyMs: number;
  /** Run CPU (cgroup / child rusage) + this Node process's CPU. */
  ownMs: number;
  load: string;
  failures: number;
}
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 1).join('');
const bursts: Burst[] = [];
/** `cpuFrom`: 'runs' sums each run's cgroup CPU; 'children' takes this process's reaped-children CPU over the burst. */
async function burst(
  name: string,
  n: number,
  concurrency: number,
  one: () => Promise<{ cpu: number }>,
  cpuFrom: 'runs' | 'children' = 'runs',
) {
  let next = 0;
  let failures = 0;
  let runCpu = 0;
  const load0 = loadavg();
  const b0 = systemBusyMs();
  const n0 = process.cpuUsage();
  const c0 = childCpuMs();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        await one()
          .then((r) => {
            runCpu += r.cpu;
          })
          .catch(() => failures++);
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const nodeCpu = process.cpuUsage(n0);
  const ownMs = (cpuFrom === 'runs' ? runCpu : childCpuMs() - c0) + (nodeCpu.user + nodeCpu.system) / 1000;
  bursts.push({
    name,
    n,
    concurrency,
    wallMs,
    busyMs: systemBusyMs() - b0,
    ownMs,
    load: `${load0} -> ${loadavg()}`,
    failures,
  });
  console.error(`${name}: ${n} runs in ${(wallMs / 1000).toFixed(1)} s (${failures} failures)`);
}

const N = cpus().length;
const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
{
  // Latency: the four paths interleaved round-robin, so background load hits them equally.
  const paths: Array<[string, SandboxStrategy | null]> = [
    ['bare /usr/bin/python3 (same imports + work, no sandbox)', null],
    ['cold jail (bwrap + seccomp + rlimits + cgroup, fresh per run)', 'cold'],
    ['warm pool (pre-started jail, imports done, used once)', 'pool'],
    ['fork template (pre-imported, fresh nested jail per run)', 'fork'],
  ];
  const sandboxes = new Map<SandboxStrategy, Sandbox>();
  for (const [, s] of paths)
    if (s) sandboxes.set(s, await createBwrapSandbox({ strategy: s, poolSize: 1, concurrency: 1 }));
  const once = (s: SandboxStrategy | null) => (s ? sandboxOnce(sandboxes.get(s)!) : bareOnce());
  const samples = paths.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  await sleep(1500);
  for (let i = -1; i < RUNS; i++) {
    for (const [k, [, s]] of paths.entries()) {
      const r = await once(s);
      if (i >= 0) {
        samples[k]!.wall.push(r.wall);
        samples[k]!.cpu.push(r.cpu);
      }
    }
    await sleep(1500); // let the pool start its next warm jail
  }
  for (const [k, [name, s]] of paths.entries()) {
    rows.push({ name, wall: samples[k]!.wall, cpu: samples[k]!.cpu, note: s ?? 'baseline' });
    console.error(
      `${name}: wall median ${median(samples[k]!.wall).toFixed(1)} ms, cpu median ${median(samples[k]!.cpu).toFixed(0)} ms`,
    );
  }
  for (const sb of sandboxes.values()) await sb.close();
}

await burst(`bare python3, ${COLD_BURST} runs`, COLD_BURST, N, bareOnce, 'children');
{
  const sb = await createBwrapSandbox({ strategy: 'cold', concurrency: N });
  await burst(`cold jail, ${COLD_BURST} runs`, COLD_BURST, N, () => sandboxOnce(sb));
  await sb.close();
}
for (const conc of [N, 2 * N]) {
  const sb = await createBwrapSandbox({ strategy: 'fork', concurrency: conc });
  await sleep(1500);
  await burst(`fork template, ${BURST} runs`, BURST, conc, () => sandboxOnce(sb));
  await sb.close();
}

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' }).trim();
const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
const pyv = sh('/usr/bin/python3', [
  '-c',
  'import sys,numpy,pandas;print(sys.version.split()[0], numpy.__version__, pandas.__version__)',
]).split(' ');
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : 'n/a');
let md = `# Sandbox benchmark results

Produced by \`node --import tsx bench/sandbox/run.ts\` (runs=${RUNS}, burst=${BURST}); numbers are from one run of
the script on the machine below, all measured side by side in that run.

## Machine

| | |
| --- | --- |
| date | ${new Date().toISOString()} |
| \`nproc\` | ${sh('nproc', [])} |
| \`uname -r\` | ${sh('uname', ['-r'])} |
| CPU | ${cpuModel} |
| bubblewrap | ${sh('bwrap', ['--version'])} |
| runtime | /usr/bin/python3 ${pyv[0]}, numpy ${pyv[1]}, pandas ${pyv[2]} |
| cgroups | v1 (memory, pids, cpu, cpuacct) per run |
| load average at start | ${loadAtStart} (the machine is shared with other work; see the load column below) |

The model (\`bench/sandbox/models/simple\`): one symbol, reads 48 hourly bars through the data broker,
returns close / 24-bar rolling mean - 1. The bare baseline does the same imports and the same pandas work
on generated data, with no sandbox and no broker.

## Latency (sequential, one at a time)

Wall = from the caller's request to the validated result. CPU = the run's cgroup (cpuacct) for sandboxed
runs, the reaped child's rusage for bare python. The four paths run interleaved (bare, cold, pool,
fork, pause 1.5 s, repeat) so background load affects them alike. The warm pool is measured with a
warm jail ready; its CPU includes the jail's start-up and imports, paid before the request.

| path | wall median (ms) | wall p95 (ms) | CPU median (ms) |
| --- | ---: | ---: | ---: |
`;
for (const r of rows)
  md += `| ${r.name} | ${fmt(median(r.wall))} | ${fmt(p95(r.wall))} | ${fmt(median(r.cpu))} |\n`;
md += `
## Throughput (top of the hour: every model due at once)

Run CPU = the runs' own CPU (cgroup cpuacct, or rusage for bare python) plus the Node host process's
CPU (frames, broker, spawning). Machine busy = all non-idle CPU on the machine during the burst
(/proc/stat, ${N} cores): it includes anything else running on the box (see the load average).

| burst | concurrency | runs | wall (s) | runs/s | run CPU per run (ms) | machine busy per run (ms) | load avg before -> after | failures | wall per 1,000 runs (s) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |
`;
for (const b of bursts) {
  const cells = [
    b.name,
    b.concurrency,
    b.n,
    (b.wallMs / 1000).toFixed(1),
    (b.n / (b.wallMs / 1000)).toFixed(1),
    fmt(b.ownMs / b.n),
    fmt(b.busyMs / b.n),
    b.load,
    b.failures,
    (b.wallMs / b.n).toFixed(0),
  ];
  md += `| ${cells.join(' | ')} |\n`;
}
const best = bursts.filter((b) => b.name.startsWith('fork')).sort((a, b) => a.wallMs - b.wallMs)[0];
if (best) {
  md +=
    best.n >= 1000
      ? `\n**${best.n} simple models: ${(best.wallMs / 1000).toFixed(1)} s** on the fork-template path (concurrency ${best.concurrency}), target <= 60 s.\n`
      : `\nProjected for 1,000 simple models: ${(((best.wallMs / best.n) * 1000) / 1000).toFixed(0)} s (measured ${best.n}).\n`;
}
for (const b of bursts.filter((x) => x.name.startsWith('fork'))) {
  const cpuPerRun = b.ownMs / b.n;
  md += `\nFork template at concurrency ${b.concurrency}: ${fmt(cpuPerRun)} ms of CPU per run (runs + host) means 1,000 runs need ${((cpuPerRun * 1000) / 1000).toFixed(0)} s of CPU, i.e. a floor of ${((cpuPerRun * 1000) / 1000 / N).toFixed(0)} s of wall on ${N} otherwise idle cores.\n`;
}
writeFileSync(values.out!, md);
console.log(md);
