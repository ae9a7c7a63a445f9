import {
  DescribeLogGroupsCommand,
  GetLogGroupFieldsCommand,
  paginateDescribeLogGroups,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchSim, type CloudWatchSim } from './index';
import { client, expectShape, rawCall } from './testing';

const NOW = Date.parse('2026-03-02T12:00:00Z');
let sim: CloudWatchSim;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  sim = await startCloudWatchSim({ sampleScale: 0.01, replay: false, now: () => NOW });
  logs = client(sim.url);
  sim.putLogEvents('/aws/lambda/export', '2026/03/02/[$LATEST]abc', [
    { timestamp: NOW - 60_000, message: 'START RequestId: 1' },
  ]);
  sim.putLogEvents('/aws/lambda/Zeta', 's', [{ timestamp: NOW, message: 'x' }]);
});
afterAll(() => sim.close());

describe('DescribeLogGroups', () => {
  it('lists the Container Insights and control-plane groups in ASCII order, in the fixture shape', async () => {
    const { logGroups, nextToken } = await logs.send(new DescribeLogGroupsCommand({}));
    expect(logGroups?.map((g) => g.logGroupName)).toEqual([
      '/aws/containerinsights/logsift-shop/application',
      '/aws/containerinsights/logsift-shop/dataplane',
      '/aws/eks/logsift-shop/cluster',
      '/aws/lambda/Zeta',
      '/aws/lambda/export',
    ]);
    expect(nextToken).toBeUndefined();
    const { json } = await rawCall(sim.url, 'DescribeLogGroups', { limit: 1 });
    expectShape(json, 'describe_log_groups_response.json');
    expect((json.logGroups as Record<string, unknown>[])[0]).toMatchObject({
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/containerinsights/logsift-shop/application:*',
      logGroupArn:
        'arn:aws:logs:us-east-1:123456789012:log-group:/aws/containerinsights/logsift-shop/application',
      retentionInDays: 30,
      logGroupClass: 'STANDARD',
      storedBytes: expect.any(Number),
    });
  });

  it('pages with nextToken, through the SDK paginator', async () => {
    const names: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 2 }, {})) {
      expect(page.logGroups?.length).toBeLessThanOrEqual(2);
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName ?? ''));
    }
    expect(names).toHaveLength(5);
    expect(new Set(names).size).toBe(5);
  });

  it('filters by prefix or by a case-sensitive substring, not both', async () => {
    const prefixed = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }),
    );
    expect(prefixed.logGroups?.map((g) => g.logGroupName)).toEqual([
      '/aws/lambda/Zeta',
      '/aws/lambda/export',
    ]);
    const pattern = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePattern: 'logsift' }),
    );
    expect(pattern.logGroups).toHaveLength(3);
    const both = await logs
      .send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws', logGroupNamePattern: 'x' }))
      .catch((e: unknown) => e);
    expect(both).toMatchObject({ name: 'InvalidParameterException' });
    const tooMany = await logs
      .send(new DescribeLogGroupsCommand({ limit: 51 }))
      .catch((e: unknown) => e);
    expect(tooMany).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("Value '51' at 'limit' failed to satisfy constraint"),
    });
  });
});

describe('GetLogGroupFields', () => {
  it('gives system and discovered fields with their share, most frequent first', async () => {
    const { logGroupFields } = await logs.send(
      new GetLogGroupFieldsCommand({ logGroupName: sim.groups.application }),
    );
    const byName = Object.fromEntries((logGroupFields ?? []).map((f) => [f.name, f.percent]));
    expect(byName).toMatchObject({
      '@timestamp': 100,
      '@message': 100,
      '@logStream': 100,
      log: 100,
      stream: 100,
      'kubernetes.namespace_name': 100,
    });
    const percents = (logGroupFields ?? []).map((f) => f.percent ?? 0);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
  });

  it('looks 8 minutes either side of `time` (seconds), else at the last 15 minutes', async () => {
    const around = await logs.send(
      new GetLogGroupFieldsCommand({ logGroupName: '/aws/lambda/export', time: NOW / 1000 - 60 }),
    );
    expect(around.logGroupFields?.map((f) => f.name)).toContain('@message');
    const later = await logs.send(
      new GetLogGroupFieldsCommand({ logGroupName: '/aws/lambda/export', time: NOW / 1000 + 600 }),
    );
    expect(later.logGroupFields).toEqual([]);
    const recent = await logs.send(
      new GetLogGroupFieldsCommand({ logGroupIdentifier: '/aws/lambda/export' }),
    );
    expect(recent.logGroupFields?.length).toBeGreaterThan(0);
  });
});
