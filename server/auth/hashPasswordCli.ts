import { stdin, stdout, stderr, exit } from 'node:process';
import { hashPassword } from './passwords';

/**
 * `npm run hash-password`: the password is read from stdin (never an argument, which would
 * stay in the shell history and in `ps`), the argon2id hash for auth.users is printed.
 */
async function main(): Promise<void> {
  if (stdin.isTTY) stderr.write('Password (then Enter, Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!password) {
    stderr.write('hash-password: no password on stdin\n');
    exit(1);
  }
  stdout.write(`${await hashPassword(password)}\n`);
}

void main();
