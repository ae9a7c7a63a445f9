import type { Stats } from 'node:fs';
import { lstat, open, stat, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { MAX_LINE_BYTES } from '../../../logs/limitLine';
import type { Entry } from '../store';
import { decodeLine, PartialJoiner } from './envelope';
import { expandGlobs } from './glob';

export interface FollowedBatch {
  path: string;
  entries: Entry[];
  /** Labels from the records' own metadata, when the format carries them. */
  labels: Record<string, string>;
}

interface FileState {
  /** Device and inode: what stays when a file is renamed and changes when it is replaced. */
  id: string;
  handle: FileHandle;
  offset: number;
  /** The last bytes read, to tell growth from a file truncated and rewritten past `offset`. */
  seen: Buffer;
  decoder: StringDecoder;
  rest: string;
  /** UTF-8 bytes cut from `rest`: a line with no newline in sight must not grow forever. */
  restDropped: number;
  joiner: PartialJoiner;
}

/** Reads at most this much of a file's existing content at start: its newest part. */
const MAX_INITIAL_BYTES = 64 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const MAX_PENDING_CHARS = 2 * MAX_LINE_BYTES;
const SEEN_BYTES = 64;

const fileId = (info: { dev: number; ino: number }): string => `${info.dev}:${info.ino}`;

/**
 * Follows the files of some globs like `tail -F`: reads what is there, then polls for
 * growth, truncation (start again at 0), rotation (a new inode: the old file is read to its
 * end first, through the descriptor kept open) and new matching files.
 */
export class FileFollower {
  private readonly files = new Map<string, FileState>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly patterns: readonly string[],
    private readonly onBatch: (batch: FollowedBatch) => void,
    private readonly now: () => number,
  ) {}

  async start(intervalMs = 500): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
    for (const state of this.files.values()) await state.handle.close();
    this.files.clear();
  }

  async poll(): Promise<void> {
    const seen = new Map<string, Stats>();
    for (const path of await expandGlobs(this.patterns)) {
      try {
        seen.set(path, await stat(path));
      } catch {
        // Gone between the walk and the stat: the next poll settles it.
      }
    }
    await this.oneNamePerFile(seen);
    await this.settleMoved(seen);
    for (const [path, info] of seen) {
      try {
        await this.read(path, info);
      } catch {
        // Unreadable now (permissions, a race with rotation): tried again next poll.
      }
    }
  }

  /**
   * A file the globs reach by two names (a `/var/log/containers` symlink and its
   * `/var/log/pods` target, both configured) is read once, or every line would come twice:
   * under the name already followed, else its real path.
   */
  private async oneNamePerFile(seen: Map<string, Stats>): Promise<void> {
    const names = new Map<string, string[]>();
    for (const [path, info] of seen) {
      const id = fileId(info);
      const paths = names.get(id);
      if (paths) paths.push(path);
      else names.set(id, [path]);
    }
    for (const [id, paths] of names) {
      if (paths.length < 2) continue;
      let keep = paths.find((path) => this.files.get(path)?.id === id);
      for (const path of paths) {
        if (keep) break;
        const link = await lstat(path).then(
          (info) => info.isSymbolicLink(),
          () => true,
        );
        if (!link) keep = path;
      }
      keep ??= paths[0];
      for (const path of paths) if (path !== keep) seen.delete(path);
    }
  }

  /** Files renamed, replaced or removed since the last poll: their last lines are read first. */
  private async settleMoved(seen: Map<string, Stats>): Promise<void> {
    const moved: FileState[] = [];
    for (const [path, state] of this.files) {
      const info = seen.get(path);
      if (info && fileId(info) === state.id) continue;
      await this.drain(path, state);
      this.files.delete(path);
      moved.push(state);
    }
    const pathOf = new Map([...seen].map(([path, info]) => [fileId(info), path]));
    for (const state of moved) {
      const to = pathOf.get(state.id);
      // A rotated file still matching the globs keeps its place, or it would be read twice.
      if (to !== undefined && !this.files.has(to)) this.files.set(to, state);
      else await state.handle.close();
    }
  }

  private async drain(path: string, state: FileState): Promise<void> {
    try {
      await this.readTo(path, state, (await state.handle.stat()).size);
    } catch {
      // The old file is beyond reach; what was read stays.
    }
    if (state.rest !== '') this.consume(path, state, '\n');
  }

  private async read(path: string, info: Stats): Promise<void> {
    let state = this.files.get(path);
    if (!state) {
      const handle = await open(path, 'r');
      const opened = await handle.stat();
      state = {
        id: fileId(opened),
        handle,
        offset: Math.max(0, opened.size - MAX_INITIAL_BYTES),
        seen: Buffer.alloc(0),
        decoder: new StringDecoder('utf8'),
        rest: '',
        restDropped: 0,
        joiner: new PartialJoiner(),
      };
      this.files.set(path, state);
    } else if (info.size < state.offset || !(await this.stillHolds(state, info.size))) {
      // Truncated in place (copytruncate): the file starts over, even when it was written past
      // the old offset again before this poll.
      Object.assign(state, {
        offset: 0,
        seen: Buffer.alloc(0),
        decoder: new StringDecoder('utf8'),
        rest: '',
        restDropped: 0,
        joiner: new PartialJoiner(),
      });
    }
    await this.readTo(path, state, info.size);
  }

  /** Whether the bytes last read are still where they were: a grown file, not a new one. */
  private async stillHolds(state: FileState, size: number): Promise<boolean> {
    if (size === state.offset || state.seen.length === 0) return true;
    const at = state.offset - state.seen.length;
    const now = Buffer.alloc(state.seen.length);
    const { bytesRead } = await state.handle.read(now, 0, now.length, at);
    return bytesRead === now.length && now.equals(state.seen);
  }

  private async readTo(path: string, state: FileState, size: number): Promise<void> {
    if (size <= state.offset) return;
    const buffer = Buffer.alloc(Math.min(CHUNK, size - state.offset));
    while (state.offset < size) {
      const { bytesRead } = await state.handle.read(buffer, 0, buffer.length, state.offset);
      if (bytesRead === 0) break;
      state.offset += bytesRead;
      const read = buffer.subarray(0, bytesRead);
      state.seen = Buffer.from(
        bytesRead >= SEEN_BYTES
          ? read.subarray(bytesRead - SEEN_BYTES)
          : Buffer.concat([state.seen, read]).subarray(-SEEN_BYTES),
      );
      this.consume(path, state, state.decoder.write(read));
    }
  }

  private consume(path: string, state: FileState, text: string): void {
    const parts = (state.rest + text).split('\n');
    state.rest = parts.pop() ?? '';
    let carried = state.restDropped;
    state.restDropped = 0;
    if (parts.length === 0) state.restDropped = carried;
    if (state.rest.length > MAX_PENDING_CHARS) {
      state.restDropped += Buffer.byteLength(state.rest.slice(MAX_PENDING_CHARS), 'utf8');
      state.rest = state.rest.slice(0, MAX_PENDING_CHARS);
    }
    // Records that carry their own labels (Fluent Bit's) may change pod from line to line.
    let batch: FollowedBatch = { path, entries: [], labels: {} };
    let batchKey = '';
    for (const raw of parts) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const cut = carried;
      carried = 0;
      if (line === '') continue;
      const decoded = state.joiner.push(decodeLine(line));
      if (!decoded) continue;
      const key = decoded.labels ? JSON.stringify(decoded.labels) : '';
      if (key !== batchKey) {
        if (batch.entries.length > 0) this.onBatch(batch);
        batch = { path, entries: [], labels: decoded.labels ?? {} };
        batchKey = key;
      }
      const time = decoded.time ?? { ms: this.now(), subNs: 0 };
      const dropped = (decoded.dropped ?? 0) + cut;
      batch.entries.push({ ms: time.ms, subNs: time.subNs, line: decoded.line, dropped });
    }
    if (batch.entries.length > 0) this.onBatch(batch);
  }
}
