import type http from 'node:http';
import { LogsiftError } from '../../../model';
import { agentFor, sendRequest, tlsOptionsOf, type TlsOptions } from '../http/request';
import { SecretSource } from '../http/secrets';
import type { LokiDatasourceConfig } from './config';
import { lokiError } from './errors';

export type Params = Record<string, string>;

/** For parse errors inside a query Logsift wrapped: where the user's text starts. */
export interface QueryContext {
  text: string;
  offset: number;
}

/**
 * Headers every request carries that are no secret, so the query inspector shows them too:
 * with categorize-labels Loki 3 keeps structured metadata and parsed labels apart from the
 * stream labels.
 */
export const PUBLIC_HEADERS: Readonly<Record<string, string>> = {
  'X-Loki-Response-Encoding-Flags': 'categorize-labels',
};

/** HTTP to one Loki: base URL, tenant, auth, extra headers, TLS and the timeout in one place. */
export class LokiClient {
  readonly base: URL;
  readonly tls: TlsOptions;
  private readonly agent: http.Agent;
  private readonly secret: SecretSource | undefined;

  constructor(private readonly config: LokiDatasourceConfig) {
    this.base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
    this.tls = tlsOptionsOf(config.tls);
    this.agent = agentFor(this.base, this.tls);
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
      ...PUBLIC_HEADERS,
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
    return (await this.getJsonText(path, params, signal, query)).json;
  }

  /** Loki's JSON parsed, with the text it was parsed from. */
  async getJsonText(
    path: string,
    params: Params,
    signal: AbortSignal,
    query?: QueryContext,
  ): Promise<{ json: unknown; text: string }> {
    const { status, body } = await this.get(this.url(path, params), signal);
    if (status !== 200) throw lokiError(status, body, path, query);
    try {
      return { json: JSON.parse(body) as unknown, text: body };
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
    return sendRequest(
      {
        method: 'GET',
        url,
        headers,
        agent: this.agent,
        timeoutMs: this.config.timeoutMs,
        backend: 'Loki',
      },
      signal,
    );
  }

  close(): void {
    this.agent.destroy();
  }
}
