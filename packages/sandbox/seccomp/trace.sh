#!/bin/sh
# Measure the system calls the sandboxed runtime makes (input of the seccomp allow list).
#
#   packages/sandbox/seccomp/trace.sh [PHASE...]   # writes packages/sandbox/seccomp/measured.json
#
# PHASE: benign-cold benign-pool benign-fork abuse-cold abuse-fork (default: all). To measure in
# parts, keep each part's log (TRACE_LOG=...) and run analyse.py on all of them at once.
# Runs bench/sandbox/seccomp-workloads.ts (the example models, the test fixtures and the abuse suite through the real
# sandbox: cold, pool and fork paths) under `strace -f` from OUTSIDE the jails (root may trace
# into the jail's namespaces; the jails and their filters stay as they are: strace sees each
# attempt, allowed or refused). analyse.py then keeps only what ran inside a jail: a jail's
# python3 from its execve on (cold/pool: stage 1 is loaded by bwrap before that execve), the
# fork template's lineage, split at the run process's own stage-1 seccomp() call.
# Needs Debian's strace (>= 5.19 for --decode-pids=pidns); root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
log=${TRACE_LOG:-$(mktemp /tmp/seer-strace-XXXXXX.log)}
cd "$repo"
strace -f -qq --decode-pids=pidns -s 200 -e signal=none -o "$log" \
  node --import tsx bench/sandbox/seccomp-workloads.ts "$@"
/usr/bin/python3 -I -B "$here/analyse.py" "$log" > "$here/measured.json"
echo "strace log: $log; summary: $here/measured.json" >&2
