import { illegalArgument, validationFailed, type Cause } from './errors';
import { explicitMapping } from './mapping';
import { ok, type Handler } from './route';
import { dayOf, type Doc, type Index, type Store } from './store';

type Json = Record<string, unknown>;

const SHARDS = { total: 2, successful: 1, failed: 0 };

/** Where a write to `name` lands: an index (made on first write) or a data stream's newest one. */
function writeIndex(store: Store, name: string, ts: number | undefined): Index | Cause {
  const stream = store.dataStreams.get(name);
  if (stream) {
    if (ts === undefined) {
      return {
        type: 'document_parsing_exception',
        reason: `[1:1] failed to parse: data stream timestamp field [${stream.timestampField}] is missing`,
      };
    }
    return store.indices.get(stream.backing.at(-1) ?? '') ?? store.backingIndex(stream, dayOf(ts));
  }
  return store.indices.get(name) ?? store.createIndex(name, explicitMapping({}));
}

function timestampOf(source: Json): number | undefined {
  const value = source['@timestamp'];
  const ms =
    typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

export interface BulkItem {
  action: 'index' | 'create' | 'delete' | 'update';
  index: string;
  id?: string;
  source?: Json;
}

/** One write, answered as a bulk item: created/updated/deleted or an error with its status. */
export function applyItem(store: Store, item: BulkItem): Json {
  const { action, id } = item;
  const failure = (status: number, cause: Cause, indexName = item.index) => ({
    [action]: { _index: indexName, _id: id ?? null, status, error: cause },
  });
  if (action === 'update') {
    return failure(400, {
      type: 'illegal_argument_exception',
      reason: 'the simulator does not implement bulk updates',
    });
  }
  const isStream = store.dataStreams.has(item.index);
  if (isStream && action !== 'create') {
    return failure(400, {
      type: 'illegal_argument_exception',
      reason: `only write ops with an op_type of create are allowed in data streams`,
    });
  }
  if (action === 'delete') {
    const index = store.indices.get(item.index);
    const found = index !== undefined && id !== undefined && store.delete(index, id);
    const before = index && id !== undefined ? index.byId.get(id) : undefined;
    return {
      delete: {
        _index: item.index,
        _id: id ?? null,
        _version: (before?.version ?? 0) + 1,
        result: found ? 'deleted' : 'not_found',
        _shards: SHARDS,
        _seq_no: store.seq,
        _primary_term: 1,
        status: found ? 200 : 404,
      },
    };
  }
  const source = item.source ?? {};
  const target = writeIndex(store, item.index, timestampOf(source));
  if (!(target.mapping instanceof Map)) return failure(400, target as Cause);
  const index = target as Index;
  const existing: Doc | undefined = id === undefined ? undefined : index.byId.get(id);
  if (action === 'create' && existing && existing.deleted === undefined) {
    return failure(
      409,
      {
        type: 'version_conflict_engine_exception',
        reason: `[${id}]: version conflict, document already exists (current version [${existing.version}])`,
        index_uuid: index.uuid,
        shard: '0',
        index: index.name,
      },
      index.name,
    );
  }
  store.mapNew(index, source);
  const doc = store.put(index, source, id);
  const updated = existing !== undefined && existing.deleted === doc.seq;
  return {
    [action]: {
      _index: index.name,
      _id: doc.id,
      _version: doc.version,
      result: updated ? 'updated' : 'created',
      _shards: SHARDS,
      _seq_no: index.docs.length - 1,
      _primary_term: 1,
      status: updated ? 200 : 201,
    },
  };
}

/** `_bulk`: NDJSON action lines, each but delete followed by a source; updates are refused per item. */
export const bulkRoute: Handler = (req) => {
  const started = Date.now();
  if (req.raw.length > 0 && !req.raw.endsWith('\n')) {
    throw illegalArgument('The bulk request must be terminated by a newline [\\n]');
  }
  const lines = req.raw.split('\n').filter((l) => l.trim() !== '');
  const items: BulkItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const action = JSON.parse(lines[i] ?? '{}') as Json;
    const [name = ''] = Object.keys(action);
    const meta = (action[name] ?? {}) as Json;
    if (name !== 'index' && name !== 'create' && name !== 'delete' && name !== 'update') {
      throw illegalArgument(
        `Malformed action/metadata line [${i + 1}], expected one of [create, delete, index, update] but found [${name}]`,
      );
    }
    const index = typeof meta._index === 'string' ? meta._index : req.params.target;
    if (index === undefined) throw validationFailed('index is missing');
    const id = meta._id === undefined ? undefined : String(meta._id);
    const source = name === 'delete' ? undefined : (JSON.parse(lines[++i] ?? '{}') as Json);
    items.push({
      action: name,
      index,
      ...(id === undefined ? {} : { id }),
      ...(source ? { source } : {}),
    });
  }
  if (items.length === 0) throw validationFailed('no requests added');
  const results = items.map((item) => applyItem(req.state.store, item));
  const errors = results.some((r) => Object.values(r).some((v) => (v as Json).error !== undefined));
  return ok({ errors, took: Date.now() - started, items: results });
};
