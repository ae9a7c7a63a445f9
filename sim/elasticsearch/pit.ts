import { formatDuration, parseDuration } from './dates';
import { allShardsFailed, esError, illegalArgument } from './errors';
import type { Flavor } from './options';
import type { Index, View } from './store';

interface PitContext {
  id: string;
  /** The search context id a real node would name in "No search context found for id [N]". */
  contextId: number;
  view: View;
  keepAliveMs: number;
  expiresAt: number;
}

/** Looks like the real ids: url-safe base64 that names the shards it pins; opaque to clients. */
function encodeId(contextId: number, indices: readonly Index[], flavor: Flavor): string {
  const payload = `${flavor === 'opensearch' ? 'os' : 'es'}|${contextId}|${indices.map((i) => `${i.name}:${i.uuid}`).join(',')}`;
  return Buffer.from(payload).toString('base64url');
}

function decodeContextId(id: string): number | undefined {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const n = Number(text.split('|')[1]);
  return Number.isInteger(n) ? n : undefined;
}

/** Open points in time: each keeps the indices and the ingest instant it was opened at. */
export class PitRegistry {
  private readonly open = new Map<string, PitContext>();
  private nextContext = 1;

  constructor(
    private readonly now: () => number,
    private readonly maxKeepAliveMs: number,
    private readonly flavor: Flavor,
  ) {}

  keepAlive(text: string | null | undefined, settingName: string): number {
    if (text === null || text === undefined || text === '') {
      throw esError(400, {
        type: 'action_request_validation_exception',
        reason: 'Validation Failed: 1: [keep_alive] is not specified;',
      });
    }
    const ms = parseDuration(text);
    if (ms === undefined) {
      throw illegalArgument(
        `failed to parse setting [keep_alive] with value [${text}] as a time value: unit is missing or unrecognized`,
      );
    }
    if (ms > this.maxKeepAliveMs) {
      throw illegalArgument(
        `Keep alive for request (${formatDuration(ms)}) is too large. It must be less than (${formatDuration(this.maxKeepAliveMs)}). This limit can be set by changing the [${settingName}] cluster level setting.`,
      );
    }
    return ms;
  }

  create(view: View, keepAliveMs: number): { id: string; createdAt: number } {
    this.sweep();
    const contextId = this.nextContext++;
    const id = encodeId(contextId, view.indices, this.flavor);
    const createdAt = this.now();
    this.open.set(id, { id, contextId, view, keepAliveMs, expiresAt: createdAt + keepAliveMs });
    return { id, createdAt };
  }

  /** The view of a live PIT, its keep-alive extended; a gone one fails as its shards would. */
  use(id: string, keepAlive: string | undefined, settingName: string): View {
    this.sweep();
    const pit = this.open.get(id);
    if (!pit) {
      const cause = {
        type: 'search_context_missing_exception',
        reason: `No search context found for id [${decodeContextId(id) ?? 0}]`,
      };
      throw allShardsFailed(404, [], cause);
    }
    if (keepAlive !== undefined) pit.keepAliveMs = this.keepAlive(keepAlive, settingName);
    pit.expiresAt = this.now() + pit.keepAliveMs;
    return pit.view;
  }

  close(id: string): boolean {
    this.sweep();
    return this.open.delete(id);
  }

  expireAll(): void {
    this.open.clear();
  }

  ids(): string[] {
    this.sweep();
    return [...this.open.keys()];
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, pit] of this.open) if (pit.expiresAt <= now) this.open.delete(id);
  }
}
