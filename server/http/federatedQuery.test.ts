import { describe, expect, it } from 'vitest';
import type { FieldInfo, Language } from '../../model';
import type { Datasource } from '../datasources/datasource';
import { queryForSource, sourceLanguage } from './federatedQuery';

/** Only what the choice reads: the languages, and the labels a LogQL selector may use. */
function speaking(languages: Language[], labels: string[] = []): Datasource {
  const fields = async (): Promise<FieldInfo[]> => [
    ...labels.map((name) => ({ name, type: 'label' as const })),
    { name: 'status', type: 'field' as const },
  ];
  return { id: languages.join('-'), languages, fields } as unknown as Datasource;
}

const range = { fromMs: 0, toMs: 3_600_000 };
const signal = new AbortController().signal;

describe('the query each source of a federated request runs', () => {
  it('is the request itself where the source speaks its language', async () => {
    const es = speaking(['kql', 'lucene', 'logql']);
    const asked = { ...range, language: 'kql' as const, query: 'namespace:"shop"' };
    expect(await queryForSource(es, asked, signal)).toEqual({
      language: 'kql',
      query: 'namespace:"shop"',
      translated: false,
    });
  });

  it('is translated to the first of its languages query/ can write, LogQL with its labels', async () => {
    const local = speaking(['logql'], ['namespace', 'pod']);
    expect(sourceLanguage(local, 'kql')).toBe('logql');
    const kql = {
      ...range,
      language: 'kql' as const,
      query: 'namespace:"shop" and pod:web-1 and error',
    };
    expect(await queryForSource(local, kql, signal)).toEqual({
      language: 'logql',
      query: '{namespace="shop", pod="web-1"} |~ "(?i)error"',
      translated: true,
    });
    const insights = {
      ...range,
      language: 'insights' as const,
      query: 'filter namespace = "shop"',
    };
    expect(await queryForSource(speaking(['kql', 'lucene']), insights, signal)).toEqual({
      language: 'kql',
      query: 'namespace:"shop"',
      translated: true,
    });
  });

  it('is refused by name, with its place, when the source cannot run it', async () => {
    const local = speaking(['logql'], ['namespace']);
    const kql = { ...range, language: 'kql' as const, query: 'namespace:"shop" and status >= 500' };
    await expect(queryForSource(local, kql, signal)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/^logql runs logql, and the translation stopped: .*status/),
      position: { from: 21, to: 34 },
    });
    expect(() => sourceLanguage(local, 'lucene')).toThrow(
      'logql answers logql; Logsift cannot translate lucene to any of them',
    );
  });
});
