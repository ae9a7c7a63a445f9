import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleGroupNames } from '../sim/cloudwatch';
import { startProcess, startServer, timed, waitFor } from './processes';
import { percentile } from './stats';

/**
 * A federated query against the time of its slowest source: a Loki, an Elasticsearch and a
 * CloudWatch simulator behind one Logsift, each in its own process. Each round asks each
 * datasource alone through Logsift, then all three in one request; the federated answer
 * should take the slowest source's time plus the merge, as every source starts at once.
 */
const LOKI_PORT = 18_170;
const ES_PORT = LOKI_PORT + 1;
const CW_PORT = LOKI_PORT + 2;
const BFF_PORT = LOKI_PORT + 3;
const BFF = `http://127.0.0.1:${BFF_PORT}`;
const CW_QUERY_MS = 300;
const ROUNDS = 15;
/** Rounds first, not counted: connections, caches of field lists and labels, the JIT. */
const WARM_UP = 3;
const SOURCES = ['loki', 'es', 'cw'];
/** All three, and the two that answer at about the same pace, where the BFF's own work shows. */
const FEDERATED = [SOURCES, ['loki', 'es']];
const QUERY = 'namespace:"shop"';
const LIMIT = 1_000;
const RANGE_MS = 6 * 3_600_000;

interface Answer {
  records?: unknown[];
  stats?: { sources?: { datasource: string; returned?: number; error?: { message: string } }[] };
  error?: { message: string };
}

async function ask(datasource: string | string[], to: number): Promise<Answer> {
  const res = await fetch(`${BFF}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      datasource,
      language: 'kql',
      query: QUERY,
      from: to - RANGE_MS,
      to,
      limit: LIMIT,
    }),
  });
  const answer = (await res.json()) as Answer;
  if (!answer.records) throw new Error(answer.error?.message ?? `status ${res.status}`);
  const failed = answer.stats?.sources?.find((s) => s.error);
  if (failed) throw new Error(`${failed.datasource}: ${failed.error?.message ?? ''}`);
  return answer;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export async function benchFederated(): Promise<string[]> {
  const group = sampleGroupNames('logsift-shop').application;
  const config = join(tmpdir(), `logsift-bench-federated-${process.pid}.yaml`);
  writeFileSync(
    config,
    [
      'datasources:',
      `  - { id: loki, kind: loki, url: 'http://127.0.0.1:${LOKI_PORT}' }`,
      `  - { id: es, kind: elasticsearch, url: 'http://127.0.0.1:${ES_PORT}', index: 'fluentd-*' }`,
      `  - { id: cw, kind: cloudwatch, region: us-east-1, endpoint: 'http://127.0.0.1:${CW_PORT}', logGroups: ['${group}'] }`,
      '',
    ].join('\n'),
  );
  const sim = (kind: string, port: number, ...flags: string[]) =>
    startProcess(['sim/main.ts', kind, '--port', String(port), '--sample-scale', '0.5', ...flags]);
  const sims = [
    sim('loki', LOKI_PORT),
    sim('elasticsearch', ES_PORT),
    sim('cloudwatch', CW_PORT, '--query-duration-ms', String(CW_QUERY_MS)),
  ];
  const bff = startServer({
    PORT: String(BFF_PORT),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: config,
    LOGSIFT_OPEN: '0',
    AWS_ACCESS_KEY_ID: 'AKIDLOGSIFTBENCH',
    AWS_SECRET_ACCESS_KEY: 'logsift-bench-secret',
  });
  try {
    await waitFor(`http://127.0.0.1:${LOKI_PORT}/ready`);
    await waitFor(`http://127.0.0.1:${ES_PORT}/`);
    await waitFor(`http://127.0.0.1:${CW_PORT}`, () => true);
    await waitFor(`${BFF}/readyz`);
    const times = new Map<string, number[]>();
    const push = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
    let returned = '';
    // Every request a new range end, a second on: CloudWatch's range is in seconds, and it
    // answers an identical query from its cache.
    let to = Date.now();
    const round = async (record: boolean) => {
      for (const id of SOURCES) {
        const alone = await timed(async () => (await ask(id, (to += 1_000))).records?.length ?? 0);
        if (record) push(id, alone.ms);
      }
      for (const set of FEDERATED) {
        const all = await timed(async () => {
          const answer = await ask(set, (to += 1_000));
          if (set.length === SOURCES.length) {
            returned = (answer.stats?.sources ?? [])
              .map((s) => `${s.datasource} ${s.returned ?? 0}`)
              .join(', ');
          }
          return answer.records?.length ?? 0;
        });
        if (record) push(set.join('+'), all.ms);
      }
    };
    for (let i = 0; i < WARM_UP; i++) await round(false);
    for (let i = 0; i < ROUNDS; i++) await round(true);
    const p50 = (key: string) => median(times.get(key) ?? []);
    return [
      `federated: KQL ${QUERY} over 6 h, limit ${LIMIT.toLocaleString('en-US')}, CloudWatch queries run ${CW_QUERY_MS} ms; ${ROUNDS} rounds, medians`,
      `federated: alone ${SOURCES.map((id) => `${id} ${p50(id).toFixed(0)} ms`).join(', ')}; records per source in the three-source answer: ${returned}`,
      ...FEDERATED.map((set) => {
        const slowest = set.reduce((a, b) => (p50(b) > p50(a) ? b : a));
        const federated = p50(set.join('+'));
        return `federated: ${set.join(' + ')}: slowest alone (${slowest}) ${p50(slowest).toFixed(0)} ms, federated ${federated.toFixed(0)} ms, overhead ${(federated - p50(slowest)).toFixed(0)} ms (target ≤ 50 ms)`;
      }),
    ];
  } finally {
    bff.kill('SIGTERM');
    for (const s of sims) s.kill('SIGTERM');
  }
}
