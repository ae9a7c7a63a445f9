import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { LogRecord, QueryResponse } from '../../model';
import type { QueryPages } from '../datasources/datasource';

/** Records serialized per slice: small enough to keep memory flat, big enough to be fast. */
const SLICE = 500;

/** What follows `line` in a record's JSON, for the last level and fields seen with a label set. */
interface RecordTail {
  fields: Record<string, string>;
  level: string;
  source: string;
  text: string;
}

/**
 * Serialized label and field sets, and record tails. Sets are usually one object shared by
 * a stream's records, which mostly share fields and level too: most records then cost two
 * JSON.stringify calls (id and line) and one lookup.
 */
class JsonCache {
  private readonly sets = new WeakMap<object, string>();
  private readonly tails = new WeakMap<object, RecordTail>();

  private set(value: Record<string, string>): string {
    let text = this.sets.get(value);
    if (text === undefined) this.sets.set(value, (text = JSON.stringify(value)));
    return text;
  }

  tail(r: LogRecord): string {
    const known = this.tails.get(r.labels);
    if (known?.fields === r.fields && known.level === r.level && known.source === r.source) {
      return known.text;
    }
    const text = `,"labels":${this.set(r.labels)},"fields":${this.set(r.fields)},"level":"${r.level}","source":${JSON.stringify(r.source)}}`;
    this.tails.set(r.labels, { fields: r.fields, level: r.level, source: r.source, text });
    return text;
  }
}

/** One record's JSON, as JSON.stringify writes it (same keys, same order). */
function recordJson(r: LogRecord, cache: JsonCache): string {
  return `{"id":${JSON.stringify(r.id)},"ts":"${r.ts}","line":${JSON.stringify(r.line)}${cache.tail(r)}`;
}

function* recordSlices(records: LogRecord[], cache: JsonCache, first: boolean) {
  for (let i = 0; i < records.length; i += SLICE) {
    const slice: string[] = [];
    for (let j = i; j < Math.min(records.length, i + SLICE); j++) {
      const r = records[j];
      if (r) slice.push(recordJson(r, cache));
    }
    yield (first && i === 0 ? '' : ',') + slice.join(',');
  }
}

/** The answer's JSON in slices; `head` opens the object, so it can carry more members first. */
export async function* queryResponseChunks(answer: QueryPages, head = '{'): AsyncGenerator<string> {
  const cache = new JsonCache();
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
