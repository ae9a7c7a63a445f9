import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  DescribeQueriesCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { ExplainResponse } from '../model';
import { CloudWatchDatasourceConfigSchema } from '../server/datasources/cloudwatch/config';
import { sampleGroupNames } from '../sim/cloudwatch';
import { startProcess, startServer, waitFor } from './processes';
import { percentile } from './stats';

/**
 * Logsift's CloudWatch Logs Insights datasource against the CloudWatch simulator, each in its
 * own process, the simulator answering every call `LATENCY_MS` late: Run → first partial rows
 * and Run → complete through the BFF's NDJSON stream, beside a client that sends the same
 * StartQuery with the official SDK and polls GetQueryResults every `DIRECT_POLL_MS`, whose
 * completion stands for CloudWatch's own. What Logsift adds after completion is compared with
 * the time between its last two polls, seen as its last progress line and its result line.
 * Last, an identical query over the same absolute range, which the BFF answers from its cache
 * without scanning: its time is what the BFF spends on an answer without polling.
 */
const SIM_PORT = 18_150;
const LATENCY_MS = 50;
const DIRECT_POLL_MS = 100;
/** Query durations in the simulator (one simulator each, as it is a process-wide option). */
const CASES = [
  { durationMs: 1_000, runs: 5 },
  { durationMs: 3_000, runs: 3 },
  { durationMs: 10_000, runs: 3 },
];
const BFF_PORT = SIM_PORT + CASES.length;
const BFF = `http://127.0.0.1:${BFF_PORT}`;
const REGION = 'us-east-1';
const GROUP = sampleGroupNames('logsift-shop').application;
const CREDENTIALS = { accessKeyId: 'AKIDLOGSIFTBENCH', secretAccessKey: 'logsift-bench-secret' };
/** The BFF keeps the default poll schedule: what users get. */
const POLL = CloudWatchDatasourceConfigSchema.parse({
  id: 'cw',
  kind: 'cloudwatch',
  region: REGION,
  logGroups: [GROUP],
}).poll;

const simUrl = (i: number) => `http://127.0.0.1:${SIM_PORT + i}`;
const datasourceId = (durationMs: number) => `cw${durationMs}`;

interface Run {
  /** ms from Run to the first rows, partial or not. */
  firstRows: number;
  complete: number;
  /** Via Logsift: ms from Run to the last progress line, the poll before the one that completed. */
  lastPoll?: number;
  /** Direct: how long the GetQueryResults that answered Complete took, rows and all. */
  lastCall?: number;
  rows: number;
  bytesScanned: number;
}

interface Query {
  datasource: string;
  from: number;
  to: number;
}

const requestBody = (q: Query) => ({
  datasource: q.datasource,
  language: 'insights',
  query: 'filter @message like /GET/',
  from: q.from,
  to: q.to,
  limit: 1_000,
});

interface StreamLine {
  type: 'progress' | 'result' | 'error';
  state?: string;
  records?: unknown[];
  stats?: { scan?: { bytesScanned: number } };
  error?: { message: string };
}

/** POST /api/v1/query asking for NDJSON, read to its end as the UI reads it. */
async function viaLogsift(q: Query): Promise<Run> {
  const started = performance.now();
  const res = await fetch(`${BFF}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
    body: JSON.stringify(requestBody(q)),
  });
  if (!res.body) throw new Error(`status ${res.status}`);
  let firstRows: number | undefined;
  let lastPoll: number | undefined;
  let result: Run | undefined;
  let pending = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    pending += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (text.trim() === '') continue;
      const line = JSON.parse(text) as StreamLine;
      const at = performance.now() - started;
      const rows = line.records?.length ?? 0;
      if (line.type === 'error') throw new Error(line.error?.message ?? 'error line');
      if (rows > 0) firstRows ??= at;
      if (line.state === 'running') lastPoll = at;
      if (line.type === 'result') {
        result = {
          firstRows: firstRows ?? at,
          complete: at,
          ...(lastPoll === undefined ? {} : { lastPoll }),
          rows,
          bytesScanned: line.stats?.scan?.bytesScanned ?? NaN,
        };
      }
    }
  }
  if (!result) throw new Error('the stream ended without a result line');
  return result;
}

/** The StartQuery the BFF sends for this request, as its explain endpoint tells it. */
async function startQueryOf(q: Query): Promise<StartQueryCommandInput> {
  const res = await fetch(`${BFF}/api/v1/explain`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(requestBody(q)),
  });
  const explained = (await res.json()) as ExplainResponse;
  const body = explained.requests[0]?.body;
  if (!body) throw new Error(`explain answered no request (status ${res.status})`);
  return body as StartQueryCommandInput;
}

/** The same StartQuery, then GetQueryResults every DIRECT_POLL_MS (from the last one's start). */
async function direct(client: CloudWatchLogsClient, input: StartQueryCommandInput): Promise<Run> {
  const started = performance.now();
  const { queryId } = await client.send(new StartQueryCommand(input));
  let firstRows: number | undefined;
  for (let sent = performance.now(); ;) {
    await new Promise((r) => setTimeout(r, Math.max(0, sent + DIRECT_POLL_MS - performance.now())));
    sent = performance.now();
    const res = await client.send(new GetQueryResultsCommand({ queryId }));
    const at = performance.now() - started;
    const lastCall = performance.now() - sent;
    const rows = res.results?.length ?? 0;
    if (rows > 0) firstRows ??= at;
    if (res.status === 'Complete') {
      return {
        firstRows: firstRows ?? at,
        complete: at,
        lastCall,
        rows,
        bytesScanned: res.statistics?.bytesScanned ?? NaN,
      };
    }
    if (res.status !== 'Scheduled' && res.status !== 'Running') {
      throw new Error(`the direct query ended ${res.status}`);
    }
  }
}

const p50 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function compare(
  client: CloudWatchLogsClient,
  durationMs: number,
  runs: number,
  to: number,
): Promise<string[]> {
  const directRuns: Run[] = [];
  const logsiftRuns: Run[] = [];
  const added: number[] = [];
  /** What Logsift added, as a share of the wait between its last two polls. */
  const shares: number[] = [];
  const waits: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A range of its own each run (a second apart: StartQuery takes seconds), so neither the
    // BFF's cache nor its joining of identical running queries answers it.
    const q = { datasource: datasourceId(durationMs), from: to - 86_400_000 - i * 1_000, to };
    const input = await startQueryOf(q);
    // Both at once, so they meet the same simulator and the same machine; they only wait.
    const [d, l] = await Promise.all([direct(client, input), viaLogsift(q)]);
    directRuns.push(d);
    logsiftRuns.push(l);
    const late = l.complete - d.complete;
    const wait = l.complete - (l.lastPoll ?? 0);
    added.push(late);
    waits.push(wait);
    shares.push(late / wait);
  }
  const dComplete = p50(directRuns.map((r) => r.complete));
  const lComplete = p50(logsiftRuns.map((r) => r.complete));
  const name = `cloudwatch ${durationMs / 1_000} s query`;
  return [
    `${name}: Run → first partial rows  direct p50 ${ms(p50(directRuns.map((r) => r.firstRows)))}, via Logsift p50 ${ms(p50(logsiftRuns.map((r) => r.firstRows)))} (${runs} runs)`,
    `${name}: Run → complete  direct p50 ${ms(dComplete)}, via Logsift p50 ${ms(lComplete)}, ratio ${(lComplete / dComplete).toFixed(2)}x; ${logsiftRuns.at(-1)?.rows ?? 0} rows, the last GetQueryResults p50 ${ms(p50(directRuns.map((r) => r.lastCall ?? NaN)))}`,
    `${name}: Logsift adds p50 ${ms(p50(added))} (worst ${ms(Math.max(...added))}) after completion; its last two polls p50 ${ms(p50(waits))} apart; added / that: p50 ${p50(shares).toFixed(2)}, worst ${Math.max(...shares).toFixed(2)}`,
  ];
}

/** A second identical query over the same absolute range: from the cache, no StartQuery. */
async function repeated(client: CloudWatchLogsClient, to: number): Promise<string> {
  // As many rows as the timed runs (a range of its own), so its time compares with theirs.
  const q = { datasource: datasourceId(CASES[0]?.durationMs ?? 0), from: to - 2 * 86_400_000, to };
  const first = await viaLogsift(q);
  const count = async () =>
    (await client.send(new DescribeQueriesCommand({ logGroupName: GROUP }))).queries?.length ?? 0;
  const before = await count();
  const again = await viaLogsift(q);
  const started = (await count()) - before;
  return `cloudwatch repeated query, same absolute range: first ${ms(first.complete)} scanning ${first.bytesScanned.toLocaleString('en-US')} bytes; again ${ms(again.complete)} scanning ${again.bytesScanned.toLocaleString('en-US')} bytes, ${again.rows} rows, ${started} StartQuery`;
}

export async function benchCloudWatch(): Promise<string[]> {
  const config = join(tmpdir(), `logsift-bench-cloudwatch-${process.pid}.yaml`);
  writeFileSync(
    config,
    `datasources:\n${CASES.map(
      (c, i) =>
        `  - id: ${datasourceId(c.durationMs)}\n    kind: cloudwatch\n    region: ${REGION}\n    endpoint: ${simUrl(i)}\n    logGroups: ['${GROUP}']\n`,
    ).join('')}`,
  );
  const sims = CASES.map((c, i) =>
    startProcess([
      'sim/main.ts',
      'cloudwatch',
      '--port',
      String(SIM_PORT + i),
      '--sample-scale',
      '0.2',
      '--latency-ms',
      String(LATENCY_MS),
      '--query-duration-ms',
      String(c.durationMs),
    ]),
  );
  // The SDK's default chain finds these, as on a laptop.
  const bff = startServer({
    PORT: String(BFF_PORT),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: config,
    LOGSIFT_OPEN: '0',
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
  });
  const clients = CASES.map(
    (_, i) =>
      new CloudWatchLogsClient({ region: REGION, endpoint: simUrl(i), credentials: CREDENTIALS }),
  );
  try {
    // The simulator has no health path: any answer, an AWS error for a GET, means it is up.
    for (let i = 0; i < CASES.length; i++) await waitFor(simUrl(i), () => true);
    await waitFor(`${BFF}/readyz`);
    const to = Date.now();
    const out: string[] = [
      `cloudwatch: simulator latency ${LATENCY_MS} ms a call; direct polls every ${DIRECT_POLL_MS} ms; Logsift polls after ${POLL.initialMs} ms, × ${POLL.factor}, up to ${POLL.maxMs} ms`,
    ];
    // One run first on each datasource, all at once: connections, credentials, the level
    // field lookup and the code's first runs are not what is measured.
    await Promise.all(
      CASES.map((c, i) => clients[i] && compare(clients[i], c.durationMs, 1, to - 60_000)),
    );
    for (const [i, c] of CASES.entries()) {
      const client = clients[i];
      if (client) out.push(...(await compare(client, c.durationMs, c.runs, to)));
    }
    if (clients[0]) out.push(await repeated(clients[0], to));
    return out;
  } finally {
    for (const client of clients) client.destroy();
    bff.kill('SIGTERM');
    for (const sim of sims) sim.kill('SIGTERM');
  }
}
