import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsError } from './awsError';
import type { SimContext } from './context';
import { startLiveTail, type LiveTailSessions } from './liveTail';
import { OPERATIONS, TARGET_PREFIX } from './operations';
import type { Body } from './params';
import { checkSignature } from './signature';

const JSON_TYPE = 'application/x-amz-json-1.1';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseBody(raw: string): Body | undefined {
  try {
    const json: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
    return json !== null && typeof json === 'object' && !Array.isArray(json)
      ? (json as Body)
      : undefined;
  } catch {
    return undefined;
  }
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return headers;
}

/** The request faults, in the order AWS would meet them: credentials, permissions, rate. */
function applyFault(ctx: SimContext, operation: string): void {
  const fault = ctx.fault;
  if (!fault || (fault.operations && !fault.operations.includes(operation))) return;
  if (fault.expiredCredentials) {
    throw new AwsError(
      'ExpiredTokenException',
      'The security token included in the request is expired',
    );
  }
  if (fault.accessDenied) {
    const { accountId, region } = ctx.options;
    throw new AwsError(
      'AccessDeniedException',
      `User: arn:aws:iam::${accountId}:user/logsift is not authorized to perform: logs:${operation} on resource: arn:aws:logs:${region}:${accountId}:log-group:*`,
    );
  }
  if (fault.throttle && fault.throttle > 0) {
    fault.throttle--;
    throw new AwsError('ThrottlingException', 'Rate exceeded');
  }
}

function send(
  res: ServerResponse,
  requestId: string,
  status: number,
  body: unknown,
  code?: string,
) {
  res
    .writeHead(status, {
      'Content-Type': JSON_TYPE,
      'x-amzn-RequestId': requestId,
      ...(code ? { 'x-amzn-ErrorType': code } : {}),
    })
    .end(JSON.stringify(body));
}

async function handle(
  ctx: SimContext,
  sessions: LiveTailSessions,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const raw = await readBody(req);
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  const body = parseBody(raw);
  ctx.requests.push({
    operation,
    headers: headersOf(req),
    body: raw,
    ...(body ? { json: body } : {}),
  });
  const delay = ctx.options.latencyMs + (ctx.fault?.delayMs ?? 0);
  if (delay > 0) await sleep(delay);
  checkSignature(req, ctx.options.region);
  const run = OPERATIONS[operation];
  if (
    req.method !== 'POST' ||
    !target.startsWith(TARGET_PREFIX) ||
    (!run && operation !== 'StartLiveTail')
  ) {
    throw new AwsError('UnknownOperationException', '');
  }
  if (!body)
    throw new AwsError('SerializationException', 'Could not parse the request body as JSON');
  applyFault(ctx, operation);
  if (run) send(res, requestId, 200, run(ctx, body));
  else startLiveTail(ctx, body, res, requestId, sessions);
}

export function createSimServer(ctx: SimContext, sessions: LiveTailSessions): Server {
  return createServer((req, res) => {
    const requestId = randomUUID();
    handle(ctx, sessions, req, res, requestId).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof AwsError) {
        send(res, requestId, error.status, error.body(), error.code);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        send(
          res,
          requestId,
          500,
          { __type: 'ServiceUnavailableException', message },
          'ServiceUnavailableException',
        );
      }
    });
  });
}
