import { describe, expect, it } from 'vitest';
import { readUrlState, writeUrlState } from './urlState';

describe('URL state', () => {
  it('round-trips datasource, language, query and time range', () => {
    const state = {
      datasource: 'local',
      language: 'logql' as const,
      query: '{app="x"} |= "a&b" | json',
      from: 'now-15m',
      to: 'now',
    };
    expect(readUrlState(writeUrlState(state))).toEqual(state);
    const absolute = { ...state, from: '1795557967152', to: '1795561567152' };
    expect(readUrlState(writeUrlState(absolute))).toEqual(absolute);
    const kql = { ...state, datasource: 'es', language: 'kql' as const, query: 'a:"b" and not c' };
    expect(readUrlState(writeUrlState(kql))).toEqual(kql);
    const index = { ...kql, target: 'fluentd-2026.11.24' };
    expect(readUrlState(writeUrlState(index))).toEqual(index);
    const groups = {
      ...state,
      datasource: 'cw',
      language: 'insights' as const,
      target: '/aws/containerinsights/shop/application,/aws/containerinsights/shop/dataplane',
    };
    expect(readUrlState(writeUrlState(groups))).toEqual(groups);
    const columns = {
      ...state,
      columns: ['kubernetes.pod_name', 'ünïcode "field"'],
      line: 'a/b#c',
    };
    expect(readUrlState(writeUrlState(columns))).toEqual(columns);
    const federated = { ...state, also: ['es', 'cw'], limit: 100_000 };
    expect(readUrlState(writeUrlState(federated))).toEqual(federated);
    expect(readUrlState('?ds=local&ds=local&ds=a/b').also).toBeUndefined();
    expect(readUrlState('?limit=100001').limit).toBeUndefined();
    expect(readUrlState('?limit=1e3').limit).toBe(1000);
    expect(readUrlState('?limit=-5').limit).toBeUndefined();
  });

  it('ignores values that are not ours to trust', () => {
    expect(readUrlState('?ds=http://10.0.0.1:9200&lang=sql&from=yesterday&to=now-1x&q=x')).toEqual({
      query: 'x',
    });
    expect(readUrlState('?t=a/../b,c d').target).toBeUndefined();
  });
});
