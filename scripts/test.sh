#!/usr/bin/env bash
# `npm test`: every check and every test — formatting, lint (incl. module boundaries), type checks,
# unit + API integration tests against a real PostgreSQL, the production build, and browser tests in
# chromium. Ends with one line "Tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
# Node 24 from the `node` devDependency, also when this script is run directly instead of via npm.
export PATH="$PWD/node_modules/.bin:$PATH"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
results="$PWD/tmp/test-results"
rm -rf "$results" && mkdir -p "$results"
export JEST_RESULTS_DIR="$results"

echo "== Node $(node --version)"
bash scripts/ensure-chromium.sh
echo "== Formatting"
prettier --check . --log-level warn
echo "== Lint and type checks"
nx run-many -t lint typecheck --output-style=static --parallel=2
echo "== Unit and API integration tests (real PostgreSQL)"
nx run-many -t test --output-style=static --parallel=1
echo "== Production build and browser tests (chromium)"
nx run web-e2e:e2e --output-style=static
echo "== Web bundle budget"
node scripts/bundle-size.mjs dist/apps/web/browser 250
echo "== OpenAPI OWASP lint (Spectral, fails on errors)"
node scripts/openapi-lint.mjs
echo "== npm audit of production dependencies (fails on high/critical; loud notice when it cannot ask)"
node scripts/npm-audit.mjs "$results"

node scripts/test-summary.mjs "$results"
