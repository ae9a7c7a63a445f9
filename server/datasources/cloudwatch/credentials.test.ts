import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialsOf, endpointOf } from './client';
import { CloudWatchDatasourceConfigSchema } from './config';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const config = (extra: Record<string, unknown> = {}) =>
  CloudWatchDatasourceConfigSchema.parse({
    id: 'cw',
    kind: 'cloudwatch',
    region: 'eu-west-1',
    logGroups: ['/a'],
    ...extra,
  });

async function resolve(extra: Record<string, unknown> = {}) {
  const provider = credentialsOf(config(extra));
  if (typeof provider !== 'function') throw new Error('expected a provider');
  return provider();
}

describe('AWS credentials', () => {
  it('take the environment first, as the default chain does', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    expect(await resolve()).toMatchObject({ accessKeyId: 'AKIDENV' });
  });

  it('read a named profile from the shared files', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_PROFILE;
    const dir = mkdtempSync(join(tmpdir(), 'logsift-aws-'));
    const file = join(dir, 'credentials');
    writeFileSync(
      file,
      '[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n\n[team]\naws_access_key_id = AKIDTEAM\naws_secret_access_key = t\n',
    );
    process.env.AWS_SHARED_CREDENTIALS_FILE = file;
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    expect(await resolve({ profile: 'team' })).toMatchObject({ accessKeyId: 'AKIDTEAM' });
  });

  it('check a role to assume and name the regional endpoint', () => {
    expect(() => config({ role: { arn: 'not-an-arn' } })).toThrow(/an IAM role ARN/);
    expect(config({ role: { arn: 'arn:aws:iam::123456789012:role/logs-reader' } }).role).toEqual({
      arn: 'arn:aws:iam::123456789012:role/logs-reader',
      sessionName: 'logsift',
    });
    expect(endpointOf(config())).toBe('https://logs.eu-west-1.amazonaws.com');
  });
});
