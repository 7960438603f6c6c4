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
echo "== tests (vitest)"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# One plain closing line, whatever the reporter prints above it.
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""))' "$report" || true
[ "$status" -eq 0 ] || exit "$status"
