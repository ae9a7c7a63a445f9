# syntax=docker/dockerfile:1
# Logsift image: `docker build -t logsift .` from the repository root (see README, Deploy to
# Kubernetes). Three stages on one Node 20 Debian base, so the native addons built or fetched
# in a build stage (better-sqlite3, @node-rs/argon2) match the runtime's glibc and Node ABI.
ARG NODE_IMAGE=node:20-bookworm-slim

# better-sqlite3 fetches a prebuilt addon when it can and compiles one otherwise: the toolchain
# is for the second case and stays in the build stages.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./

# Everything, dev dependencies included: vite builds the UI, esbuild bundles the server.
FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build && bash deploy/build-server.sh

# Production dependencies only, installed apart so no dev package reaches the image.
FROM toolchain AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="logsift" \
      org.opencontainers.image.description="Browser log explorer for Loki, Elasticsearch/OpenSearch and CloudWatch Logs Insights"
# The app's files belong to root and are only read: the process writes to /data (saved
# queries, dashboards, links in SQLite) and nothing else, so the root filesystem can be
# mounted read-only.
RUN groupadd --gid 10001 logsift \
  && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin logsift \
  && mkdir -p /data \
  && chown 10001:10001 /data
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    LOGSIFT_DATA_DIR=/data \
    LOGSIFT_OPEN=0
USER 10001:10001
VOLUME /data
EXPOSE 8080
# Kubernetes probes /healthz and /readyz itself (under server.basePath when one is set).
CMD ["node", "--single-threaded-gc", "dist/server.js"]
