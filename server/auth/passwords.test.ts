import { spawnSync } from 'node:child_process';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from './passwords';

describe('passwords', () => {
  it('verifies bcrypt $2a/$2b/$2y hashes and refuses unknown schemes', async () => {
    const b = bcrypt.hashSync('s3cret', 4);
    expect(await verifyPassword(b, 's3cret')).toBe(true);
    expect(await verifyPassword(b.replace(/^\$2b/, '$2y'), 's3cret')).toBe(true);
    expect(await verifyPassword(b, 'S3cret')).toBe(false);
    expect(await verifyPassword('$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaA', 's3cret')).toBe(
      false,
    );
    expect(await verifyPassword('$argon2id$broken', 's3cret')).toBe(false);
  });

  it(
    'npm run hash-password prints an argon2id hash of the password on stdin',
    { timeout: 60_000 },
    async () => {
      const run = spawnSync('npx', ['tsx', 'server/auth/hashPasswordCli.ts'], {
        input: 'pa ss\n',
        encoding: 'utf8',
        timeout: 50_000,
      });
      expect(run.status).toBe(0);
      const hash = run.stdout.trim();
      expect(hash).toMatch(/^\$argon2id\$v=19\$/);
      expect(await verifyPassword(hash, 'pa ss')).toBe(true);
      expect(await verifyPassword(hash, 'pa ss\n')).toBe(false);
    },
  );
});
