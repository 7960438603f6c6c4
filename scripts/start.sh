#!/usr/bin/env bash
# Quick start: set up this machine, then run the whole platform on the embedded defaults
# (PGlite database under ./data/demo, in-process job dispatch, local bubblewrap sandbox) with
# demo data: real historical bars replayed faster than real time, three example models
# deployed, demo accounts printed. For a real (non-demo) instance run `bin/seerd all`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec bin/seerd demo "$@"
