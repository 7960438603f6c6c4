"""Summarise an `strace -f --decode-pids=pidns` log of bench/sandbox/seccomp-workloads.ts (see trace.sh).

Keeps only system calls made inside a jail and sorts them by the filter that was in force:
  stage1   - a cold/pool jail's python3 from its execve on (bwrap loads stage 1 before it), and a
             fork run process from its own stage-1 seccomp() call on, with all their threads;
  template - the fork template and each run's monitor before the run loads stage 1.
Workloads are cut at the marker paths bench/sandbox/seccomp-workloads.ts stats (`/seer-trace-marker/<kind>/<name>`).
Prints JSON: per kind (benign / abuse) the syscalls seen with counts and refusals (errno), and
per workload the sorted list of names.
"""

import json
import os
import platform
import re
import subprocess
import sys
from collections import defaultdict

START = re.compile(r"^(\d+)\s+(\w+)\((.*)$")
RESUMED = re.compile(r"^(\d+)\s+<\.\.\. (\w+) resumed>(.*)$")
RESULT = re.compile(r"\)\s+=\s+(-?\d+|\?|0x[0-9a-f]+)(?:\s+/\* (\d+) in strace's PID NS \*/)?(?:\s+(E[A-Z0-9]+))?")
MARK = re.compile(r'"/seer-trace-marker/([^"]+)"')
PYTHON = re.compile(r'"/usr/bin/python3[.0-9]*"')
SPAWN = {"clone", "clone3", "fork", "vfork"}


def parse(path):
    """Yield (idx, pid, name, args_text, result, translated_pid, errno); one event per call."""
    pending = {}
    events = []
    with open(path, errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\n")
            m = RESUMED.match(line)
            if m:
                pid = int(m.group(1))
                i = pending.pop(pid, None)
                if i is not None:
                    r = RESULT.search(m.group(3))
                    if r:
                        events[i][4:7] = [r.group(1), r.group(2), r.group(3)]
                continue
            m = START.match(line)
            if not m:
                continue
            pid, name, rest = int(m.group(1)), m.group(2), m.group(3)
            ev = [len(events), pid, name, rest, None, None, None]
            events.append(ev)
            if rest.endswith("<unfinished ...>"):
                pending[pid] = ev[0]
            else:
                r = RESULT.search(rest)
                if r:
                    ev[4:7] = [r.group(1), r.group(2), r.group(3)]
    return events


def main(paths):
    kinds = {}
    for path in paths:
        collect(parse(path), kinds)
    out = {
        "generated_by": "packages/sandbox/seccomp/trace.sh",
        "kernel": platform.release(),
        "machine": platform.machine(),
        "strace": subprocess.run(["strace", "-V"], capture_output=True, text=True).stdout.split("\n")[0],
        "python": sys.version.split()[0],
        "logs": len(paths),
    }
    for k in kinds.values():
        k["stage1"] = dict(sorted(k["stage1"].items()))
        k["template"] = dict(sorted(k["template"].items()))
        k["refused"] = {n: dict(sorted(v.items())) for n, v in sorted(k["refused"].items())}
        k["per_workload"] = {
            w: {f: sorted(s) for f, s in v.items()} for w, v in sorted(k["per_workload"].items())
        }
    out.update(kinds)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


def collect(events, kinds):
    """Attribute the events of one log (pids are unique only within a log) to kinds."""
    exec_at = {}  # pid -> (idx, role)
    stage1_at = {}  # pid -> idx of its first successful seccomp filter load
    parent = {}  # child pid -> (parent pid, idx of the spawning call)
    for idx, pid, name, rest, res, tpid, _err in events:
        if name == "execve" and PYTHON.match(rest) and "runpy.run_module" in rest and pid not in exec_at:
            exec_at[pid] = (idx, "template" if "seer.runtime.template" in rest else "jail")
        elif name == "seccomp" and "SECCOMP_SET_MODE_FILTER" in rest and res == "0" and pid not in stage1_at:
            stage1_at[pid] = idx
        elif name in SPAWN and res not in (None, "?") and res.lstrip("-").isdigit() and int(res) > 0:
            parent[int(tpid or res)] = (pid, idx)

    memo = {}

    def role(pid, idx):
        """jail | template | fork-run | None for pid at event idx."""
        base = None
        if pid in exec_at and exec_at[pid][0] <= idx:
            base = exec_at[pid][1]
        elif pid in parent:
            key = pid
            if key not in memo:
                memo[key] = None  # cycle guard (pid reuse)
                p, at = parent[pid]
                memo[key] = role(p, at)
            base = memo[key]
        if base == "template" and pid in stage1_at and stage1_at[pid] <= idx:
            return "fork-run"
        return base

    workload = None
    for idx, pid, name, rest, res, _tpid, err in events:
        mk = MARK.search(rest)
        if mk and role(pid, idx) is None:
            workload = mk.group(1)
            continue
        r = role(pid, idx)
        if r is None or workload is None or workload.startswith("end/"):
            continue
        kind = workload.split("-")[0]  # benign | abuse
        filt = "template" if r == "template" else "stage1"
        k = kinds.setdefault(kind, {"stage1": {}, "template": {}, "refused": {}, "per_workload": {}})
        slot = k[filt].setdefault(name, 0)
        k[filt][name] = slot + 1
        if filt == "stage1" and err:
            k["refused"].setdefault(name, defaultdict(int))[err] += 1
        k["per_workload"].setdefault(workload, {"stage1": set(), "template": set()})[filt].add(name)


if __name__ == "__main__":
    main(sys.argv[1:] or [os.environ["TRACE_LOG"]])
