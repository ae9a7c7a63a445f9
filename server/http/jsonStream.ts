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

/** The answer's JSON in slices; `head` opens the object, so it can carry more members first. */
export async function* queryResponseChunks(answer: QueryPages, head = '{'): AsyncGenerator<string> {
  const cache = new WeakMap<object, string>();
  let first = true;
  yield `${head}"records":[`;
  for await (const page of answer.pages) {
    if (page.length === 0) continue;
    yield* recordSlices(page, cache, first);
    first = false;
  }
  yield `],${JSON.stringify(answer.end()).slice(1)}`;
}

const respond = (reply: FastifyReply, chunks: AsyncIterable<string>): FastifyReply =>
  reply.type('application/json; charset=utf-8').send(Readable.from(chunks, { objectMode: false }));

/** A whole answer in the shape of a paged one. */
export function asPages(response: QueryResponse): QueryPages {
  const { records, ...rest } = response;
  return {
    pages: (async function* () {
      yield records;
    })(),
    end: () => rest,
  };
}

/**
 * Sends a query answer as a stream of slices, each page as the datasource hands it over: the
 * first lines are on the wire while later pages are fetched, and 100,000 lines are never one
 * ~60 MB string plus its Buffer, which the BFF's memory budget has no room for.
 */
export function sendQueryPages(reply: FastifyReply, answer: QueryPages): FastifyReply {
  return respond(reply, queryResponseChunks(answer));
}
