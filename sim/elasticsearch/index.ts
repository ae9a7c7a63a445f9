import { applyItem } from './bulk';
import { EsError } from './errors';
import {
  resolveOptions,
  type ElasticsearchSimFault,
  type ElasticsearchSimOptions,
  type RecordedRequest,
} from './options';
import { PitRegistry } from './pit';
import type { SimState } from './route';
import { loadSamples } from './samples';
import { createSimServer } from './server';
import { Store } from './store';
import { listen } from '../listen';

export type {
  ElasticsearchSimAuth,
  ElasticsearchSimFault,
  ElasticsearchSimOptions,
  Flavor,
  RecordedRequest,
} from './options';
export { DATA_STREAM } from './samples';

export interface ElasticsearchSim {
  url: string;
  port: number;
  close(): Promise<void>;
  /**
   * Indexes documents as `_bulk` would (an `_id` key in a document becomes its id), into an
   * index (made on first use, dynamically mapped) or a data stream. Returns the ids.
   */
  bulk(index: string, docs: Record<string, unknown>[]): string[];
  /** Every request so far, oldest first; tests may clear it with `requests.length = 0`. */
  requests: RecordedRequest[];
  setFault(fault: ElasticsearchSimFault | undefined): void;
}

/** Starts an Elasticsearch 8 (or OpenSearch 2) stand-in over the bundled samples. */
export async function startElasticsearchSim(
  options: ElasticsearchSimOptions = {},
): Promise<ElasticsearchSim> {
  const resolved = resolveOptions(options);
  const store = new Store();
  const stopSamples = await loadSamples(store, resolved.now, resolved.sampleScale, resolved.replay);
  const pits = new PitRegistry(resolved.now, resolved.pitKeepAliveMaxMs, resolved.flavor);
  const state: SimState = { options: resolved, store, pits, fault: undefined };
  const requests: RecordedRequest[] = [];
  const server = createSimServer(state, requests);
  const listening = await listen(server, resolved.port, resolved.host);
  return {
    url: listening.url,
    port: listening.port,
    requests,
    bulk(index, docs) {
      return docs.map((doc) => {
        const { _id, ...source } = doc;
        const action = store.dataStreams.has(index) ? 'create' : 'index';
        const item = applyItem(store, {
          action,
          index,
          source,
          ...(_id === undefined ? {} : { id: String(_id) }),
        });
        const result = item[action] as { _id: string; status: number; error?: unknown };
        if (result.error) throw new EsError(result.status, result.error);
        return result._id;
      });
    },
    setFault(fault) {
      state.fault = fault;
      if (fault?.expirePits) pits.expireAll();
    },
    async close() {
      stopSamples();
      await listening.close();
    },
  };
}
