import type { EsClient } from './client';

export interface FieldCap {
  type: string;
  aggregatable: boolean;
  searchable: boolean;
}

interface FieldCapsAnswer {
  fields: Record<
    string,
    Record<
      string,
      { type: string; aggregatable?: boolean; searchable?: boolean; metadata_field?: boolean }
    >
  >;
}

const TTL_MS = 60_000;

/** `_field_caps` of the index pattern, kept a minute: every query needs the types. */
export class FieldCaps {
  private cached: { at: number; caps: Promise<Map<string, FieldCap>> } | undefined;

  constructor(
    private readonly client: EsClient,
    private readonly index: string,
  ) {}

  get(signal: AbortSignal): Promise<Map<string, FieldCap>> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.caps;
    const caps = this.client
      .json<FieldCapsAnswer>('GET', `${this.index}/_field_caps?fields=*`, undefined, signal)
      .then((answer) => {
        const map = new Map<string, FieldCap>();
        for (const [name, byType] of Object.entries(answer.fields)) {
          const types = Object.values(byType);
          if (types.some((t) => t.metadata_field)) continue;
          // A field with conflicting types across indices is usable as its first one.
          const first = types[0];
          if (!first || first.type === 'object') continue;
          map.set(name, {
            type: first.type,
            aggregatable: types.every((t) => t.aggregatable === true),
            searchable: types.some((t) => t.searchable !== false),
          });
        }
        return map;
      });
    this.cached = { at: Date.now(), caps };
    caps.catch(() => (this.cached = undefined));
    return caps;
  }
}

/** The aggregatable twin of a text field (`level` → `level.keyword`), or the field itself. */
export function aggregatable(caps: Map<string, FieldCap>, field: string): string {
  if (caps.get(field)?.aggregatable) return field;
  if (caps.get(`${field}.keyword`)?.aggregatable) return `${field}.keyword`;
  return field;
}

export function firstPresent(caps: Map<string, FieldCap>, names: string[]): string | undefined {
  return names.find((n) => caps.has(n));
}
