// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { downloadUrl } from './download';

const read = (url: string) => {
  const parsed = new URL(url);
  return { path: parsed.pathname, params: [...parsed.searchParams] };
};

describe('downloadUrl', () => {
  it('names the query, range and format, each datasource and log group once', () => {
    const url = downloadUrl(
      {
        datasources: ['loki', 'cw'],
        language: 'kql',
        query: 'namespace:"shop" and message:"a&b=c #1"',
        from: 'now-1h',
        to: 1_795_521_600_000,
        targets: ['/aws/containerinsights/shop/application', '/aws/lambda/x'],
      },
      'csv',
    );
    expect(read(url)).toEqual({
      path: '/api/v1/download',
      params: [
        ['ds', 'loki'],
        ['ds', 'cw'],
        ['lang', 'kql'],
        ['q', 'namespace:"shop" and message:"a&b=c #1"'],
        ['from', 'now-1h'],
        ['to', '1795521600000'],
        ['format', 'csv'],
        ['tg', '/aws/containerinsights/shop/application'],
        ['tg', '/aws/lambda/x'],
      ],
    });
  });

  it('carries one target as t, under the page base path', () => {
    const base = document.createElement('base');
    base.href = 'http://logs.example/logsift/';
    document.head.append(base);
    try {
      const url = downloadUrl(
        { datasources: ['es'], language: 'lucene', query: '', from: 1, to: 2, target: 'logs-1' },
        'ndjson',
      );
      expect(url).toBe(
        'http://logs.example/logsift/api/v1/download?ds=es&lang=lucene&q=&from=1&to=2&format=ndjson&t=logs-1',
      );
    } finally {
      base.remove();
    }
  });
});
