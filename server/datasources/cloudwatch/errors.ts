import { LogsiftError, type ErrorCode, type Position } from '../../../model';
import { excerptOf } from '../excerpt';
import { COMMAND_JOINER } from './insightsText';

/** What the SDK throws: a ServiceException (name = AWS error code) or a Node/credential error. */
interface AwsError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  queryCompileError?: {
    location?: { startCharOffset?: number; endCharOffset?: number };
    message?: string;
  };
}

/** Tried again with backoff before the user sees them. */
const RETRIED = new Set([
  'ThrottlingException',
  'LimitExceededException',
  'ServiceUnavailableException',
  'TooManyRequestsException',
]);

const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'IncompleteSignature',
]);

const CODES: Record<string, ErrorCode> = {
  MalformedQueryException: 'bad_query',
  InvalidParameterException: 'bad_query',
  ValidationException: 'bad_query',
  ResourceNotFoundException: 'not_found',
  AccessDeniedException: 'forbidden',
  ThrottlingException: 'limit',
  LimitExceededException: 'limit',
  TooManyRequestsException: 'limit',
  ServiceQuotaExceededException: 'limit',
  ServiceUnavailableException: 'backend_unavailable',
  InternalServerException: 'backend_unavailable',
  TimeoutError: 'timeout',
  AbortError: 'timeout',
};

export function isRetried(error: unknown): boolean {
  return RETRIED.has((error as AwsError).name ?? '');
}

/**
 * The connection went away under the request (the SDK names these TimeoutError, the code
 * tells): typically a kept-alive connection the server closed just as the request was
 * written on it.
 */
const DROPPED = new Set(['ECONNRESET', 'EPIPE']);

export function isDropped(error: unknown): boolean {
  return DROPPED.has((error as AwsError).code ?? '');
}

/** `unexpected symbol found bad at line 1 and position 843`, `Unknown function at 1:8`. */
const AT = /at line (\d+) and position (\d+)|at (\d+):(\d+)/;

/**
 * Where in the user's query the mistake is: CloudWatch's offsets count in the text it was
 * sent, where the user's query starts at `offset`; a place before it is Logsift's own text.
 */
function positionOf(
  e: AwsError,
  sent: { text: string; offset: number; length: number },
): Position | undefined {
  const loc = e.queryCompileError?.location;
  let from = loc?.startCharOffset;
  let to = loc?.endCharOffset;
  if (from === undefined) {
    const at = AT.exec(e.queryCompileError?.message ?? e.message ?? '');
    if (!at) return undefined;
    const line = Number(at[1] ?? at[3]);
    const col = Number(at[2] ?? at[4]);
    const lines = sent.text.split('\n');
    from = col - 1;
    for (let i = 0; i < line - 1 && i < lines.length; i++) from += (lines[i]?.length ?? 0) + 1;
  }
  from -= sent.offset;
  // At the pipe Logsift put after the user's text: the user's last command is unfinished.
  if (from > sent.length && from <= sent.length + COMMAND_JOINER.length && sent.length > 0) {
    return { from: sent.length - 1, to: sent.length };
  }
  if (from < 0 || from > sent.length) return undefined;
  to = to === undefined ? from + 1 : Math.max(to - sent.offset, from + 1);
  return { from, to: Math.min(to, Math.max(sent.length, from + 1)) };
}

function messageOf(e: AwsError, code: ErrorCode, name: string, what: string): string {
  const said = e.queryCompileError?.message ?? e.message ?? name;
  if (CREDENTIALS.has(name)) {
    return `CloudWatch Logs refused the AWS credentials (${name}): they are missing, expired or not valid; check the pod's IAM role (IRSA or Pod Identity), the profile or the environment. AWS said: ${said}`;
  }
  if (code === 'forbidden') {
    return `CloudWatch Logs denied ${what} (${name}): the IAM role needs logs:${what} on these log groups. AWS said: ${said}`;
  }
  if (name === 'LimitExceededException') {
    return `CloudWatch Logs Insights is at the account's limit of concurrent queries (shared with dashboards and other users); tried again, still full. AWS said: ${said}`;
  }
  if (name === 'ThrottlingException') {
    return `CloudWatch Logs is throttling ${what}; tried again, still throttled. AWS said: ${said}`;
  }
  if (code === 'backend_unavailable' && !e.$metadata?.httpStatusCode) {
    return `cannot reach CloudWatch Logs: ${e.code ? `${e.code} ` : ''}${said}`;
  }
  return `CloudWatch Logs: ${said}`;
}

/**
 * An SDK error of operation `what` as the normalized error. `sent` is the query text
 * CloudWatch received, when `what` carried one, so a MalformedQueryException points into
 * the user's query.
 */
export function cloudWatchError(
  error: unknown,
  what: string,
  sent?: { text: string; offset: number; length: number },
): LogsiftError {
  if (error instanceof LogsiftError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as AwsError;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  // Never `unauthorized`: that would read as the user's own Logsift session ending.
  const code: ErrorCode = CREDENTIALS.has(name)
    ? 'forbidden'
    : (CODES[name] ??
      (status === 403
        ? 'forbidden'
        : status !== undefined && status >= 400 && status < 500
          ? 'bad_query'
          : 'backend_unavailable'));
  const position = name === 'MalformedQueryException' && sent ? positionOf(e, sent) : undefined;
  const said = e.queryCompileError?.message ?? e.message ?? name;
  return new LogsiftError(
    code,
    messageOf(e, code, name, what),
    position,
    status === undefined ? undefined : { status, excerpt: excerptOf(`${name}: ${said}`) },
  );
}

/** Why a query ended without its answer, for each terminal status that is not Complete. */
export function statusError(status: string | undefined, timeoutMinutes = 60): LogsiftError {
  switch (status) {
    case 'Failed':
      return new LogsiftError(
        'backend_unavailable',
        'CloudWatch Logs Insights reports the query Failed: it could not run it (an internal error or a log group it could not read); run it again, or narrow the range',
      );
    case 'Timeout':
      return new LogsiftError(
        'timeout',
        `CloudWatch Logs Insights stopped the query after its ${timeoutMinutes}-minute limit: narrow the time range or the log groups, or filter earlier in the query`,
      );
    case 'Cancelled':
      return new LogsiftError(
        'timeout',
        'the query was cancelled on the CloudWatch side (StopQuery by another client, or the console) before it completed',
      );
    default:
      return new LogsiftError(
        'backend_unavailable',
        `CloudWatch Logs Insights answered the query with status ${status ?? 'none'}, which Logsift does not know`,
      );
  }
}
