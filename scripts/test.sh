#!/usr/bin/env bash
# `npm test`: the whole suite, each step on a fresh database of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-packages.sh

step() { printf '\n==> %s\n' "$1"; }
step "Types (tsc)";                 npm run --silent typecheck
step "Lint (eslint)";               npm run --silent lint
step "Migrations match the schema"; npm run --silent migrations:check
step "Unit and integration tests";  npm run --silent test:int
step "Browser tests (Chromium)";    npm run --silent test:e2e
