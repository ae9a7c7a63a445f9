import { open, stat } from 'node:fs/promises';
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
  ino: number;
  offset: number;
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

/**
 * Follows the files of some globs like `tail -F`: reads what is there, then polls for
 * growth, truncation (start again at 0), rotation (a new inode) and new matching files.
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
  }

  async poll(): Promise<void> {
    for (const path of await expandGlobs(this.patterns)) {
      try {
        await this.read(path);
      } catch {
        // A file that vanished between the walk and the read is picked up again next poll.
      }
    }
  }

  private async read(path: string): Promise<void> {
    const info = await stat(path);
    let state = this.files.get(path);
    if (!state || state.ino !== info.ino || info.size < state.offset) {
      const first = !state;
      state = {
        ino: info.ino,
        offset: first ? Math.max(0, info.size - MAX_INITIAL_BYTES) : 0,
        decoder: new StringDecoder('utf8'),
        rest: '',
        restDropped: 0,
        joiner: new PartialJoiner(),
      };
      this.files.set(path, state);
    }
    if (info.size === state.offset) return;
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(CHUNK);
      while (state.offset < info.size) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, state.offset);
        if (bytesRead === 0) break;
        state.offset += bytesRead;
        this.consume(path, state, state.decoder.write(buffer.subarray(0, bytesRead)));
      }
    } finally {
      await handle.close();
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
    const entries: Entry[] = [];
    let labels: Record<string, string> = {};
    for (const raw of parts) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const cut = carried;
      carried = 0;
      if (line === '') continue;
      const decoded = state.joiner.push(decodeLine(line));
      if (!decoded) continue;
      if (decoded.labels) labels = decoded.labels;
      const time = decoded.time ?? { ms: this.now(), subNs: 0 };
      const dropped = (decoded.dropped ?? 0) + cut;
      entries.push({ ms: time.ms, subNs: time.subNs, line: decoded.line, dropped });
    }
    if (entries.length > 0) this.onBatch({ path, entries, labels });
  }
}
