import {
  DescribeLogGroupsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchSim, type CloudWatchSim } from './index';
import { client, expectShape, rawCall, runQuery } from './testing';

let sim: CloudWatchSim;
let logs: CloudWatchLogsClient;
const day = {
  startTime: Math.floor(Date.now() / 1000) - 86_400,
  endTime: Math.floor(Date.now() / 1000),
};

beforeAll(async () => {
  sim = await startCloudWatchSim({
    sampleScale: 0,
    replay: false,
    scheduledMs: 0,
    queryDurationMs: 20,
  });
  logs = client(sim.url);
});
afterAll(() => sim.close());
afterEach(() => sim.setFault(undefined));

describe('AWS JSON 1.1', () => {
  it('answers the SDK with x-amzn-RequestId and records the signed request', async () => {
    sim.requests.length = 0;
    const out = await logs.send(new DescribeLogGroupsCommand({ limit: 1 }));
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [recorded] = sim.requests;
    expect(recorded?.operation).toBe('DescribeLogGroups');
    expect(recorded?.json).toEqual({ limit: 1 });
    expect(recorded?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(recorded?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/us-east-1\/logs\/aws4_request, SignedHeaders=.+, Signature=[0-9a-f]{64}$/,
    );
  });

  it('answers errors as {__type, message} with the code in x-amzn-ErrorType', async () => {
    const { status, json, headers } = await rawCall(sim.url, 'StartQuery', {
      logGroupName: sim.groups.application,
      queryString: 'fields a | bad',
      ...day,
    });
    expect(status).toBe(400);
    expectShape(json, 'error_malformed_query_400_stub.json');
    expect(headers.get('x-amzn-errortype')).toBe('MalformedQueryException');
    expect(headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['no Authorization header', { authorization: '' }, 'MissingAuthenticationTokenException'],
    ['another scheme', { authorization: 'Basic dGVzdDp0ZXN0' }, 'IncompleteSignatureException'],
    [
      'no Signature',
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/logs/aws4_request, SignedHeaders=host',
      },
      'IncompleteSignatureException',
    ],
    [
      'another service',
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ab',
      },
      'InvalidSignatureException',
    ],
  ])('refuses %s', async (_, headers, code) => {
    const { status, json } = await rawCall(sim.url, 'DescribeLogGroups', {}, headers);
    expect(status).toBe(400);
    expect(json.__type).toBe(code);
  });

  it('refuses an unknown operation and a body that is not JSON', async () => {
    expect((await rawCall(sim.url, 'PutLogEvents', {})).json.__type).toBe(
      'UnknownOperationException',
    );
    expect((await rawCall(sim.url, 'DescribeLogGroups', '{nope')).json.__type).toBe(
      'SerializationException',
    );
  });

  it('refuses a client signing for another region', async () => {
    const error = await client(sim.url, 'eu-west-1')
      .send(new DescribeLogGroupsCommand({}))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidSignatureException' });
  });
});

describe('faults', () => {
  it('throttles the next N matching requests with ThrottlingException "Rate exceeded"', async () => {
    sim.setFault({ throttle: 2, operations: ['DescribeLogGroups'] });
    const send = () => logs.send(new DescribeLogGroupsCommand({})).catch((e: unknown) => e);
    expect(await send()).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
    await expect(logs.send(new GetQueryResultsCommand({ queryId: 'x' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(await send()).toMatchObject({ name: 'ThrottlingException' });
    expect(await send()).toMatchObject({ logGroups: expect.any(Array) });
  });

  it.each([
    [
      { expiredCredentials: true },
      'ExpiredTokenException',
      'The security token included in the request is expired',
    ],
    [
      { accessDenied: true },
      'AccessDeniedException',
      'is not authorized to perform: logs:DescribeLogGroups',
    ],
  ])('answers %j with %s', async (fault, name, message) => {
    sim.setFault(fault);
    const error = await logs.send(new DescribeLogGroupsCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name, message: expect.stringContaining(message) });
  });

  it.each(['Failed', 'Timeout', 'Cancelled'] as const)('ends queries %s', async (status) => {
    sim.setFault({ queryEndsWith: status });
    const out = await runQuery(logs, {
      logGroupName: sim.groups.application,
      queryString: 'fields @message',
      ...day,
    });
    expect(out.status).toBe(status);
    if (status === 'Failed') expect(out.results).toEqual([]);
    else expect(out.results?.length).toBeGreaterThan(0);
  });

  it('slows answers by delayMs', async () => {
    sim.setFault({ delayMs: 120 });
    const started = performance.now();
    await logs.send(new DescribeLogGroupsCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('adds the latencyMs option to every answer', async () => {
    const slow = await startCloudWatchSim({ sampleScale: 0, replay: false, latencyMs: 100 });
    try {
      const started = performance.now();
      await client(slow.url).send(
        new StartQueryCommand({
          logGroupName: slow.groups.dataplane,
          queryString: 'fields a',
          ...day,
        }),
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    } finally {
      await slow.close();
    }
  });
});
