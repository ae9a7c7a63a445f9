import { describe, expect, it } from 'vitest';
import { isSplit, paneSearch, withoutRight, withPane } from './panes';
import { readUrlState } from './urlState';

describe('split view URL', () => {
  const left = '?ds=loki&lang=logql&q=%7Bapp%3D%22a%22%7D&from=now-6h&to=now';

  it('keeps each pane with its own query and one shared time range', () => {
    const both = withPane(left, 'right', '?ds=es&lang=kql&q=app%3A%22a%22&from=now-1h&to=now');
    expect(isSplit(both)).toBe(true);
    expect(readUrlState(paneSearch(both, 'left'))).toEqual({
      datasource: 'loki',
      language: 'logql',
      query: '{app="a"}',
      from: 'now-6h',
      to: 'now',
    });
    // The right pane's own from/to never enter the URL: the range is the left's.
    expect(readUrlState(paneSearch(both, 'right'))).toEqual({
      datasource: 'es',
      language: 'kql',
      query: 'app:"a"',
      from: 'now-6h',
      to: 'now',
    });
  });

  it("replaces one pane's parameters and leaves the other's", () => {
    const both = withPane(left, 'right', '?ds=es&lang=kql&q=x');
    const next = withPane(both, 'left', '?ds=local&lang=logql&q=y&from=now-15m&to=now&ds=loki');
    expect(readUrlState(paneSearch(next, 'left'))).toMatchObject({
      datasource: 'local',
      also: ['loki'],
      query: 'y',
    });
    expect(readUrlState(paneSearch(next, 'right'))).toMatchObject({
      datasource: 'es',
      query: 'x',
      from: 'now-15m',
    });
    expect(withoutRight(next)).toBe('?ds=local&lang=logql&q=y&from=now-15m&to=now&ds=loki');
    expect(isSplit(withoutRight(next))).toBe(false);
  });
});
