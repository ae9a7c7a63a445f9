import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app';
import { LogsiftConfigSchema } from '../server/config/schema';
import { createDatasources } from '../server/datasources/registry';
import { percentile } from './stats';

const REQUESTS = 200;

/** p50/p95 of POST /api/v1/query for 1,000 lines over real HTTP on loopback. */
export async function benchApi(): Promise<string[]> {
  const config = LogsiftConfigSchema.parse({
    datasources: [{ id: 'local', kind: 'local', replay: false }],
    // One audit line per request would bury the numbers this prints.
    audit: { enabled: false },
  });
  const datasources = await createDatasources(config.datasources);
  const app = await buildApp({ config, datasources });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/query`;
  const to = Date.now();
  let asked = 0;
  const ask = async (query: string): Promise<number> => {
    // Identical requests within two seconds share one answer (sharedAnswers.ts): a range that
    // differs by a millisecond each time makes every request do the work.
    const end = to + ++asked;
    const start = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        datasource: 'local',
        language: 'logql',
        query,
        from: end - 24 * 3_600_000,
        to: end,
        limit: 1000,
      }),
    });
    const body = (await res.json()) as { records: unknown[] };
    if (body.records.length !== 1000)
      throw new Error(`expected 1000 lines, got ${body.records.length}`);
    return performance.now() - start;
  };
  const out: string[] = [];
  try {
    for (const query of ['{job=~".+"}', '{namespace="shop"} | json | level="info"']) {
      await ask(query);
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push(await ask(query));
      times.sort((a, b) => a - b);
      out.push(
        `api: POST /api/v1/query 1,000 lines ${query.padEnd(40)} p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${REQUESTS} requests)`,
      );
    }
  } finally {
    await app.close();
    await datasources.closeAll();
  }
  return out;
}
