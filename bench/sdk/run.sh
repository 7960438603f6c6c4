#!/bin/sh
# bench/sdk: the cost of `seer run` over bare Python doing the same work (issue 13: <= 0.5 s).
# Uses Debian's /usr/bin/python3 (the runtime's libraries); writes bench/sdk/results.json.
# Results and the machine they were measured on: bench/sdk/RESULTS.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-10}
exec /usr/bin/python3 "$here/measure.py" --runs "$runs" --json "$here/results.json"
