import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DashboardBody, Panel } from '../model';
import { buildApp } from '../server/app';
import { LogsiftConfigSchema } from '../server/config/schema';
import { createDatasources } from '../server/datasources/registry';
import type { StorageConfig } from '../server/store/config';
import { openSavedStore } from '../server/store/open';
import { percentile } from './stats';

const DASHBOARDS = 1_000;
const REQUESTS = 200;
const SERVICES = ['checkout', 'payments', 'cart', 'search', 'auth', 'catalog', 'shipping', 'ads'];
const TEAMS = ['SRE', 'Shop', 'Platform', 'Data', 'Mobile'];
const KINDS: Panel['kind'][] = ['logs', 'histogram', 'timeseries', 'table', 'stat'];

/** A dashboard as teams build them: 6 to 10 panels of real-looking queries over one service. */
function dashboard(n: number): DashboardBody {
  const service = SERVICES[n % SERVICES.length]!;
  const team = TEAMS[n % TEAMS.length]!;
  const panels = Array.from({ length: 6 + (n % 5) }, (_, i): Panel => {
    const kind = KINDS[i % KINDS.length]!;
    return {
      id: `p${i}`,
      title: `${service} ${kind} ${i}`,
      kind,
      datasources: ['$ds'],
      language: 'logql',
      query:
        kind === 'timeseries'
          ? `sum by (level) (rate({namespace="$namespace", app="${service}"} |= "error" [5m]))`
          : `{namespace="$namespace", app="${service}", pod=~"$pod"} | json | level=~"error|warn"`,
      ...(kind === 'table' ? { field: 'pod' } : {}),
      ...(kind === 'logs' ? { limit: 200 } : {}),
      grid: { x: (i % 2) * 6, y: Math.floor(i / 2) * 6, w: 6, h: 6 },
    };
  });
  return {
    title: `${team} / ${service} on-call #${n}`,
    description: `Errors, latency and top pods of ${service}, owned by ${team}; opened during incidents.`,
    range: { from: 'now-6h', to: 'now' },
    refreshMs: 60_000,
    variables: [
      { kind: 'datasource', name: 'ds', datasourceKind: 'loki' },
      { kind: 'field', name: 'namespace', datasource: '$ds', field: 'namespace', current: 'shop' },
      { kind: 'field', name: 'pod', datasource: '$ds', field: 'pod' },
    ],
    panels,
    links: [{ title: 'Runbook', url: `https://runbooks.example.com/${service}` }],
  };
}

async function benchOne(name: string, storage: StorageConfig): Promise<string[]> {
  const config = LogsiftConfigSchema.parse({
    datasources: [{ id: 'local', kind: 'local', replay: false }],
    storage,
  });
  const store = await openSavedStore(storage, {});
  const datasources = await createDatasources(config.datasources, { sampleScale: 0.001 });
  const app = await buildApp({ config, datasources, store });
  try {
    await store.ping();
    const seedStart = performance.now();
    for (let n = 0; n < DASHBOARDS; n++) {
      const body = dashboard(n);
      await store.create('dashboard', {
        title: body.title,
        description: body.description,
        body,
        owner: 'anonymous',
        sharing: { kind: 'public', canEdit: true },
      });
    }
    const seedMs = performance.now() - seedStart;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/dashboards`;
    const out = [
      `store ${name}: ${DASHBOARDS.toLocaleString('en-US')} dashboards saved in ${(seedMs / 1000).toFixed(1)} s (${(seedMs / DASHBOARDS).toFixed(2)} ms each, one durable transaction per save)`,
    ];
    for (const [what, query] of [
      ['list (first 100)', ''],
      ['search "payments"', '?search=payments'],
      ['search "sre / checkout"', '?search=sre%20%2F%20checkout'],
      ['list limit=500', '?limit=500'],
    ] as const) {
      const ask = async (): Promise<{ ms: number; total: number }> => {
        const start = performance.now();
        const res = await fetch(`${base}${query}`);
        const body = (await res.json()) as { total: number };
        if (!res.ok) throw new Error(`${what}: ${res.status} ${JSON.stringify(body)}`);
        return { ms: performance.now() - start, total: body.total };
      };
      const { total } = await ask();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push((await ask()).ms);
      times.sort((a, b) => a - b);
      out.push(
        `store ${name}: GET /api/v1/dashboards ${what.padEnd(24)} p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${REQUESTS} requests, ${total} matches)`,
      );
    }
    return out;
  } finally {
    await app.close();
    await datasources.closeAll();
    await store.close();
  }
}

/** 1,000 saved dashboards: list and search over real HTTP; target ≤ 50 ms. */
export async function benchStore(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-bench-store-'));
  const out: string[] = [];
  try {
    out.push(...(await benchOne('sqlite', { kind: 'sqlite', dataDir: dir })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env['LOGSIFT_BENCH_PG_URL'];
  if (!url) {
    out.push('store postgres: skipped (set LOGSIFT_BENCH_PG_URL=postgres://user@host:5432/db)');
    return out;
  }
  out.push(
    ...(await benchOne('postgres', {
      kind: 'postgres',
      url,
      ...(process.env['LOGSIFT_BENCH_PG_PASSWORD']
        ? { passwordEnv: 'LOGSIFT_BENCH_PG_PASSWORD' }
        : {}),
      poolSize: 10,
      connectTimeoutMs: 3_000,
      statementTimeoutMs: 10_000,
    })),
  );
  return out;
}
