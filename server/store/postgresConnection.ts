import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import type { StorageConfig } from './config';

/** Where the PostgreSQL driver connects and how it tells "the database is away" from a bug. */

export type PostgresStorageConfig = Extract<StorageConfig, { kind: 'postgres' }>;

interface Target {
  host: string;
  port: number;
  user: string;
  database: string;
  ssl: pg.ClientConfig['ssl'];
}

/** Parsed here rather than by pg, whose parser would drop the password given beside the URL. */
export function parseUrl(url: string): Target {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')) || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || 'postgres',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'logsift',
    ssl:
      sslmode === 'verify-full' || sslmode === 'verify-ca'
        ? true
        : sslmode === 'require'
          ? { rejectUnauthorized: false }
          : undefined,
  };
}

/** Read for each new connection, so a rotated secret file is picked up without a restart. */
export function passwordSource(config: PostgresStorageConfig): (() => Promise<string>) | undefined {
  const { passwordEnv, passwordFile } = config;
  if (passwordFile) {
    return async () => {
      try {
        return (await readFile(passwordFile, 'utf8')).replace(/\r?\n$/, '');
      } catch (error) {
        throw new Error(`cannot read passwordFile ${passwordFile}: ${causeOf(error)}`, {
          cause: error,
        });
      }
    };
  }
  if (passwordEnv) {
    return async () => {
      const value = process.env[passwordEnv];
      if (value === undefined) throw new Error(`environment variable ${passwordEnv} is not set`);
      return value;
    };
  }
  return undefined;
}

/** Node's connect errors over several addresses are AggregateErrors with an empty message. */
export function causeOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return causeOf(error.errors[0]);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.message) return error.message;
    if (typeof code === 'string') return code;
  }
  return String(error);
}

/**
 * SQLSTATE classes that mean "the database is not there for us right now": connection
 * exceptions (08), authorization (28), a missing database (3D), resources (53), operator
 * intervention such as shutdown or statement timeout (57) and system errors (58). Anything
 * else with a SQLSTATE is a bug in a statement and stays an internal error.
 */
const UNAVAILABLE_CLASSES = new Set(['08', '28', '3D', '53', '57', '58']);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return UNAVAILABLE_CLASSES.has(code.slice(0, 2));
  }
  return true;
}
