import type { Labels } from '../../model';
import { SimDatabase, type PushValue } from './database';
import {
  resolveOptions,
  type LokiSimFault,
  type LokiSimOptions,
  type RecordedRequest,
} from './options';
import { loadSamples } from './samples';
import { createSimServer, type SimState } from './server';
import { listen } from '../listen';

export type { LokiSimFault, LokiSimOptions, RecordedRequest } from './options';
export type { PushValue } from './database';

export interface LokiSim {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Stores entries as a push would (tenant "fake" unless given, as Loki with auth off). */
  push(labels: Labels, values: PushValue[], tenant?: string): void;
  /** Every request so far, oldest first; tests may clear it with `requests.length = 0`. */
  requests: RecordedRequest[];
  setFault(fault: LokiSimFault | undefined): void;
}

/** Starts a Loki stand-in over the bundled samples; resolves once it listens. */
export async function startLokiSim(options: LokiSimOptions = {}): Promise<LokiSim> {
  const resolved = resolveOptions(options);
  const db = new SimDatabase(resolved.loki3, resolved.requireTenant, resolved.samplesTenant);
  const stopSamples = await loadSamples(db, resolved.now, resolved.sampleScale, resolved.replay);
  const state: SimState = { options: resolved, db, requests: [], fault: undefined };
  const { server, sockets } = createSimServer(state);
  const listening = await listen(server, resolved.port, resolved.host);
  return {
    url: listening.url,
    port: listening.port,
    requests: state.requests,
    push: (labels, values, tenant = 'fake') => db.view(tenant).push(labels, values),
    setFault(fault) {
      state.fault = fault;
    },
    async close() {
      stopSamples();
      // Upgraded sockets are no longer the HTTP server's: end tails before it waits on them.
      for (const socket of sockets.clients) socket.terminate();
      await listening.close();
    },
  };
}
