import {
  CloudWatchLogsClient,
  type CloudWatchLogsClientConfig,
} from '@aws-sdk/client-cloudwatch-logs';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { withRetry } from './backoff';
import type { CloudWatchDatasourceConfig } from './config';
import { cloudWatchError, isRetried } from './errors';

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
      return await withRetry(() => send(signal), policy, isRetried, signal);
    } catch (error) {
      throw cloudWatchError(error, operation, opts.sent);
    }
  }

  close(): void {
    this.sdk.destroy();
  }
}
