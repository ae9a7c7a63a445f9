import {
  CloudWatchLogsClient,
  type CloudWatchLogsClientConfig,
} from '@aws-sdk/client-cloudwatch-logs';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { withRetry } from './backoff';
import type { CloudWatchDatasourceConfig } from './config';
import { cloudWatchError, isDropped, isRetried } from './errors';

/**
 * Times a request goes again at once when its connection was dropped: each try takes
 * another kept-alive connection, and several may have been closed by the server at once.
 */
const REDIALS = 3;

/** Fixed keys or a provider, as the SDK takes them; tests give fixed ones. */
export type Credentials = NonNullable<CloudWatchLogsClientConfig['credentials']>;

/**
 * The credentials: the SDK's default chain (environment, shared config and `profile`, web
 * identity for EKS IRSA, EKS Pod Identity, instance metadata), then the configured role
 * assumed with them when there is one.
 */
export function credentialsOf(config: CloudWatchDatasourceConfig): Credentials {
  const base = fromNodeProviderChain(config.profile ? { profile: config.profile } : {});
  if (!config.role) return base;
  return fromTemporaryCredentials({
    masterCredentials: base,
    params: {
      RoleArn: config.role.arn,
      RoleSessionName: config.role.sessionName,
      ...(config.role.externalId ? { ExternalId: config.role.externalId } : {}),
    },
    clientConfig: { region: config.region },
  });
}

/** The address explain() shows and the SDK calls. */
export function endpointOf(config: CloudWatchDatasourceConfig): string {
  return config.endpoint ?? `https://logs.${config.region}.amazonaws.com`;
}

/**
 * The SDK client and one way to call it: throttling and a full account are retried here with
 * Logsift's backoff (the SDK's own retries are off, so each wait is known and abortable), and
 * every failure becomes a normalized error naming the operation.
 */
export class CloudWatchApi {
  readonly sdk: CloudWatchLogsClient;

  constructor(
    private readonly config: CloudWatchDatasourceConfig,
    credentials: Credentials = credentialsOf(config),
  ) {
    this.sdk = new CloudWatchLogsClient({
      region: config.region,
      credentials,
      maxAttempts: 1,
      requestHandler: { requestTimeout: config.timeoutMs, connectionTimeout: 10_000 },
      ...(config.endpoint
        ? // Live Tail's host is `stream-logs…`; a custom endpoint is one host for everything.
          { endpoint: config.endpoint, disableHostPrefix: true }
        : {}),
    });
  }

  /**
   * One operation. `sent` is the query text when it carries one, for error positions;
   * `retry: false` for calls whose caller would rather fail at once (readiness, optional
   * lookups).
   */
  async call<T>(
    operation: string,
    send: (abortSignal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    opts: { sent?: { text: string; offset: number; length: number }; retry?: boolean } = {},
  ): Promise<T> {
    const policy = opts.retry === false ? { attempts: 0, initialMs: 0 } : this.config.retry;
    try {
      return await withRetry(() => this.redialing(send, signal), policy, isRetried, signal);
    } catch (error) {
      throw cloudWatchError(error, operation, opts.sent);
    }
  }

  /**
   * `send`, again on another connection while the connection is dropped under it. Servers
   * close idle kept-alive connections (the CloudWatch simulator after 5 s; a busy one late,
   * when requests are already on their way), and the request written on one then fails
   * with ECONNRESET though CloudWatch never read it. The SDK's own retries would send it
   * again, but they are off here; without this, one stale connection fails the user's query.
   * Even `retry: false` callers want this: it is no waiting, and no sign of a busy service.
   */
  private async redialing<T>(
    send: (abortSignal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await send(signal);
      } catch (error) {
        if (attempt >= REDIALS || !isDropped(error) || signal.aborted) throw error;
      }
    }
  }

  close(): void {
    this.sdk.destroy();
  }
}
