import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DOWNLOAD_FORMATS,
  LogsiftError,
  QueryRequestSchema,
  type ApiErrorBody,
  type DownloadFormat,
  type LogRecord,
} from '../../../model';
import type { Datasource, DatasourceQuery, QueryPages } from '../../datasources/datasource';
import type { Runner, ServerContext } from '../context';
import { queryEachSource } from '../eachSource';
import { errorBody, parseWith } from '../errors';
import { downloadWriter, type DownloadWriter } from '../downloadFormats';
import { asPages } from '../jsonStream';
import { datasourceIds, resolveQuery } from '../resolveQuery';

/**
 * `ds` (repeated for a federated download), `lang`, `q`, `from`, `to` as /query takes them,
 * `format` (log, ndjson, csv; log when absent), `limit` (the server's maxLimit when absent),
 * `t` one target (an index), `tg` (repeated) several targets (CloudWatch log groups).
 */
const PARAMS = ['ds', 'lang', 'q', 'from', 'to', 'format', 'limit', 't', 'tg'];

/** Records written per chunk: a page of 100,000 is not one string. */
const SLICE = 1_000;

type QueryString = Record<string, string | string[] | undefined>;

function readParams(query: QueryString, maxLimit: number) {
  const unknown = Object.keys(query).filter((name) => !PARAMS.includes(name));
  if (unknown.length > 0) {
    throw new LogsiftError(
      'bad_query',
      `${unknown.join(', ')}: not a download parameter (${PARAMS.join(', ')})`,
    );
  }
  const all = (name: string): string[] => {
    const value = query[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const one = (name: string): string | undefined => {
    const values = all(name);
    if (values.length > 1) throw new LogsiftError('bad_query', `${name}: give it once`);
    return values[0];
  };
  // Epoch milliseconds come as digits; anything else is relative time (now-1h) or wrong.
  const time = (value: string | undefined) =>
    value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
  const format = one('format') ?? 'log';
  if (!(DOWNLOAD_FORMATS as readonly string[]).includes(format)) {
    throw new LogsiftError('bad_query', `format: one of ${DOWNLOAD_FORMATS.join(', ')}`);
  }
  const ds = all('ds');
  const limit = one('limit');
  const target = one('t');
  const targets = all('tg');
  const request = parseWith(
    QueryRequestSchema,
    {
      datasource: ds.length === 1 ? ds[0] : ds,
      language: one('lang'),
      query: one('q') ?? '',
      from: time(one('from')),
      to: time(one('to')),
      limit: limit === undefined ? maxLimit : Number(limit),
      ...(target !== undefined ? { target } : {}),
      ...(targets.length > 0 ? { targets } : {}),
    },
    'query string',
  );
  return { request, format: format as DownloadFormat };
}

/** `20261124T120000Z`: a time in a file name, without the colons some systems refuse. */
const fileTime = (ms: number) =>
  new Date(ms).toISOString().replace(/\.\d+/, '').replace(/[-:]/g, '');

/** What a download sends: pages of records, then the parts it lacks, if any. */
type Source = AsyncGenerator<LogRecord[], ApiErrorBody[]>;

/**
 * One datasource's records up to the limit: page by page where it pages, and on from each
 * answer's cursor while it gives one, each leg under the runner's deadline and cancellation.
 */
async function* datasourcePages(
  run: Runner,
  reply: FastifyReply,
  ds: Datasource,
  req: DatasourceQuery,
): Source {
  let sent = 0;
  let cursor: string | undefined;
  const pageable = ds.queryPages?.bind(ds);
  while (sent < req.limit) {
    const asked = { ...req, limit: req.limit - sent, ...(cursor ? { cursor } : {}) };
    const answer: QueryPages = pageable
      ? await run.pages(reply, ds, (signal) => pageable(asked, signal), asked)
      : asPages(await run(reply, ds, 'query', (signal) => ds.query(asked, signal), asked));
    let got = 0;
    for await (const page of answer.pages) {
      got += page.length;
      yield page;
    }
    cursor = answer.end().cursor;
    sent += got;
    if (!cursor || got === 0) break;
  }
  return [];
}

/** Several datasources' records merged by time, once all have answered; failed ones named. */
async function* federatedPages(
  request: FastifyRequest,
  reply: FastifyReply,
  run: Runner,
  datasources: Datasource[],
  req: DatasourceQuery,
): Source {
  const merged = await queryEachSource(request, reply, run, datasources, req);
  yield merged.records;
  return (merged.stats.sources ?? []).flatMap((s) =>
    s.error ? [{ ...s.error, message: `${s.datasource}: ${s.error.message}` }] : [],
  );
}

async function* fileChunks(
  request: FastifyRequest,
  writer: DownloadWriter,
  source: Source,
  first: IteratorResult<LogRecord[], ApiErrorBody[]>,
): AsyncGenerator<string> {
  let step = first;
  try {
    while (!step.done) {
      for (let i = 0; i < step.value.length; i += SLICE) {
        yield writer.records(step.value.slice(i, i + SLICE));
      }
      step = await source.next();
    }
    yield writer.end();
    for (const missing of step.value) yield writer.incomplete(missing);
  } catch (error) {
    yield writer.incomplete(errorBody(error, request, 'in a download'));
  } finally {
    // The client left: the source's own finally releases its query slot.
    await source.return([]);
  }
}

/**
 * GET /api/v1/download: every record of a query up to the limit, as a file, streamed as
 * pages arrive. Errors before the first record are the API's JSON errors; one after the file
 * began ends it with a line saying it is incomplete (see downloadFormats.ts), since the
 * status was sent long before.
 */
export function registerDownloadRoute(app: FastifyInstance, ctx: ServerContext, run: Runner): void {
  app.get('/api/v1/download', async (request, reply) => {
    const { request: body, format } = readParams(request.query as QueryString, ctx.limits.maxLimit);
    const resolved = resolveQuery(ctx, body, request.principal);
    const datasources = datasourceIds(body).map((id) => ctx.datasources.get(id, request.principal));
    const req: DatasourceQuery = { ...resolved, direction: 'backward' };
    const [only] = datasources;
    const source =
      datasources.length === 1 && only
        ? datasourcePages(run, reply, only, req)
        : federatedPages(request, reply, run, datasources, req);
    const first = await source.next();
    const writer = downloadWriter(format);
    const name = `logsift-${fileTime(resolved.fromMs)}-${fileTime(resolved.toMs)}.${writer.extension}`;
    const chunks = async function* () {
      for await (const chunk of fileChunks(request, writer, source, first)) {
        if (chunk !== '') yield chunk;
      }
    };
    return reply
      .type(writer.contentType)
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(chunks(), { objectMode: false }));
  });
}
