import { describe, expect, it } from 'vitest';
import { checkEsCall } from './allowedCalls';

const base = new URL('http://es.internal:9200/prefix/');
const call = (method: string, path: string) => () => checkEsCall(method, new URL(path, base), base);

describe('checkEsCall', () => {
  it('lets through the calls Logsift makes', () => {
    for (const [method, path] of [
      ['GET', ''],
      ['POST', 'fluentd-*/_search'],
      ['POST', '_search'],
      ['POST', 'logs-a%2Clogs-b/_msearch'],
      ['GET', 'fluentd-*/_field_caps?fields=*'],
      ['GET', 'fluentd-*/_mapping'],
      ['POST', 'fluentd-*/_pit?keep_alive=1m'],
      ['DELETE', '_pit'],
      ['POST', 'fluentd-*/_search/point_in_time?keep_alive=1m'],
      ['DELETE', '_search/point_in_time'],
      ['GET', '_resolve/index/fluentd-*?expand_wildcards=open'],
    ] as const) {
      expect(call(method, path), `${method} ${path}`).not.toThrow();
    }
  });

  it('refuses writes, deletes, admin APIs and ways out of the index segment', () => {
    for (const [method, path] of [
      ['DELETE', 'fluentd-*'],
      ['PUT', 'fluentd-x'],
      ['POST', 'fluentd-*/_doc'],
      ['POST', 'fluentd-*/_update_by_query'],
      ['POST', 'fluentd-*/_delete_by_query'],
      ['POST', '_bulk'],
      ['GET', '_cat/indices'],
      ['GET', '_cluster/settings'],
      ['PUT', '_cluster/settings'],
      ['POST', '_snapshot/repo'],
      ['GET', '_security/user'],
      ['GET', 'fluentd-*/_search/template'],
      ['DELETE', 'fluentd-*/_search'],
      ['DELETE', 'fluentd-*/_pit'],
      ['POST', '_pit'],
      ['GET', '_mapping'],
      ['POST', '../_bulk'],
      ['POST', '%2e%2e/_bulk'],
      ['POST', '_all%2F_delete_by_query/_search'],
      ['POST', 'a%2F_delete_by_query/_search'],
      ['POST', '..%5c_bulk/_search'],
      ['POST', 'http://169.254.169.254/latest/meta-data/_search'],
      ['POST', '//evil.example/_search'],
    ] as const) {
      expect(call(method, path), `${method} ${path}`).toThrow(/only searches Elasticsearch/);
    }
  });
});
