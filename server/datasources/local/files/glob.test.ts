import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandGlobs } from './glob';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'logsift-glob-'));
  const pod = join(dir, 'pods/shop_checkout-7d9f8b6c5-x2klp_0b5e/checkout');
  await mkdir(pod, { recursive: true });
  await writeFile(join(pod, '0.log'), '');
  await writeFile(join(pod, '0.log.20241124-101010.gz'), '');
  await mkdir(join(dir, 'containers'));
  await symlink(join(pod, '0.log'), join(dir, 'containers/checkout_shop_checkout-abc.log'));
  await writeFile(join(dir, 'app.log'), '');
  await mkdir(join(dir, 'deep/a/b'), { recursive: true });
  await writeFile(join(dir, 'deep/a/b/x.log'), '');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const rel = (paths: string[]) => paths.map((p) => relative(dir, p));

describe('expandGlobs', () => {
  it('finds kubelet pod logs and the symlinks of /var/log/containers', async () => {
    expect(rel(await expandGlobs([`${dir}/pods/*/*/*.log`]))).toEqual([
      'pods/shop_checkout-7d9f8b6c5-x2klp_0b5e/checkout/0.log',
    ]);
    expect(rel(await expandGlobs([`${dir}/containers/*.log`]))).toEqual([
      'containers/checkout_shop_checkout-abc.log',
    ]);
  });

  it('matches only at the depth the glob asks for, unless it says **', async () => {
    expect(rel(await expandGlobs([`${dir}/*.log`]))).toEqual(['app.log']);
    expect(rel(await expandGlobs([`${dir}/**/x.log`]))).toEqual(['deep/a/b/x.log']);
  });

  it('takes plain paths and relative globs, merging overlaps', async () => {
    const relativeGlob = relative(process.cwd(), `${dir}/*.log`);
    const found = await expandGlobs([`${dir}/app.log`, relativeGlob, `./${relativeGlob}`]);
    expect(rel(found)).toEqual(['app.log']);
    expect(await expandGlobs([`${dir}/nowhere/*.log`])).toEqual([]);
  });
});
