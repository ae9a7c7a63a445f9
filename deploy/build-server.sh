#!/usr/bin/env bash
# The server as one ES module (<out>/server.js, dist/ by default) that plain `node` runs with
# production dependencies only: TypeScript and the project's imports bundled, every package
# left to node_modules (better-sqlite3's native addon, the AWS SDK). esbuild is tsx's own, so
# it is there whenever the dependencies are.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-dist}

# main.ts finds the UI at ../dist/public and the local samples at ./samples, both relative to
# its own file: <out>/server.js keeps the first true when <out> is dist, and the samples are
# copied beside it.
npx esbuild server/main.ts --bundle --platform=node --format=esm --target=node20 \
  --packages=external --log-level=warning --outfile="$OUT/server.js"
rm -rf "$OUT/samples"
cp -R server/datasources/local/samples "$OUT/samples"
