"""The ``seer`` command for model authors and subscribers.

Errors are one line on stderr and a non-zero exit status: 1 for a failed run, deploy or
verification, 2 for bad usage or input, 3 for an API error."""

import argparse
import csv
import getpass
import json
import os
import sys
import time

from . import __version__, config
from .client import ApiError, Client


class UsageError(Exception):
    pass


def _err(msg):
    print(f"seer: {msg}", file=sys.stderr)


def _progress(label):
    """A one-line progress indicator on stderr (only when stderr is a terminal)."""
    tty = sys.stderr.isatty()

    def show(done, total):
        if tty:
            pct = 100 * done // max(1, total)
            print(f"\r{label}: {done}/{total} ({pct}%)", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return show


def _client(args, need_auth=True):
    cfg = config.load()
    url = getattr(args, "url", None) or cfg.get("url")
    c = Client(url, token=cfg.get("token"), api_key=cfg.get("apiKey"))
    if need_auth and not (c.token or c.api_key):
        raise ApiError(0, "not_logged_in", "not logged in: run `seer login --url URL` (or set SEER_API_KEY)")
    return c


def _model_at_version(spec):
    if "@" not in spec:
        raise UsageError(f"{spec!r}: give MODEL@VERSION, e.g. momentum@1.0.0")
    slug, version = spec.split("@", 1)
    return slug, version


# ---- local ---------------------------------------------------------------------------


def cmd_init(args):
    from .scaffold import init

    root = init(args.name, args.dir)
    print(f"created {root}: seer.toml, model.py, test_model.py, README.md, data/USDCHF.csv (generated sample)")
    print(f"next: seer run {root} --data {root}/data/USDCHF.csv --as-of 2026-01-10T12:00:00Z")
    return 0


def cmd_run(args):
    from .localrun import load_data, parse_ts, run_once
    from .manifest import read_manifest

    m = read_manifest(args.path)
    frames = load_data(args.data, m["symbols"])
    msg = run_once(args.path, m, frames, parse_ts(args.as_of))
    for line in msg.get("logs", []):
        print(f"log: {line}", file=sys.stderr)
    if msg["type"] != "result":
        if args.json:
            print(json.dumps({"ok": False, "code": msg.get("code"), "message": msg.get("message")}))
        _err(f"the run failed ({msg.get('code')}): {str(msg.get('message')).strip().splitlines()[-1] if msg.get('message') else ''}")
        return 1
    if args.json:
        print(json.dumps({"ok": True, "asOf": args.as_of, "predictions": msg["predictions"]}))
    else:
        w = csv.writer(sys.stdout)
        w.writerow(["symbol", "value", "confidence"])
        for p in msg["predictions"]:
            w.writerow([p["symbol"], repr(p["value"]), "" if p["confidence"] is None else repr(p["confidence"])])
    return 0


METRIC_ROWS = [
    ("count", "predictions"),
    ("coverage", "coverage"),
    ("hitRate", "hit rate"),
    ("mae", "MAE"),
    ("rmse", "RMSE"),
    ("ic", "information coefficient"),
    ("totalReturn", "total return"),
    ("annualizedReturn", "annualised return"),
    ("annualizedVolatility", "annualised volatility"),
    ("sharpe", "Sharpe"),
    ("sortino", "Sortino"),
    ("maxDrawdown", "max drawdown"),
    ("maxDrawdownDuration", "max drawdown duration (periods)"),
    ("calmar", "Calmar"),
    ("winRate", "win rate"),
    ("profitFactor", "profit factor"),
    ("bestPeriod", "best period"),
    ("worstPeriod", "worst period"),
    ("psr", "probabilistic Sharpe"),
]


def _print_metrics(m):
    for key, label in METRIC_ROWS:
        v = m.get(key)
        text = "n/a" if v is None else (f"{v:.6g}" if isinstance(v, float) else str(v))
        print(f"{label:34} {text}")


def cmd_backtest(args):
    if args.remote:
        return cmd_backtest_remote(args)
    from .localrun import backtest, load_data, parse_ts
    from .manifest import read_manifest

    if not (args.path and args.data and args.start and args.end):
        raise UsageError("a local backtest needs PATH, --data, --from and --to")
    m = read_manifest(args.path)
    frames = load_data(args.data, m["symbols"])
    start, end = parse_ts(args.start), parse_ts(args.end)
    if end < start:
        raise UsageError("--to is before --from")
    records, failures, metrics = backtest(args.path, frames, start, end, progress=_progress("backtest"))
    if args.json:
        print(json.dumps({"metrics": metrics, "failures": failures, "predictions": records}, default=str))
    else:
        _print_metrics(metrics)
        for f in failures[:5]:
            _err(f"run at {f['asOf']} failed ({f['code']})")
    return 0 if not failures else 1


def cmd_backtest_remote(args):
    slug, version = _model_at_version(args.remote)
    if not (args.start and args.end):
        raise UsageError("--remote needs --from and --to")
    c = _client(args)
    bt = c.post(f"/v1/models/{slug}/versions/{version}/backtests", {"from": args.start, "to": args.end})
    bid = bt["id"]
    show = _progress("backtest")
    while bt.get("status") in ("queued", "running"):
        time.sleep(1)
        bt = c.get(f"/v1/backtests/{bid}")
        counts = bt.get("counts") or {}
        done, total = counts.get("done", 0), counts.get("total", 0)
        if total:
            show(done, total)
    print(json.dumps(bt, indent=2))
    return 0 if bt.get("status") == "succeeded" else 1


# ---- platform ------------------------------------------------------------------------


def cmd_login(args):
    email = args.email or input("email: ")
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("password: ")
    c = Client(args.url)
    session = c.post("/v1/auth/login", {"email": email, "password": password})
    # Access tokens live minutes; the command keeps a scoped API key instead, shown once and stored 0600.
    c.token = session["accessToken"]
    me = c.get("/v1/me")
    scopes = [s for s in ("models:read", "models:write", "predictions:read", "account:read") if s in me.get("scopes", [])] or [
        "predictions:read"
    ]
    key = c.post("/v1/api-keys", {"name": f"seer-cli on {os.uname().nodename}", "scopes": scopes})
    path = config.save({"url": args.url, "apiKey": key["key"], "email": email})
    print(f"logged in to {args.url} as {email}; API key {key.get('prefix', '')}… with {', '.join(scopes)} saved in {path}")
    return 0


def cmd_publish(args):
    from .manifest import read_manifest
    from .package import build_tgz

    m = read_manifest(args.path)
    slug = args.model or m["name"]
    c = _client(args)
    try:
        c.get(f"/v1/models/{slug}")
    except ApiError as e:
        if e.status != 404:
            raise
        c.post("/v1/models", {"slug": slug, "name": slug, "description": m.get("description", "")[:5000], "symbols": m["symbols"]})
        print(f"created model {slug}", file=sys.stderr)
    data = build_tgz(args.path)
    print(f"uploading {len(data)} bytes", file=sys.stderr)
    v = c.request("POST", f"/v1/models/{slug}/versions", raw=data, content_type="application/gzip")
    print(json.dumps({k: v.get(k) for k in ("model", "version", "status", "digest", "signature") if k in v}, indent=2))
    return 0


def cmd_deploy(args):
    slug, version = _model_at_version(args.target)
    c = _client(args)
    # The platform answers 202 with a deploy check: a worker runs the version once in the
    # sandbox, then deploys it or records why not. Follow the check to its end.
    check = c.post(f"/v1/models/{slug}/versions/{version}/deploy")
    deadline = time.time() + args.timeout
    last = None
    while check.get("status") in ("queued", "running"):
        if check.get("status") != last:
            print(f"deploy check: {check.get('status')}", file=sys.stderr)
            last = check.get("status")
        if time.time() > deadline:
            _err(f"the deploy check of {slug}@{version} is still {check.get('status')} after {args.timeout:.0f} s")
            return 1
        time.sleep(1)
        check = c.get(f"/v1/deploy-checks/{check['id']}")
    if check.get("status") != "succeeded":
        for line in (check.get("logs") or "").splitlines()[-20:]:
            print(f"    {line}", file=sys.stderr)
        _err(f"{slug}@{version} was not deployed ({check.get('errorCode')}): {check.get('errorMessage')}")
        return 1
    print(f"{slug}@{version} deployed")
    return 0


def cmd_versions(args):
    c = _client(args, need_auth=False)
    page = c.get(f"/v1/models/{args.model}/versions")
    items = page.get("items", page) if isinstance(page, dict) else page
    w = csv.writer(sys.stdout)
    w.writerow(["version", "status", "digest", "createdAt", "deployedAt"])
    for v in items:
        w.writerow([v.get("version"), v.get("status"), v.get("digest"), v.get("createdAt"), v.get("deployedAt") or ""])
    return 0


def cmd_runs(args):
    c = _client(args)
    version = args.version
    if not version:
        vs = c.get(f"/v1/models/{args.model}/versions")
        items = vs.get("items", vs) if isinstance(vs, dict) else vs
        deployed = [v for v in items if v.get("status") == "deployed"] or items
        if not deployed:
            raise UsageError(f"{args.model} has no versions")
        version = deployed[-1]["version"]
    page = c.get(f"/v1/models/{args.model}/versions/{version}/runs", query={"limit": args.limit})
    for r in page.get("items", []):
        line = f"{r.get('asOf')}  {r.get('status'):<14} {r.get('durationMs') or '':>6} ms  {r.get('errorCode') or ''}"
        print(line)
        if args.logs and r.get("stderr"):
            for ln in str(r["stderr"]).splitlines()[-20:]:
                print(f"    {ln}")
    return 0


def cmd_predictions(args):
    c = _client(args)
    query = {"from": args.since, "format": "csv" if args.format == "csv" else None, "limit": 1000}
    cursor = None
    first = True
    while True:
        q = dict(query, cursor=cursor)
        if args.format == "csv":
            text = c.get(f"/v1/models/{args.model}/predictions", query=q, accept="text/csv")
            lines = text.splitlines()
            sys.stdout.write("\n".join(lines if first else lines[1:]) + ("\n" if lines else ""))
            cursor = None  # CSV pages carry their cursor in a header; one page of 1000 is printed
        else:
            page = c.get(f"/v1/models/{args.model}/predictions", query=q)
            for item in page.get("items", []):
                print(json.dumps(item))
            cursor = page.get("nextCursor")
        first = False
        if not cursor:
            return 0


def _download_record(c, model, version, mode):
    """Everything an offline check needs (docs/VERIFYING.md): every chosen version's public chain
    (values as revealed to this caller), its attestation, the signed checkpoints and both key sets."""
    from datetime import datetime, timezone

    vs = c.get(f"/v1/models/{model}/versions")
    items = vs.get("items", vs) if isinstance(vs, dict) else vs
    targets = [v for v in items if not version or v["version"] == version]
    if version and not targets:
        raise UsageError(f"{model} has no version {version}")
    chains = []
    for v in targets:
        entries, cursor, page = [], None, None
        while True:
            page = c.get(f"/v1/models/{model}/versions/{v['version']}/chain",
                         query={"mode": mode, "limit": 5000, "cursor": cursor})
            entries.extend(page.get("items", []))
            cursor = page.get("nextCursor")
            if not cursor:
                break
        try:
            att = c.get(f"/v1/models/{model}/versions/{v['version']}/attestation")
        except ApiError as e:
            if e.status != 404:
                raise
            att = None
        chains.append({"version": v["version"], "versionId": page["versionId"], "mode": mode,
                       "head": page["head"], "entries": entries, "attestation": att})
    checkpoints, cursor = [], None
    while True:
        page = c.get("/v1/ledger/checkpoints", query={"model": model, "mode": mode, "limit": 5000,
                                                      "cursor": cursor, "version": version})
        checkpoints.extend(page.get("items", []))
        cursor = page.get("nextCursor")
        if not cursor:
            break
    return {
        "model": model,
        "downloadedAt": datetime.now(timezone.utc).isoformat(),
        "chains": chains,
        "checkpoints": checkpoints,
        "ledgerKeys": c.get("/v1/keys/ledger").get("keys", []),
        "signingKeys": c.get("/v1/keys/signing").get("keys", []),
    }


def cmd_verify(args):
    from . import ledger

    if args.record:
        with open(args.record) as f:
            record = json.load(f)
    else:
        if not args.model:
            raise UsageError("give a MODEL to download, or --record FILE")
        record = _download_record(_client(args, need_auth=False), args.model, args.version, args.mode)
    if args.save:
        with open(args.save, "w") as f:
            json.dump(record, f, indent=1)
    if args.save_checkpoints:
        with open(args.save_checkpoints, "w") as f:
            json.dump({"checkpoints": record["checkpoints"], "ledgerKeys": record["ledgerKeys"]}, f, indent=1)
    earlier = [(f"earlier ({os.path.basename(x)})", *ledger.load_checkpoint_file(x)) for x in args.checkpoints]
    ok, lines = ledger.verify_record(record, earlier)
    print("\n".join(lines))
    if not ok:
        _err("the record does not verify (see above)")
    return 0 if ok else 1


def build_parser():
    p = argparse.ArgumentParser(prog="seer", description="Seer: build, test, publish and follow forecasting models.")
    p.add_argument("--version", action="version", version=f"seer {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    s = sub.add_parser("init", help="scaffold a model package")
    s.add_argument("name")
    s.add_argument("--dir", default=".", help="parent folder (default: here)")
    s.set_defaults(fn=cmd_init)

    s = sub.add_parser("run", help="run a package once, locally, as the platform would")
    s.add_argument("path")
    s.add_argument("--data", action="append", required=True, help="CSV file, SYMBOL=FILE, or a folder of SYMBOL.csv")
    s.add_argument("--as-of", required=True, help="boundary, ISO 8601 UTC")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_run)

    s = sub.add_parser("backtest", help="run at every boundary and print the platform's metrics")
    s.add_argument("path", nargs="?")
    s.add_argument("--data", action="append")
    s.add_argument("--from", dest="start")
    s.add_argument("--to", dest="end")
    s.add_argument("--json", action="store_true")
    s.add_argument("--remote", metavar="MODEL@VERSION", help="run the backtest on the platform instead")
    s.add_argument("--url")
    s.set_defaults(fn=cmd_backtest)

    s = sub.add_parser("login", help="log in and store an API key (mode 0600)")
    s.add_argument("--url", required=True)
    s.add_argument("--email")
    s.add_argument("--password-stdin", action="store_true")
    s.set_defaults(fn=cmd_login)

    s = sub.add_parser("publish", help="pack and upload a package as a new draft version")
    s.add_argument("path")
    s.add_argument("--model", help="model slug (default: the manifest's name)")
    s.add_argument("--url")
    s.set_defaults(fn=cmd_publish)

    s = sub.add_parser("deploy", help="deploy MODEL@VERSION and follow the deploy check")
    s.add_argument("target", metavar="MODEL@VERSION")
    s.add_argument("--timeout", type=float, default=300)
    s.add_argument("--url")
    s.set_defaults(fn=cmd_deploy)

    s = sub.add_parser("versions", help="list a model's versions")
    s.add_argument("model")
    s.add_argument("--url")
    s.set_defaults(fn=cmd_versions)

    s = sub.add_parser("runs", help="recent runs of a model's version, with errors and logs")
    s.add_argument("model")
    s.add_argument("--version")
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--logs", action="store_true")
    s.add_argument("--url")
    s.set_defaults(fn=cmd_runs)

    s = sub.add_parser("predictions", help="a model's predictions (subscribers, with an API key)")
    s.add_argument("model")
    s.add_argument("--since")
    s.add_argument("--format", choices=["json", "csv"], default="json")
    s.add_argument("--url")
    s.set_defaults(fn=cmd_predictions)

    s = sub.add_parser(
        "verify",
        help="download a model's record and verify it offline: hash chain, signed checkpoints, attestation",
        description="Downloads the public record (chain, checkpoints, public keys, attestation) and verifies it "
        "offline (docs/VERIFYING.md). With --checkpoints, an earlier saved copy exposes any rewrite since.")
    s.add_argument("model", nargs="?")
    s.add_argument("--version")
    s.add_argument("--mode", choices=["live", "backtest"], default="live")
    s.add_argument("--url")
    s.add_argument("--save", metavar="FILE", help="also write the downloaded record to FILE")
    s.add_argument("--save-checkpoints", metavar="FILE", help="write the signed checkpoints and keys to FILE (keep it)")
    s.add_argument("--checkpoints", action="append", default=[], metavar="FILE",
                   help="an earlier saved checkpoint file to compare with (repeatable)")
    s.add_argument("--record", metavar="FILE", help="verify a saved record instead of downloading one")
    s.set_defaults(fn=cmd_verify)
    return p


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    from .localrun import DataError
    from .manifest import ManifestError
    from .package import PackageError

    try:
        return args.fn(args)
    except ApiError as e:
        extra = "; ".join(f"{x.get('field')}: {x.get('message')}" for x in e.errors if isinstance(x, dict))
        _err(f"{e.code}: {e.detail}{' (' + extra + ')' if extra else ''}")
        return 3
    except (UsageError, DataError, ManifestError, PackageError, ValueError, FileExistsError) as e:
        _err(str(e))
        return 2
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
