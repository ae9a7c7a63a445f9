import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudWatchSim } from '../../../sim/cloudwatch';
import type { DatasourceQuery } from '../datasource';
import { NOW, simDatasource, startSim } from './simTesting';

/**
 * A TCP proxy in front of the simulator that can play a server closing its idle kept-alive
 * connections: after `closeIdle()`, a request written on a connection open before it is
 * answered with a reset, as when the close and the request cross on the wire.
 */
class ClosingProxy {
  readonly server: Server;
  private readonly open = new Set<Socket>();
  private readonly closed = new WeakSet<Socket>();
  resets = 0;

  constructor(target: URL) {
    this.server = createServer((client) => {
      this.open.add(client);
      const upstream = createConnection(Number(target.port), target.hostname);
      client.on('data', (chunk) => {
        if (this.closed.has(client)) {
          this.resets++;
          upstream.destroy();
          client.resetAndDestroy();
          return;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => client.write(chunk));
      const end = () => {
        this.open.delete(client);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', end);
      client.on('error', end);
      upstream.on('close', end);
      upstream.on('error', end);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}`;
  }

  closeIdle(): void {
    for (const socket of this.open) this.closed.add(socket);
  }

  close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const HOUR = 3_600_000;
let sim: CloudWatchSim;
let proxy: ClosingProxy;
let endpoint: string;

beforeAll(async () => {
  sim = await startSim({ scheduledMs: 20, queryDurationMs: 150 });
  proxy = new ClosingProxy(new URL(sim.url));
  endpoint = await proxy.listen();
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});

const base: DatasourceQuery = {
  language: 'insights',
  query: 'filter @message like /GET/',
  fromMs: NOW - 6 * HOUR,
  toMs: NOW,
  limit: 50,
  direction: 'backward',
};

describe('CloudWatch connections', () => {
  it('sends a request again on a new connection when a kept-alive one was closed under it', async () => {
    const ds = simDatasource(
      sim,
      { endpoint, poll: { initialMs: 10, maxMs: 40 }, retry: { attempts: 0, initialMs: 10 } },
      () => NOW,
    );
    try {
      await ds.query(base, AbortSignal.timeout(15_000));
      // Every connection the SDK keeps is now one the server has given up on.
      proxy.closeIdle();
      const { records } = await ds.query(
        { ...base, fromMs: NOW - 5 * HOUR },
        AbortSignal.timeout(15_000),
      );
      expect(records.length).toBeGreaterThan(0);
      expect(proxy.resets).toBeGreaterThan(0);
    } finally {
      await ds.close();
    }
  });
});
