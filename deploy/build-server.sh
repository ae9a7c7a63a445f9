#!/usr/bin/env bash
# The server as one ES module (dist/server.js) that plain `node` runs with production
# dependencies only: TypeScript and the project's imports bundled, every package left to
# node_modules (better-sqlite3's native addon, the AWS SDK). esbuild is tsx's own, so it is
# there whenever the dependencies are.
set -euo pipefail
cd "$(dirname "$0")/.."

# main.ts finds the UI at ../dist/public and the local samples at ./samples, both relative to
# its own file: dist/server.js keeps the first true, and the samples are copied beside it.
npx esbuild server/main.ts --bundle --platform=node --format=esm --target=node20 \
  --packages=external --log-level=warning --outfile=dist/server.js
rm -rf dist/samples
cp -R server/datasources/local/samples dist/samples
