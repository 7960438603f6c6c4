/**
 * The playback view's frame rate while playing a year of hourly data (8,760 bars) in headless
 * Chromium: builds bench/web/fps (the real PlaybackChart with synthetic columns) with Vite, serves
 * it, presses Play at a given speed and counts requestAnimationFrame callbacks in the page.
 *
 *   node --import tsx bench/web/playback-fps.ts [--write]   (--write: update bench/web/RESULTS.md)
 * Needs Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Below this many frames per second while playing, the view is not smooth. */
export const FPS_BUDGET = 30;
const MARK = '<!-- playback-fps -->';

export interface FpsRun {
  speed: number;
  seconds: number;
  frames: number;
  fps: number;
  p95FrameMs: number;
  maxFrameMs: number;
  longFrames: number;
  barsPlayed: number;
}

async function buildHarness(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: path.join(here, 'fps'),
      configFile: false,
      mode: 'production',
      logLevel: 'silent',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = createServer((req, res) => {
    const rel = (req.url ?? '/').split('?')[0] ?? '/';
    const file = path.join(
      dir,
      rel === '/' ? 'index.html' : path.normalize(rel).replace(/^(\.\.[/\\])+/, ''),
    );
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

export async function measurePlaybackFps({
  speeds = [64, 256],
  seconds = 10,
}: {
  speeds?: number[];
  seconds?: number;
} = {}): Promise<FpsRun[]> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'seer-web-fps-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-dev-shm-usage'] });
  try {
    await buildHarness(outDir);
    const server = await serve(outDir);
    const runs: FpsRun[] = [];
    try {
      for (const speed of speeds) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
        await page.goto(server.url);
        const play = page.getByRole('button', { name: 'Play' });
        await play.waitFor({ timeout: 60_000 });
        await page.getByLabel('Speed').selectOption(String(speed));
        // Start from the first bar: Play at the end of the range rewinds.
        await play.click();
        // A string, not a function: tsx would wrap named functions in a helper the page lacks.
        const result = (await page.evaluate(`(async () => {
          const slider = document.querySelector('.playback-seek input');
          const startBar = Number(slider ? slider.value : 0);
          const stamps = [];
          await new Promise((resolve) => {
            const t0 = performance.now();
            const tick = (now) => {
              stamps.push(now);
              if (now - t0 < ${seconds * 1000}) requestAnimationFrame(tick);
              else resolve();
            };
            requestAnimationFrame(tick);
          });
          return { stamps, bars: Number(slider ? slider.value : 0) - startBar };
        })()`)) as { stamps: number[]; bars: number };
        await page.getByRole('button', { name: 'Pause' }).click();
        const gaps = result.stamps.slice(1).map((t, i) => t - (result.stamps[i] as number));
        const sorted = [...gaps].sort((a, b) => a - b);
        const elapsed = ((result.stamps.at(-1) ?? 0) - (result.stamps[0] ?? 0)) / 1000;
        runs.push({
          speed,
          seconds: Number(elapsed.toFixed(2)),
          frames: gaps.length,
          fps: Number((gaps.length / elapsed).toFixed(1)),
          p95FrameMs: Number((sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(1)),
          maxFrameMs: Number((sorted.at(-1) ?? 0).toFixed(1)),
          longFrames: gaps.filter((g) => g > 50).length,
          barsPlayed: result.bars,
        });
        await page.close();
      }
    } finally {
      await server.close();
    }
    return runs;
  } finally {
    await browser.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const load1 = loadavg()[0] ?? 0;
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const runs = await measurePlaybackFps();
  const cpu = cpus();
  const lines = [
    MARK,
    '',
    '# Playback frame rate',
    '',
    `Produced by \`node --import tsx bench/web/playback-fps.ts --write\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC:`,
    `headless Debian Chromium (\`/usr/bin/chromium\`, software rendering), 1280x860, the real \`PlaybackChart\``,
    'with a year of synthetic hourly bars (8,760, a prediction and an outcome on each), playing from the first bar.',
    `Machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}; load average before the run ${load} (1/5/15 min) —`,
    // A load average above the core count means the page competed for CPU: say so beside the figures.
    load1 > cpu.length
      ? 'a machine busy with other work (more runnable processes than cores), so these are figures under load.'
      : 'an otherwise idle machine.',
    '',
    '| speed (bars/s) | measured (s) | frames | fps | p95 frame (ms) | max frame (ms) | frames > 50 ms | bars played |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map(
      (r) =>
        `| ${r.speed} | ${r.seconds} | ${r.frames} | ${r.fps} | ${r.p95FrameMs} | ${r.maxFrameMs} | ${r.longFrames} | ${r.barsPlayed} |`,
    ),
    '',
    `Budget: at least ${FPS_BUDGET} frames per second while playing. Within budget: ${
      runs.every((r) => r.fps >= FPS_BUDGET) ? 'yes' : 'NO'
    }. Frame rate is measured, not asserted in tests (it depends on the machine's load).`,
    '',
    'Reading: the player advances by elapsed time, several bars per frame when frames are slow, so',
    '"bars played" stays near speed x seconds (playback keeps its schedule). Chromium renders in',
    'software here (no GPU), so the frame rate is bounded by the CPU it gets: judge the view against',
    'the budget only on a run whose load average is below the core count.',
    '',
  ];
  console.log(lines.join('\n'));
  if (process.argv.includes('--write')) {
    const file = path.join(here, 'RESULTS.md');
    const current = readFileSync(file, 'utf8');
    const i = current.indexOf(MARK);
    const head = i >= 0 ? current.slice(0, i) : `${current.trimEnd()}\n\n`;
    writeFileSync(file, head + lines.join('\n'));
    writeFileSync(
      path.join(here, 'fps-results.json'),
      `${JSON.stringify({ budget: FPS_BUDGET, load, runs }, null, 2)}\n`,
    );
  }
}
