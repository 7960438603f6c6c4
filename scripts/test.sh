#!/usr/bin/env bash
# Sets up this machine and runs every check: formatter+linter, typecheck, and all tests
# (TypeScript against real PostgreSQL and PGlite, the real sandbox).
# Needs PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
# and Redis at TEST_REDIS_URL (default redis://127.0.0.1:6379).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser

echo "== lint and format (biome)"
npx biome ci .
echo "== typecheck (tsc)"
npx tsc -p tsconfig.json --noEmit
echo "== dependency rules (dependency-cruiser; .dependency-cruiser.cjs)"
# Its own folder: it parses TypeScript with TypeScript 5.9 (the workspace's TypeScript 7 has no JS API).
[ -x tools/depcruise/node_modules/.bin/depcruise ] || npm ci --prefix tools/depcruise --no-audit --no-fund
tools/depcruise/node_modules/.bin/depcruise --config .dependency-cruiser.cjs --output-type err apps packages bench
echo "== security scans (docs/SECURITY.md: npm audit policy, secret scan)"
node scripts/security/audit.mjs
node scripts/security/secret-scan.mjs
echo "== tests (vitest)"
report=$(mktemp)
pyreport=$(mktemp)
trap 'rm -f "$report" "$pyreport"' EXIT
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
echo "== tests (pytest: the Python SDK and the seer command)"
pystatus=0
/usr/bin/python3 -m pytest -q -p no:cacheprovider --junitxml="$pyreport" python/tests || pystatus=$?
# One plain closing line over both runners, whatever they print above it.
node -e '
const fs = require("fs");
const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
let passed = r.numPassedTests, failed = r.numFailedTests, skipped = r.numPendingTests;
const x = fs.readFileSync(process.argv[2], "utf8");
const m = /<testsuite [^>]*>/.exec(x);
if (m) {
  const a = (k) => Number((new RegExp(` ${k}="(\\d+)"`).exec(m[0]) || [0, 0])[1]);
  failed += a("failures") + a("errors");
  skipped += a("skipped");
  passed += a("tests") - a("failures") - a("errors") - a("skipped");
} else failed += 1;
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$report" "$pyreport" || true
[ "$status" -eq 0 ] || exit "$status"
[ "$pystatus" -eq 0 ] || exit "$pystatus"
