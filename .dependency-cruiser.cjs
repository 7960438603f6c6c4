/**
 * Dependency rules of the workspace (docs/ARCHITECTURE.md, "Dependency rules"), checked by
 * scripts/test.sh before the tests: `tools/depcruise/node_modules/.bin/depcruise apps packages bench`.
 * Workspace packages are imported by name (@seer/core/...), resolved through node_modules links.
 */
const pkg = (name) => `^(packages|apps)/${name}/`;
// The layer rules are about shipped code; tests may compose layers (an API test seeding runs).
const TESTS = '(\\.test\\.ts$|/test/|/testing/)';
// Other packages import @seer/core through each domain's public index (packages/core/src/<domain>/index.ts),
// never its files. Enforced once packages/core/package.json no longer exports "./*" (until then the
// deep imports still resolve and tools/codemods/core-public-imports.mjs rewrites them; a warning).
const coreExports = require('./packages/core/package.json').exports ?? {};
const DEEP_IMPORTS_ALLOWED = Object.hasOwn(coreExports, './*');

module.exports = {
  forbidden: [
    {
      name: 'core-is-the-bottom',
      comment:
        '@seer/core holds the domain and the interfaces; it never imports api, worker, sandbox or seerd.',
      severity: 'error',
      from: { path: pkg('core'), pathNot: TESTS },
      to: { path: [pkg('api'), pkg('worker'), pkg('sandbox'), pkg('seerd')] },
    },
    {
      name: 'sandbox-not-above',
      comment: 'The sandbox may use core (the manifest), never the api or the worker.',
      severity: 'error',
      from: { path: pkg('sandbox'), pathNot: TESTS },
      to: { path: [pkg('api'), pkg('worker'), pkg('seerd')] },
    },
    {
      name: 'api-not-worker',
      comment: 'The API never imports the worker.',
      severity: 'error',
      from: { path: pkg('api'), pathNot: TESTS },
      to: { path: [pkg('worker'), pkg('seerd')] },
    },
    {
      name: 'api-runs-no-sandbox',
      comment: 'The API process never starts a sandbox: deploy checks run on workers.',
      severity: 'error',
      from: { path: pkg('api'), pathNot: TESTS },
      to: { path: pkg('sandbox') },
    },
    {
      name: 'worker-not-api',
      comment: 'Engines do not depend on the HTTP layer; seerd composes both.',
      severity: 'error',
      from: { path: pkg('worker'), pathNot: TESTS },
      to: { path: [pkg('api'), pkg('seerd')] },
    },
    {
      name: 'core-public-index-only',
      comment:
        'Outside packages/core, import @seer/core/<domain> (its index.ts), not @seer/core/<domain>/<file>: run node tools/codemods/core-public-imports.mjs.',
      severity: DEEP_IMPORTS_ALLOWED ? 'warn' : 'error',
      from: { pathNot: '^packages/core/' },
      to: { path: '^packages/core/src/[^/]+/', pathNot: '^packages/core/src/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-cycles',
      comment:
        'No import cycles, within or across packages (runtime imports; a cycle made only of type imports is erased at compile time).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/', '^tools/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
