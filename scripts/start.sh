#!/usr/bin/env bash
# Quick start: set up this machine, then run the whole platform on the embedded defaults
# (PGlite database under ./data, in-process job dispatch, local bubblewrap sandbox).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec bin/seerd all "$@"
