import { appendFile, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalDatasource } from '../index';
import { FileFollower, type FollowedBatch } from './follow';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'logsift-follow-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A follower of `globs` at time 0, and the batches it hands over. */
function following(globs: string[]): { follower: FileFollower; batches: FollowedBatch[] } {
  const batches: FollowedBatch[] = [];
  return {
    follower: new FileFollower(
      globs,
      (b) => batches.push(b),
      () => 0,
    ),
    batches,
  };
}

const lines = (batches: FollowedBatch[]): string[] =>
  batches.flatMap((b) => b.entries.map((e) => e.line));

describe('FileFollower', () => {
  it('reads, then follows growth, rotation, truncation and new files like tail -F', async () => {
    const path = join(dir, 'app.log');
    await writeFile(path, 'one\ntwo\n');
    const { follower, batches } = following([join(dir, '*.log')]);
    await follower.poll();
    expect(lines(batches)).toEqual(['one', 'two']);

    await appendFile(path, 'three\nfour-without-newline');
    await follower.poll();
    expect(lines(batches)).toEqual(['one', 'two', 'three']);
    await appendFile(path, ' now ends\n');
    await follower.poll();
    expect(lines(batches).at(-1)).toBe('four-without-newline now ends');

    await rename(path, join(dir, 'app.log.1'));
    await writeFile(path, 'after rotation\n');
    await follower.poll();
    expect(lines(batches).at(-1)).toBe('after rotation');

    await writeFile(path, 'x\n');
    await follower.poll();
    expect(lines(batches).at(-1)).toBe('x');

    await writeFile(join(dir, 'new.log'), 'brand new\n');
    await follower.poll();
    expect(lines(batches)).toContain('brand new');
    await follower.stop();
  });
  it('reads a rotated file to its end before the new one, never twice', async () => {
    const path = join(dir, 'app.log');
    await writeFile(path, 'one\n');
    // The glob also matches the rotated name, as `app.log*` often does.
    const { follower, batches } = following([join(dir, 'app.log*')]);
    await follower.poll();
    await appendFile(path, 'written just before rotation\nno newline yet');
    await rename(path, join(dir, 'app.log.1'));
    await writeFile(path, 'first of the new file\n');
    await follower.poll();
    await appendFile(join(dir, 'app.log.1'), ' but late\n');
    await follower.poll();
    expect(lines(batches)).toEqual([
      'one',
      'written just before rotation',
      'no newline yet',
      'first of the new file',
      ' but late',
    ]);
    await follower.stop();
  });

  it('keeps each Fluent Bit record with its own pod labels', async () => {
    const record = (pod: string, log: string) =>
      `[1700000000.5, ${JSON.stringify({ log, kubernetes: { namespace_name: 'ns', pod_name: pod, container_name: 'c' } })}]`;
    const path = join(dir, 'fluent.out');
    await writeFile(
      path,
      [record('a', 'one'), record('b', 'two'), record('a', 'three'), ''].join('\n'),
    );
    const { follower, batches } = following([path]);
    await follower.poll();
    expect(batches.map((b) => [b.labels['pod'], b.entries.map((e) => e.line)])).toEqual([
      ['a', ['one']],
      ['b', ['two']],
      ['a', ['three']],
    ]);
    expect(batches[0]?.entries[0]?.ms).toBe(1_700_000_000_500);
    await follower.stop();
  });

  it('cuts a line that never ends while it grows, and counts the bytes cut', async () => {
    const path = join(dir, 'endless.log');
    await writeFile(path, 'a'.repeat(3 * 1024 * 1024));
    const { follower, batches } = following([path]);
    await follower.poll();
    expect(batches).toHaveLength(0);
    await appendFile(path, 'bbb\nnext\n');
    await follower.poll();
    const [long, next] = batches.flatMap((b) => b.entries);
    expect(long?.line).toBe(`${'a'.repeat(512 * 1024)}bbb`);
    expect(long?.dropped).toBe(3 * 1024 * 1024 - 512 * 1024);
    expect(next?.line).toBe('next');
    expect(next?.dropped).toBe(0);
    await follower.stop();
  });

  it('reads a file reached through a symlink and its real path once, under its real path', async () => {
    const pod = join(dir, 'var/log/pods/shop_web-1_0000/nginx');
    const containers = join(dir, 'var/log/containers');
    await mkdir(pod, { recursive: true });
    await mkdir(containers, { recursive: true });
    await writeFile(join(pod, '0.log'), '2024-05-01T10:00:00Z stdout F hello\n');
    await symlink(join(pod, '0.log'), join(containers, `web-1_shop_nginx-${'a'.repeat(64)}.log`));
    const { follower, batches } = following([
      `${containers}/*.log`,
      `${dir}/var/log/pods/*/*/*.log`,
    ]);
    await follower.poll();
    await appendFile(join(pod, '0.log'), '2024-05-01T10:00:01Z stdout F again\n');
    await follower.poll();
    expect(batches.flatMap((b) => b.entries.map((e) => [b.path, e.line]))).toEqual([
      [join(pod, '0.log'), 'hello'],
      [join(pod, '0.log'), 'again'],
    ]);
    await follower.stop();
  });

  it('starts over a file truncated and written past the old offset between two polls', async () => {
    const path = join(dir, 'app.log');
    await writeFile(path, 'short\n');
    const { follower, batches } = following([path]);
    await follower.poll();
    await writeFile(path, 'a longer first line after copytruncate\n');
    await follower.poll();
    expect(lines(batches)).toEqual(['short', 'a longer first line after copytruncate']);
    await appendFile(path, 'then growth as usual\n');
    await follower.poll();
    expect(lines(batches).at(-1)).toBe('then growth as usual');
    await follower.stop();
  });
});

describe('local datasource over configured files', () => {
  it('serves hostile lines as text: 1 MB, invalid UTF-8, NUL, ANSI, <script>', async () => {
    const podDir = join(dir, 'var/log/pods/shop_web-1_0000/nginx');
    await mkdir(podDir, { recursive: true });
    const big = 'x'.repeat(1024 * 1024);
    const content = Buffer.concat([
      Buffer.from(`2024-05-01T10:00:00.000000001Z stdout F ${big}\n`),
      Buffer.from('2024-05-01T10:00:01Z stdout F bad utf8 '),
      Buffer.from([0xc3, 0x28, 0x0a]),
      Buffer.from(
        '2024-05-01T10:00:02Z stdout F nul\u0000byte \u001b[31mred\u001b[0m <script>alert(1)</script>\n',
      ),
    ]);
    await writeFile(join(podDir, '0.log'), content);
    const ds = await createLocalDatasource({
      id: 'files',
      kind: 'local',
      paths: [`${dir}/var/log/pods/*/*/*.log`],
    });
    try {
      const res = await ds.query(
        {
          language: 'logql',
          query: '{namespace="shop", container="nginx"}',
          fromMs: Date.UTC(2024, 4, 1),
          toMs: Date.UTC(2024, 4, 2),
          limit: 10,
          direction: 'forward',
        },
        new AbortController().signal,
      );
      const [long, utf8, hostile] = res.records;
      expect(long?.ts).toBe('1714557600000000001');
      expect(long?.line).toMatch(/… \[truncated \d+ bytes\]$/);
      expect(long?.line.length).toBeLessThan(300 * 1024);
      expect(utf8?.line).toBe('bad utf8 \uFFFD(');
      expect(hostile?.line).toBe('nul\u0000byte \u001b[31mred\u001b[0m <script>alert(1)</script>');
      expect(hostile?.labels).toMatchObject({
        namespace: 'shop',
        pod: 'web-1',
        container: 'nginx',
        job: 'files',
      });
    } finally {
      await ds.close();
    }
  });
});
