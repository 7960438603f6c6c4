#!/usr/bin/env bash
# Start-up and exit of seerd commands (issue 8): `seerd --help` against `node -e 0`,
# `seerd migrate` on an up-to-date database, and `seerd sandbox-run` against the run's own wall
# time, on PostgreSQL (DATABASE_URL) and on the embedded default (private PostgreSQL server),
# plus PGlite. Writes bench/cli/RESULTS.md (and the raw hyperfine JSON under bench/cli/tmp/).
#   bench/cli/run.sh                    # needs PostgreSQL at BENCH_DATABASE_URL
# Installs Debian's hyperfine if missing (benchmarks only; the tests never need it).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=bench/cli/RESULTS.md
tmp=bench/cli/tmp
mkdir -p "$tmp"
load_before=$(cut -d" " -f1-3 /proc/loadavg)
runs=${BENCH_RUNS:-10}
db_url=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/seer_bench_cli}

if ! command -v hyperfine >/dev/null; then
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -qq hyperfine >/dev/null
fi
node scripts/build.mjs --quiet

# The PostgreSQL database for the DATABASE_URL case (created if missing).
admin_url=${db_url%/*}/postgres
node -e '
  const pg = require("pg"); const [admin, name] = process.argv.slice(1);
  const c = new pg.Client(admin);
  c.connect().then(() => c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]))
    .then((r) => r.rowCount ? null : c.query(`CREATE DATABASE ${name}`)).finally(() => c.end());
' "$admin_url" "${db_url##*/}"

data=$(mktemp -d /tmp/seer-bench-cli-XXXXXX)
trap 'SEER_DATA_DIR=$data bin/seerd db stop --force >/dev/null 2>&1 || true; rm -rf "$data"' EXIT
export LOG_LEVEL=warn SEER_DATA_DIR="$data"
pglite_env="SEER_EMBEDDED_DB=pglite"

# A package with [resources] and bars for it (300 hourly USD/CHF bars).
pkg="$data/pkg"; cp -r examples/momentum "$pkg"; chmod -R a+rX "$data"
sed -i 's/cpu_seconds = [0-9]*/cpu_seconds = 5/' "$pkg/seer.toml"
csv="$data/usdchf.csv"
node -e '
  const end = Date.parse("2001-03-01T12:00:00Z"); const l = ["ts,open,high,low,close,volume"];
  for (let i = 300; i > 0; i--) { const p = 1.6 + 0.01 * Math.sin(i / 7);
    l.push(`${new Date(end - i * 3600000).toISOString()},${p},${p + 0.002},${p - 0.002},${p + 0.001},`); }
  require("fs").writeFileSync(process.argv[1], l.join("\n") + "\n");
' "$csv"
ingest=(ingest csv "$csv" --symbol USDCHF --interval 1h --create-instrument --name "US dollar / Swiss franc" --asset-class fx)
DATABASE_URL=$db_url bin/seerd migrate >/dev/null
DATABASE_URL=$db_url bin/seerd "${ingest[@]}" >/dev/null
bin/seerd migrate >/dev/null && bin/seerd "${ingest[@]}" >/dev/null
env $pglite_env bin/seerd migrate >/dev/null && env $pglite_env bin/seerd "${ingest[@]}" >/dev/null

hf() { # name, command...
  local name=$1; shift
  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$tmp/$name.json" "$@" >/dev/null
}
hf help -n 'node -e 0' 'node -e 0' -n 'seerd --help' 'bin/seerd --help'
hf migrate \
  -n 'migrate, PostgreSQL (DATABASE_URL)' "DATABASE_URL=$db_url bin/seerd migrate" \
  -n 'migrate, embedded PostgreSQL (the command starts and stops the server)' 'bin/seerd migrate' \
  -n 'migrate, PGlite' "$pglite_env bin/seerd migrate"
bin/seerd db start >/dev/null
hf migrate-running -n 'migrate, embedded PostgreSQL (server kept running by seerd db start)' 'bin/seerd migrate'
bin/seerd db stop >/dev/null

# sandbox-run: the process's wall time against the run's own (usage.wall_ms in its output).
sandbox() { # label, env...
  local label=$1; shift
  local rows=()
  for _ in $(seq 1 "${BENCH_SANDBOX_RUNS:-5}"); do
    local t0 t1 json
    t0=$(date +%s%N)
    # A failed run (e.g. its wall-clock limit on a busy machine) still reports its own wall time.
    json=$(env "$@" bin/seerd sandbox-run "$pkg" --as-of 2001-03-01T12:00:00Z || true)
    t1=$(date +%s%N)
    rows+=("$(( (t1 - t0) / 1000000 )) $(node -e 'const j=JSON.parse(process.argv[1]); console.log(j.usage.wall_ms, j.ok ? "ok" : j.code)' "$json")")
  done
  printf '%s\n' "${rows[@]}" | node -e '
    const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => l.split(" "));
    const rows = lines.map((l) => [Number(l[0]), Number(l[1])]);
    const outcomes = [...new Set(lines.map((l) => l[2]))].join(", ");
    const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const label = process.argv[1];
    console.log(`| ${label} | ${med(rows.map((r) => r[0]))} | ${med(rows.map((r) => r[1]))} | ${med(rows.map((r) => r[0] - r[1]))} | ${outcomes} |`);
  ' "$label"
}
sandbox_rows=$(
  sandbox 'PostgreSQL (DATABASE_URL)' "DATABASE_URL=$db_url"
  sandbox 'embedded PostgreSQL' "SEER_DATA_DIR=$data"
  sandbox 'PGlite' "$pglite_env"
)

table() { # hyperfine json -> markdown rows
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
    for (const x of r) console.log(`| ${x.command} | ${(x.mean * 1000).toFixed(0)} ± ${(x.stddev * 1000).toFixed(0)} | ${(x.median * 1000).toFixed(0)} | ${(x.user * 1000).toFixed(0)} | ${(x.system * 1000).toFixed(0)} |`);
  ' "$1"
}
ratio=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
  console.log((r[1].median / r[0].median).toFixed(2));
' "$tmp/help.json")

{
  echo "# seerd start-up and exit (bench/cli/run.sh)"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "$(grep MemTotal /proc/meminfo | awk '{printf "%.0f GB RAM", $2/1048576}'), Node $(node -v), PostgreSQL $(cat "$data/postgres/data/PG_VERSION"),"
  echo "load average before and after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg). $runs runs per command (hyperfine, 1 warm-up)."
  echo
  echo "| command | mean ± sd (ms) | median (ms) | user (ms) | system (ms) |"
  echo "| --- | --- | --- | --- | --- |"
  table "$tmp/help.json"
  table "$tmp/migrate.json"
  table "$tmp/migrate-running.json"
  echo
  echo "\`seerd --help\` / \`node -e 0\` (medians): **${ratio}x** (target: at most 5x)."
  echo
  echo "\`seerd sandbox-run\` of examples/momentum with \`[resources] cpu_seconds = 5\`, medians of ${BENCH_SANDBOX_RUNS:-5}:"
  echo
  echo "| database | process wall (ms) | run's own wall (ms) | overhead (ms; target < 1000) | run outcome |"
  echo "| --- | --- | --- | --- | --- |"
  echo "$sandbox_rows"
} > "$out"
cat "$out"
