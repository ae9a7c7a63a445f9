import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/** argon2id with its library defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export const hashPassword = (password: string): Promise<string> => argon2Hash(password);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    if (hash.startsWith('$argon2id$')) return await argon2Verify(hash, password);
    if (/^\$2[aby]\$/.test(hash)) return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
  return false;
}

let dummy: Promise<string> | undefined;

/**
 * Checked for an unknown username, so a wrong name takes as long as a wrong password and the
 * answer time does not tell which names exist.
 */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword('logsift-no-such-user');
  await verifyPassword(await dummy, password);
}
