#!/usr/bin/env bash
# README's test command (`npm test`): typecheck, lint, unit + integration tests (real SQLite files, real local
# HTTP sites), then the end-to-end tests in Debian's Chromium (installed here when missing).
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
results=".cache/test-results"
mkdir -p "$results"
rm -f "$results"/*.json

status=0
npm run --silent typecheck || { echo "typecheck failed"; status=1; }
npm run --silent lint || { echo "lint failed"; status=1; }

npx vitest run --reporter=default --reporter=json --outputFile="$results/unit-integration.json" || status=1
# fault tests restart PostgreSQL and kill workers: alone, after the suites that share the server
npx vitest run --config test/faults/vitest.config.ts --reporter=default --reporter=json --outputFile="$results/faults.json" || status=1

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the end-to-end tests (Debian package)…"
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "Could not install chromium"
  else
    (sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null) || echo "Could not install chromium (needs root)"
  fi
fi
npx vitest run --config test/e2e/vitest.config.ts --reporter=default --reporter=json --outputFile="$results/e2e.json" || status=1

node scripts/test-summary.mjs "$results" || status=1
exit $status
