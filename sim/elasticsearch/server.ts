import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EsError, esError, faultError } from './errors';
import type { RecordedRequest } from './options';
import type { Reply, SimRequest, SimState } from './route';
import { route } from './routes';

const MAX_BODY_BYTES = 100 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new EsError(413, { error: 'Request Entity Too Large', status: 413 }));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function record(requests: RecordedRequest[], req: IncomingMessage, url: URL, body: string): void {
  const params: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (params[k] ??= []).push(v);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  let json: unknown;
  try {
    json = body.trim() ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  const entry: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    params,
    headers,
    body,
  };
  if (json !== undefined) entry.json = json;
  requests.push(entry);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function applyFault(state: SimState, path: string): Promise<void> {
  const fault = state.fault;
  if (!fault || (fault.paths && !fault.paths.some((p) => path.startsWith(p)))) return;
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.status) {
    throw fault.body === undefined
      ? faultError(fault.status)
      : new EsError(fault.status, fault.body);
  }
}

const CHALLENGES = ['Basic realm="security", charset="UTF-8"', 'Bearer realm="security"', 'ApiKey'];

/** Security on: any one configured credential passes; otherwise 401 in the distribution's words. */
function authenticate(state: SimState, req: IncomingMessage, uri: string): void {
  const auth = state.options.requireAuth;
  if (!auth) return;
  const header = String(req.headers.authorization ?? '');
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  const basic = auth.basic
    ? Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64')
    : undefined;
  const s = scheme.toLowerCase();
  if (
    (s === 'basic' && value === basic) ||
    (s === 'apikey' && value === auth.apiKey) ||
    (s === 'bearer' && value === auth.bearer)
  ) {
    return;
  }
  if (state.options.flavor === 'opensearch') {
    throw new EsError(401, 'Unauthorized');
  }
  const user =
    s === 'basic' ? Buffer.from(value, 'base64').toString('utf8').split(':')[0] : undefined;
  const reason = !header
    ? `missing authentication credentials for REST request [${uri}]`
    : user !== undefined
      ? `unable to authenticate user [${user}] for REST request [${uri}]`
      : 'unable to authenticate with provided credentials and anonymous access is not allowed for this request';
  throw esError(401, {
    type: 'security_exception',
    reason,
    header: { 'WWW-Authenticate': CHALLENGES },
  });
}

async function handle(
  state: SimState,
  req: IncomingMessage,
  requests: RecordedRequest[],
): Promise<Reply> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://elasticsearch');
  record(requests, req, url, raw);
  await applyFault(state, url.pathname);
  const uri = `${url.pathname}${url.search}`;
  authenticate(state, req, uri);
  const simReq: SimRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    uri,
    query: url.searchParams,
    headers: req.headers,
    raw,
    state,
    params: {},
  };
  return route(simReq)(simReq);
}

function errorReply(error: unknown): Reply {
  if (error instanceof EsError) return { status: error.status, json: error.body };
  const reason = error instanceof Error ? error.message : String(error);
  return { status: 500, json: esError(500, { type: 'exception', reason }).body };
}

/** ES 8 answers in the media type asked for with `compatible-with`, else plain JSON. */
function contentType(req: IncomingMessage): string {
  const accept = String(req.headers.accept ?? '');
  const compat = /compatible-with=(\d+)/.exec(accept);
  return compat
    ? `application/vnd.elasticsearch+json;compatible-with=${compat[1]}`
    : 'application/json';
}

function writeReply(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
): void {
  const headers: Record<string, string | string[]> = {};
  const elasticsearch = state.options.flavor === 'elasticsearch';
  // The official client refuses a server without this header: it is how ES says it is ES.
  if (elasticsearch) headers['X-elastic-product'] = 'Elasticsearch';
  if (reply.status === 401) {
    headers['WWW-Authenticate'] = elasticsearch ? CHALLENGES : 'Basic realm="OpenSearch Security"';
  }
  if ('empty' in reply || req.method === 'HEAD') {
    res.writeHead(reply.status, headers).end();
    return;
  }
  if (typeof reply.json === 'string') {
    res
      .writeHead(reply.status, { ...headers, 'Content-Type': 'text/plain; charset=UTF-8' })
      .end(reply.json);
    return;
  }
  headers['Content-Type'] = elasticsearch ? contentType(req) : 'application/json; charset=UTF-8';
  res.writeHead(reply.status, headers).end(JSON.stringify(reply.json));
}

export function createSimServer(state: SimState, requests: RecordedRequest[]): Server {
  return createServer((req, res) => {
    handle(state, req, requests)
      .catch(errorReply)
      .then((reply) => writeReply(state, req, res, reply));
  });
}
