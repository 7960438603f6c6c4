"""bench/sdk: what `seer run` costs over bare Python doing the same work (issue 13: at most 0.5 s).

For each example model, runs `python3 -m seer run PKG --data CSV --as-of TS` and bench/sdk/bare.py
(the same reading, clamping, import and predict, without the SDK) N times each, interleaved, as
child processes, and takes each one's wall time and CPU time (user + sys, from wait4). The
overhead is the difference of the medians. On a shared, loaded machine wall time is mostly
waiting for a core, so the verdict uses CPU time (on an idle machine the two agree, the work being
single-threaded); both are printed. Exit status 1 when an overhead exceeds the target.

    /usr/bin/python3 bench/sdk/measure.py [--runs N] [--json OUT]
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CSV = os.path.join(REPO, "packages/core/demo-data/usdchf_1h.csv")
AS_OF = "2001-03-01T12:00:00Z"
MODELS = ["examples/momentum", "examples/sklearn-pretrained"]
TARGET_S = 0.5


def timed(cmd, env):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}")
    return wall, ru.ru_utime + ru.ru_stime, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--json")
    args = ap.parse_args()
    py = sys.executable
    env = {**os.environ, "PYTHONPATH": os.path.join(REPO, "python"), "OMP_NUM_THREADS": "1"}
    results = {
        "python": platform.python_version(),
        "machine": f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}",
        "loadavg_before": os.getloadavg(),
        "runs": args.runs,
        "models": {},
    }
    ok = True
    for model in MODELS:
        pkg = os.path.join(REPO, model)
        seer = [py, "-m", "seer", "run", pkg, "--data", CSV, "--as-of", AS_OF]
        bare = [py, os.path.join(REPO, "bench/sdk/bare.py"), pkg, CSV, AS_OF]
        # one warm-up each (page cache, .pyc files), then interleaved pairs
        _, _, a = timed(seer, env)
        _, _, b = timed(bare, env)
        if a.decode().splitlines() != b.decode().splitlines():
            raise SystemExit(f"{model}: seer run and bare.py disagree:\n{a.decode()}\n{b.decode()}")
        s_wall, s_cpu, b_wall, b_cpu = [], [], [], []
        for _ in range(args.runs):
            w, c, _ = timed(seer, env)
            s_wall.append(w)
            s_cpu.append(c)
            w, c, _ = timed(bare, env)
            b_wall.append(w)
            b_cpu.append(c)
        r = {
            "seer_run": {"wall_median_s": statistics.median(s_wall), "cpu_median_s": statistics.median(s_cpu)},
            "bare": {"wall_median_s": statistics.median(b_wall), "cpu_median_s": statistics.median(b_cpu)},
        }
        r["overhead_cpu_s"] = r["seer_run"]["cpu_median_s"] - r["bare"]["cpu_median_s"]
        r["overhead_wall_s"] = r["seer_run"]["wall_median_s"] - r["bare"]["wall_median_s"]
        r["within_target"] = r["overhead_cpu_s"] <= TARGET_S
        ok = ok and r["within_target"]
        results["models"][model] = r
        print(
            f"{model}: seer run {r['seer_run']['cpu_median_s']:.3f} s CPU / {r['seer_run']['wall_median_s']:.3f} s wall;"
            f" bare {r['bare']['cpu_median_s']:.3f} s CPU / {r['bare']['wall_median_s']:.3f} s wall;"
            f" overhead {r['overhead_cpu_s']:+.3f} s CPU / {r['overhead_wall_s']:+.3f} s wall"
            f" ({'ok' if r['within_target'] else 'OVER'} the {TARGET_S} s target)"
        )
    results["loadavg_after"] = os.getloadavg()
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)
            fh.write("\n")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
