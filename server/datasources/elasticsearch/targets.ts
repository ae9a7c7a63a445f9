import type { TargetInfo } from '../datasource';
import type { EsClient } from './client';

interface ResolveAnswer {
  indices?: { name: string; attributes?: string[]; data_stream?: string }[];
  aliases?: { name: string }[];
  data_streams?: { name: string }[];
}

/**
 * What the index pattern covers, from `_resolve/index`: open indices not behind a data
 * stream (their backing indices would only repeat it), aliases and data streams.
 */
export async function resolveTargets(
  client: EsClient,
  pattern: string,
  signal: AbortSignal,
): Promise<TargetInfo[]> {
  const answer = await client.json<ResolveAnswer>(
    'GET',
    `_resolve/index/${pattern}?expand_wildcards=open`,
    undefined,
    signal,
  );
  return [
    ...(answer.data_streams ?? []).map((d) => ({ name: d.name, kind: 'data_stream' as const })),
    ...(answer.aliases ?? []).map((a) => ({ name: a.name, kind: 'alias' as const })),
    ...(answer.indices ?? [])
      .filter((i) => !i.data_stream && !(i.attributes ?? []).includes('hidden'))
      .map((i) => ({ name: i.name, kind: 'index' as const })),
  ];
}
