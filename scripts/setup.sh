#!/usr/bin/env bash
# Installs what Seer needs on a Debian/Ubuntu machine, then the npm dependencies.
#   bubblewrap            the sandbox that runs model code (no network, read-only system)
#   python3 + numpy, pandas, scipy, scikit-learn, statsmodels, msgpack
#                         the model runtime (Debian's /usr/bin/python3; models import these)
#   python3-seccomp       builds the sandbox's seccomp filter
#   util-linux            setpriv and prlimit (drop privileges, set rlimits)
#   libarchive-tools, git  bsdtar and git archive: tests publish packages made by each common tool
#   postgresql            the server binaries of the embedded default database (seerd runs its
#                         own private server under SEER_DATA_DIR/postgres; Debian also sets up
#                         a system cluster on port 5432, which Seer does not use)
#   chromium              only with --with-browser: headless browser for the UI tests
#   prometheus            only with --with-browser (the test tools): promtool checks deploy/prometheus
#   python3-pytest        only with --with-browser (the test tools): the Python SDK's tests
# Then builds the web UI into apps/web/dist when it is missing or older than its sources.
# Idempotent: packages already present are not reinstalled.
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

pkgs=(bubblewrap python3 python3-numpy python3-pandas python3-scipy python3-sklearn python3-statsmodels python3-msgpack python3-seccomp util-linux ca-certificates libarchive-tools git postgresql openssl)
[ "$with_browser" = 1 ] && pkgs+=(chromium prometheus python3-pytest)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is required (found $(node -v)). Install Node 20 LTS, then rerun." >&2
  exit 1
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund >/dev/null
fi
# The web UI (apps/web -> apps/web/dist, served by seerd at /): rebuilt only when its sources
# or the dependencies changed since the last build.
web_dist=apps/web/dist/index.html
if [ ! -f "$web_dist" ] || [ -n "$(find apps/web/src apps/web/index.html apps/web/vite.config.ts package-lock.json -newer "$web_dist" -print -quit 2>/dev/null)" ]; then
  echo "setup: building the web UI (vite build -> apps/web/dist)"
  npm run build -w apps/web --silent >/dev/null
fi
# bin/seerd runs built JavaScript (dist/seerd); it also rebuilds by itself when sources change.
echo "setup: building bin/seerd (dist/seerd)"
node scripts/build.mjs --quiet
echo "setup: done"
