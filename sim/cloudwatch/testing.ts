import { readFileSync } from 'node:fs';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  type GetQueryResultsCommandOutput,
  type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { expect } from 'vitest';
import { shapeOf } from '../elasticsearch/testing';
import { shapeGaps } from '../shape';

/** The real SDK, pointed at the simulator. */
export function client(url: string, region = 'us-east-1'): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    region,
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // Live Tail's endpoint is `stream-<host>` unless told otherwise; the simulator is one host.
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as T;
}

export function expectShape(actual: unknown, fixtureName: string): void {
  expect(shapeGaps(shapeOf(fixture(fixtureName)), shapeOf(actual))).toEqual([]);
}

/** A raw AWS JSON 1.1 call, for what the SDK would not send or hides from its caller. */
export async function rawCall(
  url: string,
  operation: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `Logs_20140328.${operation}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/logs/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: res.headers,
  };
}

/** Starts a query and polls it (without waiting between polls) until it ends. */
export async function runQuery(
  logs: CloudWatchLogsClient,
  input: StartQueryCommandInput,
): Promise<GetQueryResultsCommandOutput> {
  const { queryId } = await logs.send(new StartQueryCommand(input));
  for (;;) {
    const out = await logs.send(new GetQueryResultsCommand({ queryId }));
    if (out.status !== 'Scheduled' && out.status !== 'Running') return out;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A result row as an object of its fields. */
export function rowObject(row: { field?: string; value?: string }[]): Record<string, string> {
  return Object.fromEntries(row.map((f) => [f.field ?? '', f.value ?? '']));
}
