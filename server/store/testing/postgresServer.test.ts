import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { findPostgresBin, postgresAvailability } from './postgresServer';

describe('postgresAvailability', () => {
  const root = mkdtempSync(join(tmpdir(), 'logsift-pgbin-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('skips with the reason printed where PostgreSQL is missing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const answer = postgresAvailability({}, join(root, 'none'));
    expect(answer.bin).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('apt-get install postgresql'));
    warn.mockRestore();
  });

  it('fails instead under LOGSIFT_REQUIRE_POSTGRES=1', () => {
    expect(() =>
      postgresAvailability({ LOGSIFT_REQUIRE_POSTGRES: '1' }, join(root, 'none')),
    ).toThrow(/LOGSIFT_REQUIRE_POSTGRES=1 but no PostgreSQL binaries/);
  });

  it('picks the newest major that has both initdb and postgres', () => {
    for (const [major, files] of [
      ['13', ['initdb', 'postgres']],
      ['16', ['initdb']],
      ['15', ['initdb', 'postgres']],
    ] as const) {
      mkdirSync(join(root, major, 'bin'), { recursive: true });
      for (const file of files) writeFileSync(join(root, major, 'bin', file), '');
    }
    expect(findPostgresBin(root)).toBe(join(root, '15', 'bin'));
  });
});
