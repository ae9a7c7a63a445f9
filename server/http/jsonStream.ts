import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { LogRecord, QueryResponse } from '../../model';
import type { QueryPages } from '../datasources/datasource';

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

function* recordSlices(records: LogRecord[], cache: WeakMap<object, string>, first: boolean) {
  for (let i = 0; i < records.length; i += SLICE) {
    const slice = records.slice(i, i + SLICE).map((r) => recordJson(r, cache));
    yield (first && i === 0 ? '' : ',') + slice.join(',');
  }
}

async function* queryResponseChunks(answer: QueryPages): AsyncGenerator<string> {
  const cache = new WeakMap<object, string>();
  let first = true;
  yield '{"records":[';
  for await (const page of answer.pages) {
    if (page.length === 0) continue;
    yield* recordSlices(page, cache, first);
    first = false;
  }
  yield `],${JSON.stringify(answer.end()).slice(1)}`;
}

const respond = (reply: FastifyReply, chunks: AsyncIterable<string>): FastifyReply =>
  reply.type('application/json; charset=utf-8').send(Readable.from(chunks, { objectMode: false }));

/**
 * Sends a query answer as a stream of slices: 100,000 lines as one JSON string and its
 * Buffer would hold two copies of ~60 MB at once, which the BFF's memory budget has no room for.
 */
export function sendQueryResponse(reply: FastifyReply, response: QueryResponse): FastifyReply {
  const { records, ...rest } = response;
  return respond(
    reply,
    queryResponseChunks({
      pages: (async function* () {
        yield records;
      })(),
      end: () => rest,
    }),
  );
}

/**
 * Sends each page on as the datasource hands it over, so the first lines are on the wire
 * while later pages are still being fetched, and no more than a page or two is held here.
 */
export function sendQueryPages(reply: FastifyReply, answer: QueryPages): FastifyReply {
  return respond(reply, queryResponseChunks(answer));
}
