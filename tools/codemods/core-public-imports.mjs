#!/usr/bin/env node
/**
 * Rewrites deep imports of @seer/core (`@seer/core/<domain>/<file>`) into imports of the domain's
 * public index (`@seer/core/<domain>`, packages/core/src/<domain>/index.ts), adding to the index
 * the names other packages import from its files (issue 8 item 7). Reports, without touching,
 * what it cannot rewrite: side-effect, namespace and default imports, dynamic import() and
 * vi.mock() of deep paths, names it cannot find, and a name two files of one domain export as
 * different things.
 *
 *   node tools/codemods/core-public-imports.mjs            # rewrite, update the indexes, report
 *   node tools/codemods/core-public-imports.mjs --check    # change nothing; exit 1 if anything is left
 *   node tools/codemods/core-public-imports.mjs --root DIR # another checkout (the tests use fixtures)
 *
 * It classifies each name as a value or a type with TypeScript's checker (the index re-exports
 * types with `export type`, as verbatimModuleSyntax requires). The workspace's TypeScript 7 has no
 * JS API, so it uses the TypeScript 5.9 of tools/depcruise (`npm ci --prefix tools/depcruise`).
 * Files inside packages/core import each other by relative path and are not rewritten. Changed
 * files are formatted with the workspace's Biome when it is installed. Exit codes: 0 done (or
 * nothing left, with --check), 1 something left to rewrite (--check) or reported, 2 usage/setup error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const rootArg = args.indexOf('--root');
const root = resolve(rootArg >= 0 ? (args[rootArg + 1] ?? '.') : join(here, '..', '..'));
const unknown = args.filter(
  (a, i) => a !== '--check' && a !== '--root' && !(rootArg >= 0 && i === rootArg + 1),
);
if (unknown.length > 0) {
  console.error(`core-public-imports: unknown argument ${unknown[0]} (use --check, --root DIR)`);
  process.exit(2);
}

const require = createRequire(import.meta.url);
let ts;
for (const candidate of [join(here, '..', 'depcruise', 'node_modules', 'typescript'), 'typescript']) {
  try {
    const mod = require(candidate);
    if (typeof mod.createProgram === 'function') {
      ts = mod;
      break;
    }
  } catch {
    // try the next one
  }
}
if (!ts) {
  console.error('core-public-imports: needs the TypeScript JS API: npm ci --prefix tools/depcruise');
  process.exit(2);
}

const coreSrc = join(root, 'packages', 'core', 'src');
if (!existsSync(coreSrc)) {
  console.error(`core-public-imports: no packages/core/src under ${root}`);
  process.exit(2);
}
const domains = new Set(readdirSync(coreSrc).filter((d) => statSync(join(coreSrc, d)).isDirectory()));
const DEEP = /^@seer\/core\/([^/]+)\/(.+)$/;
const SOURCE_EXT = /\.(ts|tsx|mts|cts|mjs|js)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'data']);

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (SOURCE_EXT.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The .ts file a deep specifier names, or undefined when it is not a file of a domain. */
function deepTarget(spec, fromFile) {
  let m = DEEP.exec(spec);
  if (!m && spec.startsWith('.') && fromFile) {
    // a relative path into packages/core/src from outside it (bench scripts did this)
    const abs = resolve(dirname(fromFile), spec).replace(/\.(ts|tsx|js)$/, '');
    const rel = relative(coreSrc, abs).split(sep).join('/');
    if (!rel.startsWith('..') && rel.includes('/')) m = DEEP.exec(`@seer/core/${rel}`);
  }
  if (!m || !domains.has(m[1])) return undefined;
  const [, domain, rest] = m;
  if (rest === 'index') return undefined;
  for (const ext of ['.ts', '.tsx']) {
    const file = join(coreSrc, domain, rest + ext);
    if (existsSync(file)) return { domain, file, rel: `./${rest}` };
  }
  return { domain, file: undefined, rel: `./${rest}` };
}

// --- the checker over packages/core, to tell values from types ---------------------------------
const coreFiles = walk(coreSrc, []).filter((f) => /\.tsx?$/.test(f));
const program = ts.createProgram(coreFiles, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  noLib: true, // exports are all it asks about: no need to load the standard library
  allowImportingTsExtensions: true,
  noEmit: true,
  skipLibCheck: true,
  strict: true,
  types: [],
});
const checker = program.getTypeChecker();
const exportCache = new Map();
/** name -> { isValue, key } of a core file's exports (key identifies the declaration). */
function exportsOf(file) {
  if (exportCache.has(file)) return exportCache.get(file);
  const map = new Map();
  const sf = program.getSourceFile(file);
  const sym = sf && checker.getSymbolAtLocation(sf);
  if (sym) {
    for (const e of checker.getExportsOfModule(sym)) {
      const target = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
      const decl = target.declarations?.[0];
      const key = decl ? `${decl.getSourceFile().fileName}:${decl.pos}` : `${file}:${e.name}`;
      map.set(e.name, { isValue: (target.flags & ts.SymbolFlags.Value) !== 0, key });
    }
  }
  exportCache.set(file, map);
  return map;
}

// --- the existing indexes ----------------------------------------------------------------------
/** domain -> { header, other: string[], byFile: Map<rel, Map<name, isType>>, owner: Map<name, rel> } */
const indexes = new Map();
function indexOf(domain) {
  if (indexes.has(domain)) return indexes.get(domain);
  const path = join(coreSrc, domain, 'index.ts');
  const idx = { path, header: '', other: [], byFile: new Map(), owner: new Map(), changed: false };
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const first = sf.statements[0];
    idx.header = first ? text.slice(0, first.getStart(sf)).trim() : text.trim();
    for (const st of sf.statements) {
      if (
        ts.isExportDeclaration(st) &&
        st.moduleSpecifier &&
        ts.isStringLiteral(st.moduleSpecifier) &&
        st.exportClause &&
        ts.isNamedExports(st.exportClause)
      ) {
        const rel = st.moduleSpecifier.text;
        const names = idx.byFile.get(rel) ?? new Map();
        for (const el of st.exportClause.elements) {
          if (el.propertyName) {
            idx.other.push(`export { ${el.getText(sf)} } from '${rel}';`);
            continue;
          }
          names.set(el.name.text, st.isTypeOnly || el.isTypeOnly);
          idx.owner.set(el.name.text, rel);
        }
        idx.byFile.set(rel, names);
      } else {
        idx.other.push(st.getText(sf));
      }
    }
  } else {
    idx.header = `/**\n * The public interface of the ${domain} domain: other packages import \`@seer/core/${domain}\`, never its\n * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.\n */`;
  }
  indexes.set(domain, idx);
  return idx;
}

function renderIndex(idx) {
  const lines = [];
  if (idx.header) lines.push(idx.header, '');
  for (const o of idx.other) lines.push(o);
  const rels = [...idx.byFile.keys()].sort();
  for (const rel of rels) {
    const names = [...idx.byFile.get(rel).entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const values = names.filter(([, t]) => !t).map(([n]) => n);
    const types = names.filter(([, t]) => t).map(([n]) => n);
    if (values.length > 0) lines.push(`export { ${values.join(', ')} } from '${rel}';`);
    if (types.length > 0) lines.push(`export type { ${types.join(', ')} } from '${rel}';`);
  }
  return `${lines.join('\n')}\n`;
}

/** Adds `name` (exported by `rel` of `domain`) to the index; a reason string when it cannot. */
function need(domain, rel, file, name) {
  const info = exportsOf(file).get(name);
  if (!info) return `${rel} of ${domain} exports no '${name}'`;
  const idx = indexOf(domain);
  const owner = idx.owner.get(name);
  if (owner !== undefined && owner !== rel) {
    const ownerFile = [join(coreSrc, domain, `${owner}.ts`), join(coreSrc, domain, `${owner}.tsx`)].find(
      (f) => existsSync(f),
    );
    const ownerInfo = ownerFile ? exportsOf(ownerFile).get(name) : undefined;
    if (ownerInfo && ownerInfo.key === info.key) return undefined; // the same declaration, re-exported
    return `'${name}' is exported by the ${domain} index from ${owner}, not ${rel}: rename one of them`;
  }
  if (owner === undefined) {
    const names = idx.byFile.get(rel) ?? new Map();
    names.set(name, !info.isValue);
    idx.byFile.set(rel, names);
    idx.owner.set(name, rel);
    idx.changed = true;
  }
  return undefined;
}

// --- the importers -----------------------------------------------------------------------------
const scanRoots = ['apps', 'packages', 'bench', 'scripts', 'deploy', 'tools'].map((d) => join(root, d));
const files = scanRoots
  .flatMap((d) => walk(d, []))
  .filter((f) => !f.startsWith(coreSrc + sep) && !f.startsWith(join(root, 'tools', 'codemods') + sep));

const reports = [];
const changedFiles = [];
let rewritten = 0;
const where = (file, sf, node) =>
  `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('@seer/core/') && !text.includes('core/src/')) continue;
  const kind = file.endsWith('x')
    ? ts.ScriptKind.TSX
    : file.endsWith('.ts')
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const edits = [];

  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      node.arguments.length > 0 &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isPropertyAccessExpression(node.expression) &&
          /^(mock|doMock|importActual)$/.test(node.expression.name.text)))
    ) {
      const spec = node.arguments[0].text;
      const target = deepTarget(spec, file);
      if (target) {
        const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
        const names = isImport ? dynamicNames(node, sf) : undefined;
        const what = isImport ? 'dynamic import()' : 'vi.mock()';
        if (!names || !target.file) {
          reports.push(
            `${where(file, sf, node)}: ${what} of ${spec}: not rewritten (only \`const { a } = await import()\` and \`const m = await import(); m.a\` are)`,
          );
        } else {
          const problems = names
            .map((n) => (check ? checkOnly(target, n) : need(target.domain, target.rel, target.file, n)))
            .filter(Boolean);
          for (const p of problems) reports.push(`${where(file, sf, node)}: ${spec}: ${p}`);
          if (problems.length === 0) {
            rewritten += 1;
            if (check) reports.push(`${where(file, sf, node)}: deep import ${spec}`);
            else {
              const lit = node.arguments[0];
              edits.push({
                start: lit.getStart(sf),
                end: lit.getEnd(),
                text: `'@seer/core/${target.domain}'`,
              });
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);

  // import/export declarations, grouped by the domain they will import from
  const groups = new Map(); // domain -> { decls: node[], specs: string[] }
  for (const st of sf.statements) {
    const isImport = ts.isImportDeclaration(st);
    const isExport = ts.isExportDeclaration(st) && st.moduleSpecifier;
    if (!isImport && !isExport) continue;
    if (!ts.isStringLiteral(st.moduleSpecifier)) continue;
    const spec = st.moduleSpecifier.text;
    const target = deepTarget(spec, file);
    if (!target) continue;
    const at = where(file, sf, st);
    if (!target.file) {
      reports.push(`${at}: ${spec} names no file of packages/core/src/${target.domain}`);
      continue;
    }
    let elements;
    let declTypeOnly = false;
    if (isImport) {
      const clause = st.importClause;
      if (!clause) {
        reports.push(`${at}: side-effect import of ${spec}: not rewritten`);
        continue;
      }
      if (clause.name) {
        reports.push(`${at}: default import of ${spec}: not rewritten`);
        continue;
      }
      if (!clause.namedBindings || ts.isNamespaceImport(clause.namedBindings)) {
        reports.push(`${at}: namespace import of ${spec}: not rewritten (import the names)`);
        continue;
      }
      elements = clause.namedBindings.elements;
      declTypeOnly = clause.isTypeOnly;
    } else {
      if (!st.exportClause || !ts.isNamedExports(st.exportClause)) {
        reports.push(`${at}: export * from ${spec}: not rewritten (export the names)`);
        continue;
      }
      elements = st.exportClause.elements;
      declTypeOnly = st.isTypeOnly;
    }
    const problems = [];
    for (const el of elements) {
      const name = (el.propertyName ?? el.name).text;
      const why = check ? checkOnly(target, name) : need(target.domain, target.rel, target.file, name);
      if (why) problems.push(why);
    }
    if (problems.length > 0) {
      for (const p of problems) reports.push(`${at}: ${spec}: ${p}`);
      continue;
    }
    const key = `${isImport ? 'import' : 'export'}:${target.domain}`;
    const g = groups.get(key) ?? { isImport, domain: target.domain, decls: [], specs: [] };
    g.decls.push(st);
    for (const el of elements) {
      const typeOnly = declTypeOnly || el.isTypeOnly;
      const body = el.propertyName ? `${el.propertyName.text} as ${el.name.text}` : el.name.text;
      g.specs.push(`${typeOnly ? 'type ' : ''}${body}`);
    }
    groups.set(key, g);
  }
  if (groups.size === 0 && edits.length === 0) continue;

  for (const g of groups.values()) {
    rewritten += g.decls.length;
    if (check) {
      for (const d of g.decls) reports.push(`${where(file, sf, d)}: deep import ${d.moduleSpecifier.text}`);
      continue;
    }
    const specs = [...new Set(g.specs)];
    const allTypes = specs.every((s) => s.startsWith('type '));
    const list = allTypes ? specs.map((s) => s.slice(5)) : specs;
    const kw = g.isImport ? 'import' : 'export';
    const replacement = `${kw} ${allTypes ? 'type ' : ''}{ ${list.join(', ')} } from '@seer/core/${g.domain}';`;
    g.decls.forEach((d, i) => {
      const start = d.getStart(sf);
      let end = d.getEnd();
      if (i > 0 && text[end] === '\n') end += 1;
      edits.push({ start, end, text: i === 0 ? replacement : '' });
    });
  }
  if (check || edits.length === 0) continue;
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  writeFileSync(file, out);
  changedFiles.push(file);
}

/** The names a dynamic import() uses: `const { a, b: c } = await import(x)` or `const m = ...; m.a`. */
function dynamicNames(call, sf) {
  const awaited = call.parent;
  if (!awaited || !ts.isAwaitExpression(awaited)) return undefined;
  const decl = awaited.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== awaited) return undefined;
  if (ts.isObjectBindingPattern(decl.name)) {
    const names = [];
    for (const el of decl.name.elements) {
      if (el.dotDotDotToken) return undefined;
      const n = el.propertyName ?? el.name;
      if (!ts.isIdentifier(n)) return undefined;
      names.push(n.text);
    }
    return names;
  }
  if (!ts.isIdentifier(decl.name)) return undefined;
  const id = decl.name.text;
  const names = new Set();
  let bare = false;
  const scan = (node) => {
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === id
    ) {
      names.add(node.name.text);
      return;
    }
    if (
      ts.isIdentifier(node) &&
      node.text === id &&
      !(ts.isVariableDeclaration(node.parent) && node.parent.name === node)
    )
      bare = true;
    ts.forEachChild(node, scan);
  };
  scan(sf);
  return bare || names.size === 0 ? undefined : [...names];
}

/** --check: whether the index would need the name (reported as left to do, never written). */
function checkOnly(target, name) {
  const info = exportsOf(target.file).get(name);
  if (!info) return `${target.rel} of ${target.domain} exports no '${name}'`;
  return undefined;
}

if (!check) {
  for (const idx of indexes.values()) {
    if (!idx.changed && existsSync(idx.path)) continue;
    writeFileSync(idx.path, renderIndex(idx));
    changedFiles.push(idx.path);
  }
  // packages/core/package.json `exports`: one entry per domain index, before the "./*" fallback.
  const pkgPath = join(root, 'packages', 'core', 'package.json');
  if (existsSync(pkgPath)) {
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    const exp = pkg.exports && typeof pkg.exports === 'object' ? pkg.exports : {};
    const next = {};
    let added = false;
    for (const [k, v] of Object.entries(exp)) if (k !== './*') next[k] = v;
    for (const d of [...domains].sort()) {
      if (!existsSync(join(coreSrc, d, 'index.ts')) || next[`./${d}`]) continue;
      next[`./${d}`] = `./src/${d}/index.ts`;
      added = true;
    }
    if ('./*' in exp) next['./*'] = exp['./*'];
    if (added) {
      pkg.exports = next;
      writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
      changedFiles.push(pkgPath);
    }
  }
  const biome = join(root, 'node_modules', '.bin', 'biome');
  if (changedFiles.length > 0 && existsSync(biome)) {
    const r = spawnSync(biome, ['check', '--write', ...changedFiles.map((f) => relative(root, f))], {
      cwd: root,
      encoding: 'utf8',
    });
    if (r.status !== 0)
      reports.push(`biome check --write on the changed files failed:\n${r.stdout}${r.stderr}`);
  }
}

const verb = check ? 'left to rewrite' : 'rewritten';
console.log(
  `core-public-imports: ${rewritten} deep import(s) ${verb}` +
    (check ? '' : ` in ${changedFiles.length} file(s) (indexes included)`),
);
for (const r of reports) console.log(`  ${r}`);
process.exit(reports.length > 0 ? 1 : 0);
