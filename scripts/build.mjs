#!/usr/bin/env node
/**
 * Builds bin/seerd's JavaScript: one esbuild bundle of apps/seerd/src/main.ts and the workspace
 * packages it imports (@seer/*), at dist/seerd/main.mjs. npm dependencies stay external (native
 * modules, PGlite's wasm and BullMQ's Lua scripts load from node_modules as usual), so start-up
 * never transpiles TypeScript.
 *
 * Source files that locate data beside themselves (`import.meta.url`: migrations, the Python
 * harness, demo data, examples) keep doing so: each such use is rewritten to the source file's
 * URL, relative to the bundle, so the bundle still finds packages/core/migrations and friends.
 *
 * The output is written to a temporary name and renamed, so a process starting meanwhile never
 * sees half a file and two builds at once are harmless. `--quiet` prints nothing on success.
 * bin/seerd runs this by itself when a TypeScript source is newer than the bundle.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'seerd');
const outFile = path.join(outDir, 'main.mjs');
const quiet = process.argv.includes('--quiet');
const started = Date.now();
const entry = path.join(root, 'apps/seerd/src/main.ts');

/** Bare imports other than the workspace's own @seer/* packages stay imports of node_modules. */
const externalNpm = {
  name: 'external-npm',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@seer/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** `import.meta.url` in a source file -> that source file's URL, resolved from the bundle. */
const keepSourceUrls = {
  name: 'keep-source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      // main.ts looks for the command table beside the bundle itself.
      if (args.path === entry) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = path.relative(outDir, args.path).split(path.sep).join('/');
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
};

/**
 * Writes the chunks (content-hashed names: new ones never replace files a running process reads),
 * then the entry under a temporary name renamed into place, then removes chunks of old builds.
 */
function writeOutput(files) {
  mkdirSync(outDir, { recursive: true });
  const keep = new Set();
  let entryFile;
  for (const f of files) {
    keep.add(path.basename(f.path));
    if (f.path === outFile) entryFile = f;
    else if (!path.basename(f.path).startsWith('chunk-') || !existsSync(f.path))
      writeAtomic(f.path, f.contents);
  }
  writeAtomic(outFile, entryFile.contents);
  const hour = 60 * 60_000;
  for (const name of readdirSync(outDir)) {
    if (!name.startsWith('chunk-') || keep.has(name)) continue;
    const file = path.join(outDir, name);
    // A process started from the previous build may still import its chunks for a while.
    if (Date.now() - statSync(file).mtimeMs > hour) rmSync(file, { force: true });
  }
}

function writeAtomic(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/** Each command file is an entry of its own, so a command loads only what it imports. */
const commandsDir = path.join(root, 'apps/seerd/src/commands');
const commandFiles = readdirSync(commandsDir).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts',
);
const entryPoints = { main: entry };
for (const f of commandFiles) entryPoints[`cmd-${f.replace(/\.ts$/, '')}`] = path.join(commandsDir, f);

const isCommand = (v) => v && typeof v === 'object' && Array.isArray(v.path) && typeof v.run === 'function';

/**
 * The command table: each command's description (for help and option parsing) and the module and
 * export that define it. Every command of commands/index.ts must be found in a command module.
 */
async function commandTable() {
  const rows = [];
  const seen = new Set();
  for (const name of Object.keys(entryPoints).filter((n) => n !== 'main')) {
    const mod = await import(pathToFileURL(path.join(outDir, `${name}.mjs`)).href);
    for (const [exportName, value] of Object.entries(mod)) {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((cmd, index) => {
        if (!isCommand(cmd)) return;
        const key = cmd.path.join(' ');
        if (seen.has(key)) return;
        seen.add(key);
        const { run: _run, ...info } = cmd;
        rows.push({
          ...info,
          module: `./${name}.mjs`,
          exportName,
          ...(Array.isArray(value) ? { index } : {}),
        });
      });
    }
  }
  const index = await import(pathToFileURL(path.join(outDir, 'cmd-index.mjs')).href);
  const order = index.COMMANDS.map((c) => c.path.join(' '));
  const missing = order.filter((k) => !seen.has(k));
  if (missing.length > 0)
    throw new Error(`commands not defined in apps/seerd/src/commands/*.ts: ${missing.join(', ')}`);
  // Help lists the commands in the order of commands/index.ts; commands not listed there do not exist.
  return order.map((k) => rows.find((r) => r.path.join(' ') === k));
}
entryPoints['cmd-index'] = path.join(commandsDir, 'index.ts');

try {
  const result = await esbuild.build({
    entryPoints,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [externalNpm, keepSourceUrls],
  });
  writeOutput(result.outputFiles);
  // The command table lets the bundle answer --help without loading any command, and load
  // only the module of the command it runs.
  writeAtomic(path.join(outDir, 'commands.json'), `${JSON.stringify(await commandTable(), null, 1)}\n`);
} catch (err) {
  process.stderr.write(`build: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
if (!quiet) process.stdout.write(`build: ${path.relative(root, outDir)}/ in ${Date.now() - started} ms\n`);
