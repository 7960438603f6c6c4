/**
 * Web UI bundle budget: builds apps/web with Vite into a temporary folder and measures what a
 * first visit downloads (index.html's entry script and stylesheet, gzipped) and the chunks
 * loaded later (the chart library, with the playback view). Fails over budget.
 *
 *   node --import tsx bench/web/bundle.ts [--write]   (--write: update bench/web/RESULTS.md and results.json)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB = path.resolve(here, '../../apps/web');

/** Budgets in gzipped bytes. */
export const BUDGET = { entryJs: 150 * 1024, entryCss: 10 * 1024 };

export interface BundleReport {
  entryJs: { file: string; bytes: number; gzip: number };
  entryCss: { file: string; bytes: number; gzip: number };
  lazy: { file: string; bytes: number; gzip: number }[];
  withinBudget: boolean;
}

export async function measureBundle(): Promise<BundleReport> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(path.join(tmpdir(), 'seer-web-bundle-'));
  // A production build even under vitest (which sets NODE_ENV=test, selecting React's dev build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: WEB,
      mode: 'production',
      configFile: path.join(WEB, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir },
    });
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const js = /<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    const css = /<link rel="stylesheet" crossorigin href="\/(assets\/[^"]+\.css)"/.exec(html)?.[1];
    if (!js || !css) throw new Error('entry script or stylesheet not found in index.html');
    const size = (rel: string) => {
      const buf = readFileSync(path.join(outDir, rel));
      return {
        file: rel.replace(/-[\w-]{8}\./, '.'),
        bytes: buf.length,
        gzip: gzipSync(buf, { level: 9 }).length,
      };
    };
    const entryJs = size(js);
    const entryCss = size(css);
    const lazy = readdirSync(path.join(outDir, 'assets'))
      .map((f) => `assets/${f}`)
      .filter((f) => f.endsWith('.js') && f !== js)
      .map(size);
    const withinBudget = entryJs.gzip <= BUDGET.entryJs && entryCss.gzip <= BUDGET.entryCss;
    return { entryJs, entryCss, lazy, withinBudget };
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(outDir, { recursive: true, force: true });
  }
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const report = await measureBundle();
  const lines = [
    '# Web UI bundle',
    '',
    `Produced by \`node --import tsx bench/web/bundle.ts --write\` on ${new Date().toISOString().slice(0, 10)} (Vite production build of apps/web; gzip level 9).`,
    '',
    '| asset | loaded | raw | gzipped | budget (gzipped) |',
    '| --- | --- | --- | --- | --- |',
    `| ${report.entryJs.file} | every page | ${kib(report.entryJs.bytes)} | ${kib(report.entryJs.gzip)} | ${kib(BUDGET.entryJs)} |`,
    `| ${report.entryCss.file} | every page | ${kib(report.entryCss.bytes)} | ${kib(report.entryCss.gzip)} | ${kib(BUDGET.entryCss)} |`,
    ...report.lazy.map((l) => `| ${l.file} | on demand | ${kib(l.bytes)} | ${kib(l.gzip)} | — |`),
    '',
    'The entry bundle is React 19, react-router, TanStack Query, openapi-fetch and every screen.',
    'lightweight-charts (the playback chart) is split out and loaded only when a chart is shown.',
    `Within budget: ${report.withinBudget ? 'yes' : 'NO'}. \`apps/web/test/bundle-budget.test.ts\` fails over budget.`,
    '',
  ];
  console.log(lines.join('\n'));
  if (process.argv.includes('--write')) {
    // Keep the playback frame-rate section (bench/web/playback-fps.ts writes it after its marker).
    const file = path.join(here, 'RESULTS.md');
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const mark = current.indexOf('<!-- playback-fps -->');
    writeFileSync(file, lines.join('\n') + (mark >= 0 ? `\n${current.slice(mark)}` : ''));
    writeFileSync(
      path.join(here, 'results.json'),
      `${JSON.stringify({ budget: BUDGET, ...report }, null, 2)}\n`,
    );
  }
  process.exit(report.withinBudget ? 0 : 1);
}
