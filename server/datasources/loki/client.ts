import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { LogsiftError } from '../../../model';
import type { LokiDatasourceConfig } from './config';
import { lokiError } from './errors';
import { SecretSource } from './secrets';

export type Params = Record<string, string>;

/** Bigger answers mean a page size or a query gone wrong; refusing beats running out of memory. */
const MAX_BODY_BYTES = 128 * 1024 * 1024;

export interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
}

function tlsOptionsOf(config: LokiDatasourceConfig): TlsOptions {
  const tls = config.tls ?? {};
  return {
    ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
    ...(tls.certFile ? { cert: readFileSync(tls.certFile) } : {}),
    ...(tls.keyFile ? { key: readFileSync(tls.keyFile) } : {}),
    rejectUnauthorized: tls.insecureSkipVerify !== true,
  };
}

/** For parse errors inside a query Logsift wrapped: where the user's text starts. */
export interface QueryContext {
  text: string;
  offset: number;
}

/** HTTP to one Loki: base URL, tenant, auth, extra headers, TLS and the timeout in one place. */
export class LokiClient {
  readonly base: URL;
  readonly tls: TlsOptions;
  private readonly agent: http.Agent;
  private readonly secret: SecretSource | undefined;

  constructor(private readonly config: LokiDatasourceConfig) {
    this.base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
    this.tls = tlsOptionsOf(config);
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, maxSockets: 16, ...this.tls })
        : new http.Agent({ keepAlive: true, maxSockets: 16 });
    const auth = config.auth;
    this.secret = auth
      ? 'basic' in auth
        ? new SecretSource(auth.basic.password, `datasource ${config.id}: auth.basic.password`)
        : new SecretSource(auth.bearer, `datasource ${config.id}: auth.bearer`)
      : undefined;
  }

  /** `path` is relative to Loki's API root, e.g. `query_range`. */
  url(path: string, params: Params = {}): URL {
    const url = new URL(`loki/api/v1/${path}`, this.base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url;
  }

  async headers(): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      ...this.config.headers,
      // Loki 3 then keeps structured metadata and parsed labels apart from stream labels.
      'X-Loki-Response-Encoding-Flags': 'categorize-labels',
    };
    if (this.config.tenant) headers['X-Scope-OrgID'] = this.config.tenant;
    const auth = this.config.auth;
    if (auth && this.secret) {
      const secret = await this.secret.value().catch((error: Error) => {
        throw new LogsiftError('unauthorized', error.message);
      });
      headers.Authorization =
        'basic' in auth
          ? `Basic ${Buffer.from(`${auth.basic.username}:${secret}`).toString('base64')}`
          : `Bearer ${secret}`;
    }
    return headers;
  }

  /** GET that answers Loki's JSON, or throws the normalized error with Loki's words. */
  async getJson(
    path: string,
    params: Params,
    signal: AbortSignal,
    query?: QueryContext,
  ): Promise<unknown> {
    const { status, body } = await this.get(this.url(path, params), signal);
    if (status !== 200) throw lokiError(status, body, path, query);
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new LogsiftError(
        'backend_unavailable',
        `Loki answered ${path} with a body that is not JSON`,
      );
    }
  }

  /** Status and text of a GET; connection failures and the timeout become normalized errors. */
  async get(url: URL, signal: AbortSignal): Promise<{ status: number; body: string }> {
    const headers = await this.headers();
    const timeoutMs = this.config.timeoutMs;
    return new Promise((resolve, reject) => {
      const fail = (error: LogsiftError) => {
        done();
        req.destroy();
        reject(error);
      };
      const onAbort = () =>
        fail(new LogsiftError('timeout', 'the query was cancelled or ran out of time'));
      const timer = setTimeout(
        () => fail(new LogsiftError('timeout', `Loki did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      const send = url.protocol === 'https:' ? https.request : http.request;
      const req = send(url, { method: 'GET', headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            fail(new LogsiftError('limit', `Loki's answer is larger than ${MAX_BODY_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          done();
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (error) => {
          done();
          reject(unavailable(error));
        });
      });
      req.on('error', (error) => {
        done();
        reject(error instanceof LogsiftError ? error : unavailable(error));
      });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function unavailable(error: Error): LogsiftError {
  const code = (error as NodeJS.ErrnoException).code;
  return new LogsiftError(
    'backend_unavailable',
    `cannot reach Loki: ${code ? `${code} ` : ''}${error.message}`.trim(),
  );
}
