import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TailMessage } from '../../../model';
import { createLocalDatasource } from './index';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'logsift-tail-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const until = async (done: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

describe('live tail over followed files', () => {
  it('sends only new matching lines, in batches of at most 100, and reports drops', async () => {
    const path = join(dir, 'app.log');
    await writeFile(path, 'old keep line\n');
    const ds = await createLocalDatasource({ id: 'files', kind: 'local', paths: [path] });
    const messages: TailMessage[] = [];
    const session = ds.tail?.({ language: 'logql', query: '{job="files"} |= "keep"' }, (m) =>
      messages.push(m),
    );
    try {
      const lines = Array.from({ length: 1_500 }, (_, i) => `keep ${i}\nskip ${i}\n`).join('');
      await appendFile(path, lines);
      const received = () => messages.flatMap((m) => (m.type === 'records' ? m.records : []));
      await until(() => received().length >= 1_000);
      const records = received();
      const dropped = messages.flatMap((m) => (m.type === 'dropped' ? [m.count] : []));
      // The queue holds 1,000 lines; a reader that cannot keep up is told how many it lost.
      expect(records).toHaveLength(1_000);
      expect(dropped.reduce((a, b) => a + b, 0)).toBe(500);
      expect(records.every((r) => r.line.startsWith('keep ') && r.source === 'files')).toBe(true);
      expect(records[0]?.line).toBe('keep 0');
      for (const m of messages)
        if (m.type === 'records') expect(m.records.length).toBeLessThanOrEqual(100);
    } finally {
      session?.close();
    }
    const before = messages.length;
    await appendFile(path, 'keep after close\n');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(messages.length).toBe(before);
    await ds.close();
  });

  it('stops following and tailing when the datasource closes, and is no longer ready', async () => {
    const path = join(dir, 'app.log');
    await writeFile(path, '');
    const ds = await createLocalDatasource({ id: 'files', kind: 'local', paths: [path] });
    expect(await ds.ready()).toBe(true);
    const messages: TailMessage[] = [];
    ds.tail?.({ language: 'logql', query: '{job="files"}' }, (m) => messages.push(m));
    await appendFile(path, 'seen\n');
    await until(() => messages.length > 0);
    expect(messages).toHaveLength(1);
    await ds.close();
    expect(await ds.ready()).toBe(false);
    await appendFile(path, 'never seen\n');
    await new Promise((r) => setTimeout(r, 800));
    expect(messages).toHaveLength(1);
  });
});
