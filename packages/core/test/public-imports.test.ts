/**
 * Issue 8 item 7: each domain of @seer/core has a public index, other packages import it (the
 * codemod tools/codemods/core-public-imports.mjs rewrites deep imports), and each workspace
 * package declares the packages it imports.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const CODEMOD = path.join(ROOT, 'tools/codemods/core-public-imports.mjs');
const HAS_TS_API = existsSync(path.join(ROOT, 'tools/depcruise/node_modules/typescript/package.json'));

function sourceFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx|mts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The bare package names a file imports (static, dynamic, re-exports), without subpaths. */
function importedPackages(text: string): string[] {
  const names = new Set<string>();
  const statics = /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s*)?['"]([^'"]+)['"]/gm;
  const dynamics = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of [...text.matchAll(statics), ...text.matchAll(dynamics)]) {
    const spec = m[1] ?? '';
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) continue;
    const parts = spec.split('/');
    const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
    if (builtinModules.includes(name)) continue;
    names.add(name);
  }
  return [...names];
}

describe('each workspace package declares what it imports', { timeout: 120_000 }, () => {
  const workspaces = ['packages', 'apps'].flatMap((d) =>
    readdirSync(path.join(ROOT, d))
      .map((n) => path.join(ROOT, d, n))
      .filter((p) => existsSync(path.join(p, 'package.json'))),
  );

  it('finds the workspaces and reads imports the way the check needs', () => {
    expect(workspaces.map((w) => path.relative(ROOT, w))).toEqual(
      expect.arrayContaining(['packages/core', 'packages/sandbox', 'apps/api', 'apps/worker', 'apps/seerd']),
    );
    expect(
      importedPackages(
        "import a from 'pg';\nimport { b } from '@seer/core/market';\nconst c = await import('kysely');\nimport 'node:fs';\nimport './x';\nexport { d } from '@fastify/cors/types';\nimport path from 'path';",
      ).sort(),
    ).toEqual(['@fastify/cors', '@seer/core', 'kysely', 'pg']);
  });

  for (const ws of workspaces) {
    const rel = path.relative(ROOT, ws);
    it(`${rel}: shipped code imports only dependencies, tests also devDependencies`, () => {
      const pkg = JSON.parse(readFileSync(path.join(ws, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      const deps = new Set([
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}),
      ]);
      const devDeps = new Set(Object.keys(pkg.devDependencies ?? {}));
      const missing: string[] = [];
      for (const file of sourceFiles(ws)) {
        // tests, test helpers and build scripts may use devDependencies
        const inTests = /(\.test\.tsx?$|\/test\/|\/testing\/|\/scripts\/|\.config\.ts$)/.test(file);
        for (const name of importedPackages(readFileSync(file, 'utf8'))) {
          if (name === pkg.name || deps.has(name) || (inTests && devDeps.has(name))) continue;
          missing.push(`${path.relative(ROOT, file)} imports ${name}`);
        }
      }
      expect(missing).toEqual([]);
    });
  }
});

// Each case spawns the codemod (TypeScript's checker) a few times: slow on a loaded machine.
describe('tools/codemods/core-public-imports.mjs', { skip: !HAS_TS_API, timeout: 300_000 }, () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function fixture(files: Record<string, string>): string {
    dir = mkdtempSync(path.join(tmpdir(), 'seer-codemod-'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  }
  const run = (root: string, ...args: string[]) =>
    spawnSync(process.execPath, [CODEMOD, '--root', root, ...args], { encoding: 'utf8' });
  const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');

  const CORE = {
    'packages/core/package.json': JSON.stringify({ name: '@seer/core', exports: { './*': './src/*.ts' } }),
    'packages/core/src/market/bar.ts': 'export interface Bar { ts: Date; close: number }\n',
    'packages/core/src/market/intervals.ts':
      "export type Interval = '1h' | '1d';\nexport function intervalMs(i: Interval): number { return i === '1h' ? 1 : 24; }\n",
    'packages/core/src/market/other.ts': 'export const intervalMs = 3;\n',
    'packages/core/src/registry/manifest.ts':
      "export { type Interval } from '../market/intervals';\nexport const CAPS = { max: 1 };\n",
    'packages/core/src/db/local.ts':
      'export function start(): number { return 1; }\nexport const NAME = "x";\n',
  };

  it('rewrites deep imports to the domain index, adds the names (types as types) and the exports entry', () => {
    const root = fixture({
      ...CORE,
      'apps/a/src/x.ts': [
        "import type { Bar } from '@seer/core/market/bar';",
        "import { type Interval, intervalMs } from '@seer/core/market/intervals';",
        "import { CAPS as caps } from '@seer/core/registry/manifest';",
        "export type { Interval as I2 } from '@seer/core/registry/manifest';",
        'export async function f(b: Bar, i: Interval) {',
        "  const local = await import('@seer/core/db/local');",
        '  return b.close + intervalMs(i) + caps.max + local.start();',
        '}',
        '',
      ].join('\n'),
    });
    const r = run(root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const x = read('apps/a/src/x.ts');
    expect(x).not.toMatch(/@seer\/core\/(market|registry|db)\//);
    expect(x).toContain("from '@seer/core/market'");
    expect(x).toContain("from '@seer/core/registry'");
    expect(x).toContain("await import('@seer/core/db')");
    const market = read('packages/core/src/market/index.ts');
    expect(market).toMatch(/export type \{ Bar \} from '\.\/bar';/);
    expect(market).toMatch(/export type \{ Interval \} from '\.\/intervals';/);
    expect(market).toMatch(/export \{ intervalMs \} from '\.\/intervals';/);
    expect(market).not.toContain('./other');
    expect(read('packages/core/src/registry/index.ts')).toMatch(/export \{ CAPS \} from '\.\/manifest';/);
    expect(read('packages/core/src/db/index.ts')).toMatch(/export \{ start \} from '\.\/local';/);
    const exportsField = JSON.parse(read('packages/core/package.json')).exports as Record<string, string>;
    expect(exportsField['./market']).toBe('./src/market/index.ts');
    expect(Object.keys(exportsField).at(-1)).toBe('./*');
    // A second run finds nothing left and changes nothing.
    expect(run(root, '--check').status).toBe(0);
    const again = run(root);
    expect(again.stdout).toMatch(/^core-public-imports: 0 deep import/);
    expect(read('apps/a/src/x.ts')).toBe(x);
  });

  it('reports what it cannot rewrite and leaves it alone; --check fails while deep imports remain', () => {
    const root = fixture({
      ...CORE,
      'packages/core/src/market/index.ts': "export { intervalMs } from './intervals';\n",
      'apps/a/src/y.ts': [
        "import '@seer/core/market/bar';",
        "import * as m from '@seer/core/market/intervals';",
        "import { intervalMs } from '@seer/core/market/other';",
        "import { nothing } from '@seer/core/market/intervals';",
        "import { CAPS } from '@seer/core/registry/manifest';",
        "export const z = m.intervalMs('1h') + intervalMs + CAPS.max + (nothing as number);",
        "export const w = import('@seer/core/db/local').then((l) => l.NAME);",
        '',
      ].join('\n'),
    });
    const check = run(root, '--check');
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('apps/a/src/y.ts:5: deep import @seer/core/registry/manifest');
    expect(read('apps/a/src/y.ts')).toContain("'@seer/core/registry/manifest'"); // --check writes nothing

    const r = run(root);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('apps/a/src/y.ts:1: side-effect import of @seer/core/market/bar');
    expect(r.stdout).toContain('apps/a/src/y.ts:2: namespace import of @seer/core/market/intervals');
    expect(r.stdout).toMatch(
      /y\.ts:3: .*'intervalMs' is exported by the market index from \.\/intervals, not \.\/other/,
    );
    expect(r.stdout).toMatch(/y\.ts:4: .*exports no 'nothing'/);
    expect(r.stdout).toMatch(/y\.ts:7: dynamic import\(\) of @seer\/core\/db\/local: not rewritten/);
    const y = read('apps/a/src/y.ts');
    expect(y).toContain("import '@seer/core/market/bar';");
    expect(y).toContain("from '@seer/core/market/other'");
    expect(y).toContain("import { CAPS } from '@seer/core/registry';"); // the one it could rewrite
  });

  it('leaves this repository with no deep import of @seer/core once "./*" is gone', () => {
    const exportsField = JSON.parse(readFileSync(path.join(ROOT, 'packages/core/package.json'), 'utf8'))
      .exports as Record<string, string>;
    for (const d of readdirSync(path.join(ROOT, 'packages/core/src'))) {
      if (statSync(path.join(ROOT, 'packages/core/src', d)).isDirectory())
        expect(exportsField[`./${d}`], `exports lists ./${d}`).toBe(`./src/${d}/index.ts`);
    }
    if (Object.hasOwn(exportsField, './*')) return; // not enforced yet: parallel branches still merge
    execFileSync(process.execPath, [CODEMOD, '--check'], { encoding: 'utf8' });
  });
});
