import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../model';
import { startCloudWatchSim, type CloudWatchSim } from '../../sim/cloudwatch';
import { ANONYMOUS_PRINCIPAL } from '../auth/principal';
import { startTestLogsift, type TestLogsift } from '../testing';

/** Queries carry who asks: CloudWatch's daily scan budget, against its simulator, is each person's. */
let sim: CloudWatchSim;
let logsift: TestLogsift;
let app: FastifyInstance;
const saved = { ...process.env };

beforeAll(async () => {
  sim = await startCloudWatchSim({
    sampleScale: 0.02,
    replay: false,
    scheduledMs: 50,
    queryDurationMs: 200,
  });
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLOGSIFTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'logsift-test-secret';
  logsift = await startTestLogsift(
    {
      datasources: [
        {
          id: 'cw',
          kind: 'cloudwatch',
          region: 'us-east-1',
          endpoint: sim.url,
          logGroups: [sim.groups.application],
          poll: { initialMs: 50, maxMs: 100 },
          // One byte a day: a person's first query uses their day up.
          budget: { perUserPerDayBytes: 1 },
        },
      ],
    },
    { auditSink: { write: () => undefined } },
  );
  app = logsift.app;
  app.addHook('onRequest', async (request) => {
    const who = request.headers['x-test-user'];
    const person: Principal = {
      id: String(who),
      name: String(who),
      groups: [],
      unrestricted: false,
    };
    request.principal = typeof who === 'string' ? person : ANONYMOUS_PRINCIPAL;
  });
});
afterAll(async () => {
  await logsift.close();
  await sim.close();
  process.env = saved;
});

const ask = (who: string, query: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/query',
    headers: { 'x-test-user': who },
    payload: { datasource: 'cw', language: 'insights', query, from: 'now-24h', to: 'now' },
  });

const message = (body: string) =>
  (JSON.parse(body) as { error?: { message: string } }).error?.message ?? '';

describe('the user of a query', () => {
  it("is the signed-in person: one person's spent day leaves the others' intact", async () => {
    await ask('alice', 'limit 1');
    const again = await ask('alice', 'limit 2');
    expect(message(again.body)).toMatch(/daily CloudWatch scan budget of 1 B for alice is used up/);
    const bob = await ask('bob', 'limit 3');
    expect(message(bob.body)).not.toMatch(/used up/);
  });
});
