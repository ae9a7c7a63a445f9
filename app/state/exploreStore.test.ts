import { describe, expect, it } from 'vitest';
import { createExploreStore, DEFAULT_QUERIES, languageFor } from './exploreStore';

describe('languageFor', () => {
  it("keeps the current language when the datasource speaks it, else takes the datasource's first", () => {
    expect(languageFor(['kql', 'lucene'], 'lucene')).toBe('lucene');
    expect(languageFor(['kql', 'lucene'], 'logql')).toBe('kql');
    expect(languageFor(['logql'], undefined)).toBe('logql');
    expect(languageFor([], 'kql')).toBeUndefined();
  });
});

describe('explore store', () => {
  it('starts in the URL language, or waits for the datasource to choose one', () => {
    const fromUrl = createExploreStore({ datasource: 'es', language: 'lucene' }).getState();
    expect(fromUrl.language).toBe('lucene');
    expect(fromUrl.query).toBe(DEFAULT_QUERIES.lucene);

    const store = createExploreStore({ datasource: 'es' });
    store.getState().runQuery();
    expect(store.getState().submitted).toBeUndefined();
    store.getState().setDatasource('es', ['kql', 'lucene']);
    expect(store.getState()).toMatchObject({ language: 'kql', query: '' });
  });

  it('switching datasource swaps a default query but keeps what the user wrote', () => {
    const store = createExploreStore({ datasource: 'local' });
    store.getState().setDatasource('local', ['logql']);
    expect(store.getState().query).toBe('{job=~".+"}');
    store.getState().setDatasource('es', ['kql', 'lucene']);
    expect(store.getState()).toMatchObject({ datasource: 'es', language: 'kql', query: '' });

    store.getState().setQuery('namespace:"shop"');
    store.getState().setLanguage('lucene');
    expect(store.getState()).toMatchObject({ language: 'lucene', query: 'namespace:"shop"' });
    store.getState().setDatasource('es2', ['kql', 'lucene']);
    expect(store.getState().language).toBe('lucene');
  });

  it('sends the language with every run and restores it from the URL', () => {
    const store = createExploreStore({ datasource: 'es', language: 'kql', query: 'a:b' });
    store.getState().runQuery();
    expect(store.getState().submitted).toMatchObject({ language: 'kql', query: 'a:b', run: 1 });
    store.getState().restore({ datasource: 'local', language: 'logql', query: '{a="b"}' });
    expect(store.getState().submitted).toMatchObject({
      datasource: 'local',
      language: 'logql',
      query: '{a="b"}',
      run: 2,
    });
  });
});
