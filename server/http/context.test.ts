import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_PRINCIPAL } from '../auth/principal';
import { LogsiftError } from '../../model';
import { LogsiftConfigSchema } from '../config/schema';
import { createDatasources, type DatasourceRegistry } from '../datasources/registry';
import { createAudit } from '../audit/audit';
import { createRunner, type ServerContext } from './context';
import { createMetrics } from './metrics';

const config = LogsiftConfigSchema.parse({
  datasources: [{ id: 'local', kind: 'local', replay: false }],
  server: { limits: { queryTimeoutMs: 50, maxConcurrentQueries: 1 } },
});
let registry: DatasourceRegistry;
let ctx: ServerContext;

beforeAll(async () => {
  registry = await createDatasources(config.datasources, { sampleScale: 0.02 });
  ctx = {
    config,
    limits: config.server.limits,
    datasources: registry,
    metrics: createMetrics(),
    audit: createAudit({ enabled: false, sink: { write: () => undefined }, now: Date.now }),
    draining: () => false,
    now: Date.now,
  };
});
afterAll(() => registry.closeAll());

/** A real response object: its 'close' is what Node emits when the client goes away. */
function openReply(): FastifyReply & { raw: ServerResponse } {
  const raw = new ServerResponse(new IncomingMessage(new Socket()));
  const request = {
    id: 'req-1',
    url: '/api/v1/query',
    routeOptions: {},
    principal: ANONYMOUS_PRINCIPAL,
  };
  return { raw, request } as unknown as FastifyReply & { raw: ServerResponse };
}

const never = (signals: AbortSignal[]) => (signal: AbortSignal) => {
  signals.push(signal);
  return new Promise<never>(() => undefined);
};

describe('createRunner', () => {
  it('answers timeout at the deadline even when the call ignores its signal', async () => {
    const run = createRunner(ctx);
    const signals: AbortSignal[] = [];
    const started = Date.now();
    const error = await run(
      openReply(),
      registry.get('local', ANONYMOUS_PRINCIPAL),
      'query',
      never(signals),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogsiftError);
    expect(error).toMatchObject({ code: 'timeout', message: /local did not answer within 50 ms/ });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(signals[0]?.aborted).toBe(true);
  });

  it("takes a datasource's own deadline over the server's", async () => {
    const run = createRunner(ctx);
    const local = registry.get('local', ANONYMOUS_PRINCIPAL);
    const patient = Object.assign(Object.create(local) as typeof local, { queryTimeoutMs: 300 });
    const started = Date.now();
    const error = await run(openReply(), patient, 'query', never([])).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout', message: /within 300 ms/ });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('aborts the call when the client goes away', async () => {
    const run = createRunner(ctx);
    const reply = openReply();
    const aborted = new Promise<boolean>((resolve) => {
      void run(reply, registry.get('local', ANONYMOUS_PRINCIPAL), 'query', (signal) => {
        signal.addEventListener('abort', () => resolve(true));
        return new Promise<never>(() => undefined);
      }).catch(() => undefined);
    });
    reply.raw.emit('close');
    expect(await aborted).toBe(true);
  });

  it('refuses a query over the concurrency limit and frees the slot after', async () => {
    const run = createRunner(ctx);
    const ds = registry.get('local', ANONYMOUS_PRINCIPAL);
    const first = run(openReply(), ds, 'query', never([])).catch((e: unknown) => e);
    await expect(run(openReply(), ds, 'query', never([]))).rejects.toMatchObject({
      code: 'limit',
    });
    expect(await first).toMatchObject({ code: 'timeout' });
    const answer = await run(openReply(), ds, 'values', (signal) =>
      ds.values({ field: 'namespace', fromMs: 0, toMs: Date.now(), language: 'logql' }, signal),
    );
    expect(answer).toContain('payments');
  });
});
