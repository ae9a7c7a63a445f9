import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRuns, memoryMb, startProcess, startServer, viaLogsift, waitFor } from './processes';

/**
 * Logsift's Elasticsearch datasource against the Elasticsearch simulator, each in its own
 * process: answer time as a ratio to the direct searches it makes (one search, or a point in
 * time with `search_after` pages of 5,000), and the BFF's peak resident memory.
 */
const SIM_PORT = 18_110 + 20;
const BFF_PORT = SIM_PORT + 1;
const ES = `http://127.0.0.1:${SIM_PORT}`;
const INDEX = 'fluentd-*';
const PAGE = 5_000;

async function post<T>(path: string, body: unknown, method = 'POST'): Promise<T> {
  const res = await fetch(`${ES}/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

interface Hits {
  hits: { hits: { sort?: unknown[] }[] };
}

/** What the BFF sends for `docs` documents, sent directly, answers parsed. */
async function direct(docs: number, fromMs: number, toMs: number): Promise<number> {
  const query = {
    bool: {
      filter: [{ range: { '@timestamp': { gte: fromMs, lte: toMs, format: 'epoch_millis' } } }],
    },
  };
  const sort = [{ '@timestamp': { order: 'desc', unmapped_type: 'boolean' } }];
  if (docs <= PAGE) {
    const answer = await post<Hits>(`${INDEX}/_search`, {
      size: docs,
      sort,
      query,
      track_total_hits: true,
    });
    return answer.hits.hits.length;
  }
  const { id } = await post<{ id: string }>(`${INDEX}/_pit?keep_alive=1m`, undefined);
  let got = 0;
  let after: unknown[] | undefined;
  while (got < docs) {
    const size = Math.min(PAGE, docs - got);
    const answer = await post<Hits>('_search', {
      size,
      sort,
      query,
      track_total_hits: got === 0,
      pit: { id, keep_alive: '1m' },
      ...(after ? { search_after: after } : {}),
    });
    got += answer.hits.hits.length;
    after = answer.hits.hits.at(-1)?.sort;
    if (answer.hits.hits.length < size) break;
  }
  await post('_pit', { id }, 'DELETE');
  return got;
}

async function compare(docs: number, runs: number, from: number, to: number): Promise<string> {
  const r = await compareRuns(
    runs,
    () => direct(docs, from, to),
    () =>
      viaLogsift(BFF_PORT, { datasource: 'es', language: 'kql', query: '', from, to, limit: docs }),
  );
  return `elasticsearch: ${r.got.toLocaleString('en-US')} documents  direct p50 ${r.directP50.toFixed(0)} ms, via Logsift p50 ${r.logsiftP50.toFixed(0)} ms, ratio ${(r.logsiftP50 / r.directP50).toFixed(2)}x, p50 of each round's ratio ${r.roundRatioP50.toFixed(2)}x (${runs} runs)`;
}

export async function benchElasticsearch(): Promise<string[]> {
  const config = join(tmpdir(), `logsift-bench-es-${process.pid}.yaml`);
  writeFileSync(
    config,
    `datasources:\n  - id: es\n    kind: elasticsearch\n    url: ${ES}\n    index: '${INDEX}'\n    timeoutMs: 120000\n`,
  );
  const sim = startProcess([
    'sim/main.ts',
    'elasticsearch',
    '--port',
    String(SIM_PORT),
    '--sample-scale',
    '3',
  ]);
  const bff = startServer({
    PORT: String(BFF_PORT),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: config,
    LOGSIFT_OPEN: '0',
  });
  try {
    await waitFor(`${ES}/`);
    await waitFor(`http://127.0.0.1:${BFF_PORT}/readyz`);
    const to = Date.now();
    const from = to - 7 * 24 * 3_600_000;
    const out = [
      await compare(500, 30, from, to),
      await compare(10_000, 10, from, to),
      await compare(100_000, 3, from, to),
    ];
    const memory = memoryMb(bff.pid);
    out.push(
      `elasticsearch: BFF resident memory after 100,000-document answers: peak ${memory.peak.toFixed(0)} MB, now ${memory.now.toFixed(0)} MB`,
    );
    return out;
  } finally {
    bff.kill('SIGTERM');
    sim.kill('SIGTERM');
  }
}
