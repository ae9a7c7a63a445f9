import { describe, expect, it } from 'vitest';
import { asScratchCopy, panelRef, readUrlState, variableParams, writeUrlState } from './urlState';

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

describe('URL state of saved objects', () => {
  it('round-trips the saved query, the edited panel with its version, and variables', () => {
    const state = {
      datasource: 'local',
      language: 'logql' as const,
      query: '{namespace="$ns"}',
      from: 'now-1h',
      to: 'now',
      saved: 'Ab3dEf5hIj7kLm9nOp1rSt',
      panel: 'Ab3dEf5hIj7kLm9nOp1rSt.p-1_x',
      dashboardVersion: 4,
      variables: { ns: 'shop "prod"', pod: 'a&b' },
    };
    expect(readUrlState(writeUrlState(state))).toEqual(state);
    expect(panelRef(state.panel)).toEqual({
      dashboardId: 'Ab3dEf5hIj7kLm9nOp1rSt',
      panelId: 'p-1_x',
    });
    expect(variableParams(state.variables)).toBe('var-ns=shop+%22prod%22&var-pod=a%26b');
  });

  it('drops ids that are paths, variables that are not names, and a version without a panel', () => {
    const read = readUrlState(
      '?saved=../../etc&panel=abc/../x.p1&dv=3&var-__proto__=x&var-1a=b&var-ok=' + 'x'.repeat(1025),
    );
    expect(read).toEqual({});
    expect(Object.getPrototypeOf(readUrlState('?var-__proto__=x&var-a=1').variables)).toBe(
      Object.prototype,
    );
    expect(readUrlState('?panel=abcdefgh.p1&dv=0').dashboardVersion).toBeUndefined();
  });
});

describe('a scratch copy of a pane', () => {
  it('keeps the query and variables but not what it was opened from', () => {
    const copy = asScratchCopy(
      '?ds=local&q=%7Ba%3D%22%24ns%22%7D&saved=abcdefgh&panel=abcdefgh.p1&dv=2&var-ns=x',
    );
    expect(readUrlState(copy)).toEqual({
      datasource: 'local',
      query: '{a="$ns"}',
      variables: { ns: 'x' },
    });
  });
});
