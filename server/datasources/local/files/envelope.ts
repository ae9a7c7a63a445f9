import { MAX_LINE_BYTES } from '../../../logs/limitLine';
import { fromEpoch, parseRfc3339, timeFromLine, type ParsedTime } from '../../../logs/timestamps';

/** One physical line of a log file, with the container runtime's envelope removed. */
export interface Decoded {
  line: string;
  time: ParsedTime | undefined;
  /** A CRI `P` record or a Docker line without its newline: continues on the next line. */
  partial: boolean;
  /** Labels the envelope itself carries (Fluent Bit's kubernetes metadata). */
  labels?: Record<string, string>;
  /** Bytes of a joined line cut past the cap, for the store's truncation marker. */
  dropped?: number;
}

const CRI = /^(\d{4}-\d\d-\d\dT\S+) (stdout|stderr) ([PF]) (.*)$/s;
const FLUENT_BIT = /^\[(\d+(?:\.\d+)?),\s*(\{.*\})\]$/s;

function dockerJson(raw: string): Decoded | undefined {
  if (!raw.startsWith('{"log":')) return undefined;
  try {
    const doc = JSON.parse(raw) as { log?: unknown; time?: unknown };
    if (typeof doc.log !== 'string') return undefined;
    const partial = !doc.log.endsWith('\n');
    return {
      line: partial ? doc.log : doc.log.slice(0, -1),
      time: typeof doc.time === 'string' ? parseRfc3339(doc.time) : undefined,
      partial,
    };
  } catch {
    return undefined;
  }
}

function fluentBit(raw: string): Decoded | undefined {
  const match = FLUENT_BIT.exec(raw);
  if (!match?.[1] || !match[2]) return undefined;
  try {
    const record = JSON.parse(match[2]) as Record<string, unknown>;
    const k8s = (record['kubernetes'] ?? {}) as Record<string, unknown>;
    const labels: Record<string, string> = {};
    const put = (name: string, value: unknown): void => {
      if (typeof value === 'string' && value) labels[name] = value;
    };
    put('namespace', k8s['namespace_name']);
    put('pod', k8s['pod_name']);
    put('container', k8s['container_name']);
    put('node', k8s['host']);
    const log = record['log'];
    const line = typeof log === 'string' ? log.replace(/\n$/, '') : JSON.stringify(record);
    return { line, time: fromEpoch(match[1]), partial: false, labels };
  } catch {
    return undefined;
  }
}

/** Recognises Docker json-file, CRI, Fluent Bit's `[time, record]`, or a plain line. */
export function decodeLine(raw: string): Decoded {
  const docker = dockerJson(raw);
  if (docker) return docker;
  const cri = CRI.exec(raw);
  if (cri?.[1]) {
    return { line: cri[4] ?? '', time: parseRfc3339(cri[1]), partial: cri[3] === 'P' };
  }
  const fb = fluentBit(raw);
  if (fb) return fb;
  return { line: raw, time: timeFromLine(raw), partial: false };
}

/** Longest line rebuilt from partial records, as Loki caps a line (256 KiB). */
const MAX_JOINED = MAX_LINE_BYTES;

/** Joins partial records into whole lines; keeps the pending part between reads of a file. */
export class PartialJoiner {
  private pending: Decoded | undefined;
  /** Bytes of the pending line past the cap, thrown away as they came so memory stays flat. */
  private dropped = 0;

  push(decoded: Decoded): Decoded | undefined {
    if (this.pending) {
      const room = Math.max(0, MAX_JOINED - this.pending.line.length);
      let piece = decoded.line;
      if (piece.length > room) {
        this.dropped += Buffer.byteLength(piece.slice(room), 'utf8');
        piece = piece.slice(0, room);
      }
      this.pending = { ...this.pending, line: this.pending.line + piece, partial: decoded.partial };
    } else {
      this.pending = decoded;
    }
    if (this.pending.partial) return undefined;
    const done = this.pending;
    this.pending = undefined;
    if (this.dropped > 0) {
      done.dropped = this.dropped;
      this.dropped = 0;
    }
    return done;
  }
}
