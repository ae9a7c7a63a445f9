import { indexNotFound, validationFailed } from './errors';
import { globToRegExp, type FieldType } from './mapping';
import { ok, type Handler } from './route';
import type { Index } from './store';

export const CLUSTER_NAME = 'logsift-sim';
const CLUSTER_UUID = 'lOgSiFtSiMcLuStErUuId0';

/** `GET /`: what clients read the distribution and version from. */
export const root: Handler = (req) => {
  const common = {
    name: 'logsift-sim-node-0',
    cluster_name: CLUSTER_NAME,
    cluster_uuid: CLUSTER_UUID,
  };
  if (req.state.options.flavor === 'opensearch') {
    return ok({
      ...common,
      version: {
        distribution: 'opensearch',
        number: '2.18.0',
        build_type: 'tar',
        build_hash: '99a9a81da366173b0c2b963b26ea92e15ef34547',
        build_date: '2024-10-31T19:08:04.231254959Z',
        build_snapshot: false,
        lucene_version: '9.12.0',
        minimum_wire_compatibility_version: '7.10.0',
        minimum_index_compatibility_version: '7.0.0',
      },
      tagline: 'The OpenSearch Project: https://opensearch.org/',
    });
  }
  return ok({
    ...common,
    version: {
      number: '8.15.3',
      build_flavor: 'default',
      build_type: 'docker',
      build_hash: 'f97532e680b555c3a05e73a74c28afb666923018',
      build_date: '2024-10-09T22:08:00.328917561Z',
      build_snapshot: false,
      lucene_version: '9.11.1',
      minimum_wire_compatibility_version: '7.17.0',
      minimum_index_compatibility_version: '7.0.0',
    },
    tagline: 'You Know, for Search',
  });
};

export const health: Handler = (req) => {
  const red = req.state.fault?.red === true;
  const shards = req.state.store.indices.size;
  return ok({
    cluster_name: CLUSTER_NAME,
    status: red ? 'red' : 'green',
    timed_out: false,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
    active_primary_shards: red ? shards - 1 : shards,
    active_shards: red ? shards - 1 : shards,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: red ? 1 : 0,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: red && shards > 0 ? ((shards - 1) / shards) * 100 : 100,
  });
};

const SEARCHABLE: Record<FieldType, [boolean, boolean]> = {
  text: [true, false],
  keyword: [true, true],
  date: [true, true],
  long: [true, true],
  float: [true, true],
  boolean: [true, true],
  object: [false, false],
};

/** Metadata fields as field caps lists them: [name, searchable, aggregatable]. */
const METADATA: [string, boolean, boolean][] = [
  ['_id', true, false],
  ['_index', true, true],
  ['_source', false, false],
  ['_version', false, true],
  ['_seq_no', true, true],
  ['_ignored', true, false],
  ['_routing', true, false],
  ['_field_names', true, false],
  ['_doc_count', false, false],
  ['_feature', false, false],
];

function fieldCaps(
  indices: Index[],
  patterns: RegExp[],
  withDataStream: boolean,
  elasticsearch: boolean,
): Record<string, unknown> {
  const fields: Record<string, Record<string, Record<string, unknown>>> = {};
  const byType = new Map<string, Map<string, string[]>>();
  for (const index of indices) {
    for (const [name, def] of index.mapping) {
      if (!patterns.some((p) => p.test(name))) continue;
      let types = byType.get(name);
      if (!types) byType.set(name, (types = new Map()));
      const list = types.get(def.type) ?? [];
      types.set(def.type, [...list, index.name]);
    }
  }
  for (const [name, types] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    fields[name] = {};
    for (const [type, names] of types) {
      const [searchable, aggregatable] = SEARCHABLE[type as FieldType];
      (fields[name] as Record<string, unknown>)[type] = {
        type,
        metadata_field: false,
        searchable,
        aggregatable,
        ...(types.size > 1 ? { indices: names } : {}),
      };
    }
  }
  const metadata: [string, boolean, boolean][] = [
    ...METADATA,
    ...(elasticsearch ? ([['_tier', true, true]] as [string, boolean, boolean][]) : []),
    ...(withDataStream
      ? ([['_data_stream_timestamp', false, false]] as [string, boolean, boolean][])
      : []),
  ];
  for (const [name, searchable, aggregatable] of metadata) {
    if (indices.length === 0 || !patterns.some((p) => p.test(name))) continue;
    fields[name] = { [name]: { type: name, metadata_field: true, searchable, aggregatable } };
  }
  return fields;
}

/** `_field_caps?fields=…`: one entry per field and type; several types list their indices. */
export const fieldCapsRoute: Handler = (req) => {
  const fieldsParam = req.query.get('fields');
  const bodyFields = req.raw.trim()
    ? (JSON.parse(req.raw) as { fields?: string[] }).fields
    : undefined;
  const names = fieldsParam?.split(',') ?? bodyFields;
  if (!names || names.length === 0) throw validationFailed('no fields specified');
  const resolved = req.state.store.resolve(
    req.params.target ?? '_all',
    req.query.get('ignore_unavailable') === 'true',
  );
  const withDataStream = resolved.indices.some((i) => i.dataStream !== undefined);
  const elasticsearch = req.state.options.flavor === 'elasticsearch';
  return ok({
    indices: resolved.indices.map((i) => i.name),
    fields: fieldCaps(resolved.indices, names.map(globToRegExp), withDataStream, elasticsearch),
  });
};

/** `_resolve/index/<pattern>`: open indices, their data streams, and the streams' backing indices. */
export const resolveIndex: Handler = (req) => {
  const store = req.state.store;
  const wildcards = req.query.get('expand_wildcards') ?? 'open';
  const hiddenToo = /all|hidden/.test(wildcards);
  const indices = new Map<string, Index>();
  const streams = new Map<
    string,
    { name: string; backing_indices: string[]; timestamp_field: string }
  >();
  for (const part of (req.params.target ?? '*').split(',')) {
    const matched = store.match(part, hiddenToo);
    if (!part.includes('*') && matched.indices.length + matched.dataStreams.length === 0)
      throw indexNotFound(part);
    for (const index of matched.indices) indices.set(index.name, index);
    for (const s of matched.dataStreams) {
      streams.set(s.name, {
        name: s.name,
        backing_indices: [...s.backing],
        timestamp_field: s.timestampField,
      });
    }
  }
  return ok({
    indices: [...indices.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((i) => ({
        name: i.name,
        attributes: i.hidden ? ['hidden', 'open'] : ['open'],
        ...(i.dataStream ? { data_stream: i.dataStream } : {}),
      })),
    aliases: [],
    data_streams: [...streams.values()].sort((a, b) => a.name.localeCompare(b.name)),
  });
};
