#!/usr/bin/env bash
# Installs the toolchain pinned in package-lock.json when node_modules is missing or older than the lock file, then
# type-checks the sample program and the tests against the generated AppRouter and compiles them into dist/.
# Run by Maven (persona-clients, generate-resources).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if ! command -v npm >/dev/null 2>&1; then
  echo "clients/build.sh: Node.js 20.19+ with npm is needed to build the TypeScript clients" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
rm -rf dist
npm run --silent build
