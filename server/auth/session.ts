import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { SessionConfig } from './config';

/**
 * A signed value with an expiry: `base64url(JSON) "." base64url(HMAC-SHA256)`. Nothing is kept
 * on the server, so replicas share sessions when they share the secret.
 */
export interface SessionSigner {
  sign(payload: object, ttlMs: number): string;
  /** The payload, or undefined when the value is tampered with, malformed or expired. */
  verify<T extends object>(value: string | undefined): T | undefined;
}

export function createSigner(secret: Buffer, now: () => number): SessionSigner {
  const mac = (data: string) => createHmac('sha256', secret).update(data).digest();
  return {
    sign(payload, ttlMs) {
      const data = Buffer.from(JSON.stringify({ ...payload, exp: now() + ttlMs })).toString(
        'base64url',
      );
      return `${data}.${mac(data).toString('base64url')}`;
    },
    verify<T extends object>(value: string | undefined) {
      if (!value) return undefined;
      const [data, signature, ...rest] = value.split('.');
      if (!data || !signature || rest.length > 0) return undefined;
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(data);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
      if (typeof payload !== 'object' || payload === null) return undefined;
      const exp = (payload as { exp?: unknown }).exp;
      if (typeof exp !== 'number' || exp <= now()) return undefined;
      return payload as T;
    },
  };
}

/**
 * The HMAC key from the environment or a file. Without one a random key is made: sessions then
 * end when the process does and are not shared between replicas, which the log says.
 */
export async function sessionSecret(
  config: SessionConfig,
  log: FastifyBaseLogger,
): Promise<Buffer> {
  if (config.secretEnv) {
    const value = process.env[config.secretEnv];
    if (!value)
      throw new Error(`auth.session: environment variable ${config.secretEnv} is not set`);
    return Buffer.from(value);
  }
  if (config.secretFile) {
    const text = await readFile(config.secretFile, 'utf8').catch((error: unknown) => {
      throw new Error(
        `auth.session: cannot read ${config.secretFile}: ${(error as Error).message}`,
      );
    });
    return Buffer.from(text.trim());
  }
  log.warn(
    'auth.session has no secretEnv or secretFile: sessions are signed with a random key, so they end on restart and are not shared between replicas',
  );
  return randomBytes(32);
}
