import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SimDatabase } from './database';
import { LokiHttpError, NOT_FOUND } from './httpError';
import type { LokiSimFault, RecordedRequest, ResolvedLokiSimOptions } from './options';
import type { Reply, SimRequest } from './route';
import { findRoute } from './routes';
import { planTail, serveTail } from './tail';

export interface SimState {
  readonly options: ResolvedLokiSimOptions;
  readonly db: SimDatabase;
  readonly requests: RecordedRequest[];
  fault: LokiSimFault | undefined;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const TAIL_PATH = '/loki/api/v1/tail';
const BUILD_INFO_PATH = '/loki/api/v1/status/buildinfo';
/** Routes outside the auth middleware in Loki: they answer without a tenant. */
const OPEN_PATHS = new Set(['/ready', BUILD_INFO_PATH]);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new LokiHttpError(413, 'request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Go's r.Form: form body values first, then the query string's. */
function formParams(req: IncomingMessage, url: URL, body: Buffer): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim();
  if (req.method !== 'POST' || type !== 'application/x-www-form-urlencoded')
    return url.searchParams;
  const merged = new URLSearchParams(body.toString('utf8'));
  for (const [k, v] of url.searchParams) merged.append(k, v);
  return merged;
}

function record(
  state: SimState,
  req: IncomingMessage,
  path: string,
  params: URLSearchParams,
): void {
  const byName: Record<string, string[]> = {};
  for (const [k, v] of params) (byName[k] ??= []).push(v);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  state.requests.push({ method: req.method ?? 'GET', path, params: byName, headers });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies a matching fault: waits, then answers its status in place of the route, if it has one. */
async function applyFault(state: SimState, path: string): Promise<void> {
  const fault = state.fault;
  const matches = (p: string) => (p.endsWith('$') ? path === p.slice(0, -1) : path.startsWith(p));
  if (!fault || (fault.paths && !fault.paths.some(matches))) return;
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.status) {
    throw new LokiHttpError(fault.status, fault.body ?? STATUS_CODES[fault.status] ?? 'error');
  }
}

function tenantOf(state: SimState, req: IncomingMessage, path: string): string {
  // With auth off Loki files everything under the tenant "fake", whatever the header says.
  if (!state.options.requireTenant) return 'fake';
  const header = req.headers['x-scope-orgid'];
  const tenant = Array.isArray(header) ? header[0] : header;
  if (!tenant && !OPEN_PATHS.has(path)) throw new LokiHttpError(401, 'no org id');
  return tenant ?? '';
}

/** Everything a request goes through before its route: recording, faults, the tenant. */
async function prepare(state: SimState, req: IncomingMessage, body: Buffer): Promise<SimRequest> {
  const url = new URL(req.url ?? '/', 'http://loki');
  const params = formParams(req, url, body);
  record(state, req, url.pathname, params);
  await applyFault(state, url.pathname);
  const tenant = tenantOf(state, req, url.pathname);
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    params,
    headers: req.headers,
    body,
    view: state.db.view(tenant),
    db: state.db,
    options: state.options,
    nowMs: state.options.now(),
  };
}

function buildInfo(version: string) {
  const [major = '3', minor = '4'] = version.split('.');
  return {
    version,
    revision: 'logsift-sim',
    branch: `release-${major}.${minor}.x`,
    buildUser: 'logsift-sim',
    buildDate: '',
    goVersion: '',
  };
}

function serve(req: SimRequest): Reply {
  if (req.path === '/ready') return { status: 200, text: 'ready' };
  if (req.path === BUILD_INFO_PATH) return { status: 200, json: buildInfo(req.options.version) };
  if (req.path === TAIL_PATH) {
    planTail(req);
    // A plain GET of the tail reaches gorilla/websocket's upgrader, which refuses it.
    throw new LokiHttpError(
      400,
      "websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
    );
  }
  const route = findRoute(req.path);
  if (!route) throw NOT_FOUND;
  // gorilla/mux answers a known path with the wrong method 405 and no body.
  if (!route.methods.includes(req.method)) return { status: 405, text: '' };
  return route.handle(req);
}

function errorReply(error: unknown): { status: number; text: string } {
  if (error instanceof LokiHttpError) return { status: error.status, text: error.message };
  return { status: 500, text: error instanceof Error ? error.message : String(error) };
}

/** Go's http.Error: text/plain, nosniff, and the message followed by a newline. */
function writeReply(res: ServerResponse, reply: Reply): void {
  if ('json' in reply) {
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(reply.json));
  } else if ('text' in reply) {
    const body = reply.status === 405 ? '' : `${reply.text}\n`;
    res.writeHead(reply.status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
  } else {
    res.writeHead(204).end();
  }
}

function refuseUpgrade(socket: Duplex, error: unknown): void {
  const { status, text } = errorReply(error);
  const body = Buffer.from(`${text}\n`);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n' +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`,
  );
}

export function createSimServer(state: SimState): { server: Server; sockets: WebSocketServer } {
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => prepare(state, req, body))
      .then(serve)
      .catch(errorReply)
      .then((reply) => writeReply(res, reply));
  });
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // An upgrade carries no body: its socket belongs to the WebSocket from here on.
    prepare(state, req, Buffer.alloc(0))
      .then((simReq) => {
        if (simReq.path !== TAIL_PATH) throw NOT_FOUND;
        const plan = planTail(simReq);
        sockets.handleUpgrade(req, socket, head, (ws) => serveTail(ws, simReq, plan));
      })
      .catch((error: unknown) => refuseUpgrade(socket, error));
  });
  return { server, sockets };
}
