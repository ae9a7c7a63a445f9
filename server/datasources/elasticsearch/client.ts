import type http from 'node:http';
import { LogsiftError } from '../../../model';
import { agentFor, sendRequest, tlsOptionsOf } from '../http/request';
import { SecretSource } from '../http/secrets';
import type { ElasticsearchDatasourceConfig } from './config';
import { checkEsCall } from './allowedCalls';
import { esError } from './errors';

export type Flavor = 'elasticsearch' | 'opensearch';

/** HTTP to one cluster: node URLs tried in turn, auth, TLS, timeout, JSON in and out. */
export class EsClient {
  readonly bases: URL[];
  private readonly agents: http.Agent[];
  private readonly secret: SecretSource | undefined;
  private next = 0;
  private flavor: Promise<Flavor> | undefined;

  constructor(private readonly config: ElasticsearchDatasourceConfig) {
    const urls = config.urls ?? (config.url ? [config.url] : []);
    this.bases = urls.map((u) => new URL(u.endsWith('/') ? u : `${u}/`));
    const tls = tlsOptionsOf(config.tls);
    this.agents = this.bases.map((b) => agentFor(b, tls));
    const auth = config.auth;
    const what = `datasource ${config.id}`;
    this.secret = !auth
      ? undefined
      : 'basic' in auth
        ? new SecretSource(auth.basic.password, `${what}: auth.basic.password`)
        : 'apiKey' in auth
          ? new SecretSource(auth.apiKey, `${what}: auth.apiKey`)
          : new SecretSource(auth.bearer, `${what}: auth.bearer`);
  }

  private async headers(): Promise<Record<string, string>> {
    const auth = this.config.auth;
    if (!auth || !this.secret) return {};
    const secret = await this.secret.value().catch((error: Error) => {
      throw new LogsiftError('unauthorized', error.message);
    });
    if ('basic' in auth) {
      return {
        Authorization: `Basic ${Buffer.from(`${auth.basic.username}:${secret}`).toString('base64')}`,
      };
    }
    return { Authorization: 'apiKey' in auth ? `ApiKey ${secret}` : `Bearer ${secret}` };
  }

  url(path: string, base = this.bases[0]): URL {
    return new URL(path, base);
  }

  /**
   * One JSON request; an unreachable node hands over to the next. `lucene` is the user's
   * query string when it went out as one, so a parse error can point into it.
   */
  async json<T>(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal,
    lucene?: string,
  ): Promise<T> {
    const headers = await this.headers();
    let lastError: unknown;
    for (let tries = 0; tries < this.bases.length; tries++) {
      const i = (this.next + tries) % this.bases.length;
      const agent = this.agents[i];
      const base = this.bases[i];
      if (!agent || !base) break;
      const url = this.url(path, base);
      checkEsCall(method, url, base);
      try {
        const res = await sendRequest(
          {
            method,
            url,
            headers,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            agent,
            timeoutMs: this.config.timeoutMs,
            backend: 'Elasticsearch',
          },
          signal,
        );
        this.next = i;
        if (res.status < 200 || res.status >= 300) {
          throw esError(res.status, res.body, this.config.index, lucene);
        }
        return JSON.parse(res.body) as T;
      } catch (error) {
        lastError = error;
        const unreachable =
          error instanceof LogsiftError && error.code === 'backend_unavailable' && !error.backend;
        if (!unreachable) throw error;
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }

  /** Elasticsearch or OpenSearch, from `GET /`: their point-in-time APIs differ. */
  detectFlavor(signal: AbortSignal): Promise<Flavor> {
    this.flavor ??= this.json<{ version?: { distribution?: string } }>('GET', '', undefined, signal)
      .then((root) =>
        root.version?.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch',
      )
      .catch((error: unknown) => {
        this.flavor = undefined;
        throw error;
      });
    return this.flavor;
  }

  close(): void {
    for (const agent of this.agents) agent.destroy();
  }
}
