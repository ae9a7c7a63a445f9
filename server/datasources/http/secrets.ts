import { readFile } from 'node:fs/promises';
import type { Secret } from './schema';

/** Kubernetes rotates mounted tokens, so a file is read again once this old. */
const REREAD_MS = 30_000;

/** A secret from the environment or a file; read on demand so rotation needs no restart. */
export class SecretSource {
  private cached: { value: string; at: number } | undefined;

  constructor(
    private readonly secret: Secret,
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  async value(): Promise<string> {
    if (this.secret.env !== undefined) {
      const value = process.env[this.secret.env];
      if (value === undefined || value === '') {
        throw new Error(`${this.what}: environment variable ${this.secret.env} is not set`);
      }
      return value;
    }
    const file = this.secret.file ?? '';
    if (this.cached && this.now() - this.cached.at < REREAD_MS) return this.cached.value;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`${this.what}: cannot read ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const value = text.trim();
    this.cached = { value, at: this.now() };
    return value;
  }
}
