import type { FastifyServerOptions } from 'fastify';

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** A destination for log lines: stdout by default, a capturing stream in tests. */
export interface LogStream {
  write(line: string): void;
}

const CENSOR = '[redacted]';
const SECRET_HEADERS = [
  'authorization',
  'cookie',
  '"set-cookie"',
  '"x-api-key"',
  '"proxy-authorization"',
];
const SECRET_KEYS = ['password', 'token', 'apiKey', 'secret', 'secretAccessKey', 'sessionToken'];

/**
 * Secrets wherever an object carrying them could be logged: request and response headers
 * (Fastify logs none by default; a handler's `{ req }` or a backend error may), and credential
 * keys of a datasource config or an error up to two levels down.
 */
export const REDACTED_PATHS = [
  ...SECRET_HEADERS.flatMap((h) => [
    `req.headers.${h}`,
    `res.headers.${h}`,
    `headers.${h}`,
    `*.headers.${h}`,
  ]),
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/**
 * Pino options for one JSON object per line: `level` as a word, `time` in ISO 8601 (what Loki
 * and Elasticsearch parse without a pipeline stage), `msg`, and Fastify's `reqId` on every line
 * written for a request.
 */
export function loggerOptions(stream?: LogStream): LoggerOptions {
  return {
    level: 'info',
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    ...(stream ? { stream } : {}),
  };
}
