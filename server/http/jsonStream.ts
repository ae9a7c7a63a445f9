import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { LogRecord, QueryResponse } from '../../model';

/** Records serialized per slice: small enough to keep memory flat, big enough to be fast. */
const SLICE = 500;

/**
 * One record's JSON, as JSON.stringify writes it (same keys, same order). Label sets are
 * usually one object per stream shared by its records, so each is serialized once.
 */
function recordJson(r: LogRecord, cache: WeakMap<object, string>): string {
  const object = (value: Record<string, string>) => {
    let text = cache.get(value);
    if (text === undefined) cache.set(value, (text = JSON.stringify(value)));
    return text;
  };
  return `{"id":${JSON.stringify(r.id)},"ts":"${r.ts}","line":${JSON.stringify(r.line)},"labels":${object(r.labels)},"fields":${object(r.fields)},"level":"${r.level}","source":${JSON.stringify(r.source)}}`;
}

function* queryResponseChunks(response: QueryResponse): Generator<string> {
  const { records, ...rest } = response;
  const cache = new WeakMap<object, string>();
  yield '{"records":[';
  for (let i = 0; i < records.length; i += SLICE) {
    const slice = records.slice(i, i + SLICE).map((r) => recordJson(r, cache));
    yield (i > 0 ? ',' : '') + slice.join(',');
  }
  yield `],${JSON.stringify(rest).slice(1)}`;
}

/**
 * Sends a query answer as a stream of slices: 100,000 lines as one JSON string and its
 * Buffer would hold two copies of ~60 MB at once, which the BFF's memory budget has no room for.
 */
export function sendQueryResponse(reply: FastifyReply, response: QueryResponse): FastifyReply {
  return reply
    .type('application/json; charset=utf-8')
    .send(Readable.from(queryResponseChunks(response), { objectMode: false }));
}
