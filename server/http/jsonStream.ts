import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { LogRecord, QueryResponse, SetsShape } from '../../model';
import type { QueryPages } from '../datasources/datasource';
import { escapedLine } from '../datasources/escapedLines';

/** Bytes per chunk handed to the socket: small enough to keep memory flat, big enough to be fast. */
const CHUNK = 256 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
/** What JSON.stringify would escape in a string; lone surrogates included. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** What follows `line` in a record's JSON, for the last level and fields seen with a label set. */
interface RecordTail {
  fields: Record<string, string>;
  level: string;
  source: string;
  /** UTF-8, copied as bytes: encoding the same labels again for every record cost more. */
  bytes: Buffer;
}

/**
 * Writes records as JSON straight into chunk buffers: byte for byte what JSON.stringify
 * writes, except that a line its backend already escaped (escapedLines.ts) is copied as the
 * backend wrote it, which decodes to the same line. Label sets are usually one object per
 * stream whose records mostly share fields and level too, so each such tail is serialized
 * once; a line with nothing to escape is written as it is. Records are no longer joined into strings and then encoded again: that
 * copied every byte twice more and left megabytes of young garbage per 5,000 lines, whose
 * collection cost more than the encoding itself.
 */
class RecordWriter {
  private readonly sets = new WeakMap<object, string>();
  /** With shared sets: each set's index, in the order sets were first written. */
  private readonly indexes = new WeakMap<object, string>();
  private written = 0;
  /** Whether the tail being made writes a set for the first time, so it is not kept. */
  private firstUse = false;
  private readonly tails = new WeakMap<object, RecordTail>();
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private count = 0;
  private readonly ready: Buffer[] = [];

  constructor(private readonly shared: boolean) {}

  write(r: LogRecord): void {
    const tail = this.tail(r);
    // The string's content between its quotes when known or plain, else the quoted string.
    const content = escapedLine(r) ?? (NEEDS_ESCAPE.test(r.line) ? undefined : r.line);
    const line = content ?? JSON.stringify(r.line);
    // UTF-8 takes at most 3 bytes per UTF-16 unit; an escaped control character takes 6.
    this.room(3 * line.length + 6 * (r.id.length + r.ts.length) + tail.bytes.length + 32);
    if (this.count++ > 0) this.buffer[this.used++] = COMMA;
    this.ascii('{"id":');
    this.string(r.id);
    this.ascii(',"ts":');
    this.string(r.ts);
    this.ascii(',"line":');
    if (content === undefined) this.text(line);
    else {
      this.buffer[this.used++] = QUOTE;
      this.text(line);
      this.buffer[this.used++] = QUOTE;
    }
    this.buffer.set(tail.bytes, this.used);
    this.used += tail.bytes.length;
  }

  /** Whether a chunk is full and waiting to be taken. */
  get filled(): boolean {
    return this.ready.length > 0;
  }

  /** Chunks filled so far, and with `all` the one being filled. */
  take(all = false): Buffer[] {
    if (all && this.used > 0) {
      this.ready.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafe(CHUNK);
      this.used = 0;
    }
    return this.ready.splice(0);
  }

  /** Starts a new chunk when this record may not fit; one larger than a chunk gets its own. */
  private room(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    if (this.used > 0) this.ready.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK, bytes));
    this.used = 0;
  }

  /**
   * A short string as JSON. Ids and timestamps are nearly always printable ASCII with nothing
   * to escape: copied character by character, they need no string built per record.
   */
  private string(s: string): void {
    const b = this.buffer;
    let u = this.used;
    b[u++] = QUOTE;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) {
        this.text(JSON.stringify(s));
        return;
      }
      b[u++] = c;
    }
    b[u++] = QUOTE;
    this.used = u;
  }

  /** Text known to be ASCII, such as the record's keys. */
  private ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.buffer[this.used++] = s.charCodeAt(i);
  }

  private text(text: string): void {
    // UTF-8 is write's default: naming it costs a lookup per call, three calls per record.
    this.used += this.buffer.write(text, this.used);
  }

  private set(value: Record<string, string>): string {
    if (this.shared) {
      const index = this.indexes.get(value);
      if (index !== undefined) return index;
      this.indexes.set(value, String(this.written++));
      this.firstUse = true;
    }
    let text = this.sets.get(value);
    if (text === undefined) this.sets.set(value, (text = JSON.stringify(value)));
    return text;
  }

  private tail(r: LogRecord): RecordTail {
    const known = this.tails.get(r.labels);
    if (known?.fields === r.fields && known.level === r.level && known.source === r.source) {
      return known;
    }
    this.firstUse = false;
    const text = `,"labels":${this.set(r.labels)},"fields":${this.set(r.fields)},"level":"${r.level}","source":${JSON.stringify(r.source)}}`;
    const made = { fields: r.fields, level: r.level, source: r.source, bytes: Buffer.from(text) };
    // A set written whole now is an index from the next record on.
    if (!this.firstUse) this.tails.set(r.labels, made);
    return made;
  }
}

/** The answer's JSON in chunks; `head` opens the object, so it can carry more members first. */
export async function* queryResponseChunks(
  answer: QueryPages,
  head = '{',
  sets: SetsShape = 'inline',
): AsyncGenerator<string | Buffer> {
  const writer = new RecordWriter(sets === 'shared');
  yield `${head}"records":[`;
  for await (const page of answer.pages) {
    for (const r of page) {
      writer.write(r);
      if (writer.filled) yield* writer.take();
    }
    yield* writer.take(true);
  }
  yield `],${JSON.stringify(answer.end()).slice(1)}`;
}

const respond = (reply: FastifyReply, chunks: AsyncIterable<string | Buffer>): FastifyReply =>
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
 * Sends a query answer as a stream of chunks, each page as the datasource hands it over: the
 * first lines are on the wire while later pages are fetched, and 100,000 lines are never one
 * ~60 MB string plus its Buffer, which the BFF's memory budget has no room for.
 */
export function sendQueryPages(
  reply: FastifyReply,
  answer: QueryPages,
  sets: SetsShape = 'inline',
): FastifyReply {
  return respond(reply, queryResponseChunks(answer, '{', sets));
}
