import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogsiftError } from '../../model';
import { LogsiftConfigSchema } from '../config/schema';
import { createDatasources, type DatasourceRegistry } from '../datasources/registry';
import { createAudit } from '../audit/audit';
import { ANONYMOUS_PRINCIPAL } from '../auth/principal';
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
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const aborted = new Promise<boolean>((resolve) => {
      void run(reply, registry.get('local', ANONYMOUS_PRINCIPAL), 'query', (signal) => {
        signal.addEventListener('abort', () => resolve(true));
        started();
        return new Promise<never>(() => undefined);
      }).catch(() => undefined);
    });
    await running;
    reply.raw.emit('close');
    expect(await aborted).toBe(true);
  });

  it('queues a query over the concurrency limit and runs it when the slot frees', async () => {
    const run = createRunner(ctx);
    const ds = registry.get('local', ANONYMOUS_PRINCIPAL);
    const order: string[] = [];
    const first = run(openReply(), ds, 'query', async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('first');
      return 1;
    });
    const second = run(openReply(), ds, 'values', (signal) => {
      order.push('second starts');
      return ds.values(
        { field: 'namespace', fromMs: 0, toMs: Date.now(), language: 'logql' },
        signal,
      );
    });
    expect(await first).toBe(1);
    expect(await second).toContain('payments');
    expect(order).toEqual(['first', 'second starts']);
  });

  it('a queued query that outwaits its deadline says Logsift is busy; one whose client left frees its place', async () => {
    const run = createRunner(ctx);
    const ds = registry.get('local', ANONYMOUS_PRINCIPAL);
    const patient = Object.assign(Object.create(ds) as typeof ds, { queryTimeoutMs: 300 });
    const held = run(openReply(), patient, 'query', never([])).catch((e: unknown) => e);
    const gone = openReply();
    let goneRan = false;
    const leaving = run(gone, ds, 'query', async () => {
      goneRan = true;
      return 0;
    }).catch((e: unknown) => e);
    gone.raw.emit('close');
    const waited = run(openReply(), ds, 'query', never([])).catch((e: unknown) => e);
    expect(await leaving).toMatchObject({ code: 'timeout' });
    expect(goneRan).toBe(false);
    expect(await held).toMatchObject({ code: 'timeout', message: /did not answer within 300 ms/ });
    expect(await waited).toMatchObject({
      code: 'timeout',
      message: 'waited 50 ms for one of the 1 query slots; Logsift is busy, try again shortly',
    });
    expect(await run(openReply(), ds, 'query', async () => 7)).toBe(7);
  });

  it('refuses at once when the queue is full too', async () => {
    const run = createRunner({ ...ctx, limits: { ...ctx.limits, maxQueuedQueries: 0 } });
    const ds = registry.get('local', ANONYMOUS_PRINCIPAL);
    const first = run(openReply(), ds, 'query', never([])).catch((e: unknown) => e);
    await expect(run(openReply(), ds, 'query', never([]))).rejects.toMatchObject({
      code: 'limit',
      message: '1 queries running and 0 waiting; try again shortly',
    });
    expect(await first).toMatchObject({ code: 'timeout' });
  });
});
