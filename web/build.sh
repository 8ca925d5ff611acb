#!/usr/bin/env bash
# Builds the web app into target/dist: installs the toolchain pinned in package-lock.json when node_modules is
# missing or older than the lock file, then type-checks and bundles. Run by Maven (generate-resources).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if ! command -v npm >/dev/null 2>&1; then
  echo "web/build.sh: Node.js 20.19+ with npm is needed to build the web app" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
