import { esError } from './errors';
import type { FieldType, Mapping } from './mapping';
import { jsonBody, ok, type Handler } from './route';

type Json = Record<string, unknown>;

/** Mapping types as the simulator models them: every integer and float width folds into one. */
const TYPES: Record<string, FieldType> = {
  text: 'text',
  match_only_text: 'text',
  keyword: 'keyword',
  constant_keyword: 'keyword',
  wildcard: 'keyword',
  date: 'date',
  date_nanos: 'date',
  long: 'long',
  integer: 'long',
  short: 'long',
  byte: 'long',
  double: 'float',
  float: 'float',
  half_float: 'float',
  scaled_float: 'float',
  boolean: 'boolean',
  object: 'object',
  nested: 'object',
  flattened: 'keyword',
};

function addProperties(mapping: Mapping, properties: unknown, prefix: string): void {
  if (typeof properties !== 'object' || properties === null) return;
  for (const [name, raw] of Object.entries(properties as Json)) {
    const spec = (raw ?? {}) as Json;
    const path = prefix ? `${prefix}.${name}` : name;
    const declared = typeof spec.type === 'string' ? spec.type : 'object';
    const type = TYPES[declared];
    if (!type) {
      throw esError(400, {
        type: 'mapper_parsing_exception',
        reason: `No handler for type [${declared}] declared on field [${name}]`,
      });
    }
    mapping.set(path, { type, sourcePath: path });
    addProperties(mapping, spec.properties, path);
    // Multi-fields (`fields: {keyword: {type: keyword}}`) read their parent's value.
    for (const [sub, subSpec] of Object.entries((spec.fields ?? {}) as Json)) {
      const subType = TYPES[String((subSpec as Json).type)] ?? 'keyword';
      mapping.set(`${path}.${sub}`, { type: subType, sourcePath: path });
    }
  }
}

/** `PUT /<index>` with `mappings.properties`: an index with explicit field types. */
export const createIndexRoute: Handler = (req) => {
  const name = req.params.target ?? '';
  const { store } = req.state;
  const existing = store.indices.get(name);
  if (existing) {
    throw esError(400, {
      type: 'resource_already_exists_exception',
      reason: `index [${name}/${existing.uuid}] already exists`,
      index_uuid: existing.uuid,
      index: name,
    });
  }
  const body = jsonBody(req);
  const mapping: Mapping = new Map();
  addProperties(mapping, (body.mappings as Json | undefined)?.properties, '');
  store.createIndex(name, mapping);
  return ok({ acknowledged: true, shards_acknowledged: true, index: name });
};
