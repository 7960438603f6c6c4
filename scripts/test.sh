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
echo "== tests (vitest)"
npx vitest run "$@"
if [ -d python/tests ]; then
  echo "== python tests"
  /usr/bin/python3 -m unittest discover -s python/tests -t python
fi
