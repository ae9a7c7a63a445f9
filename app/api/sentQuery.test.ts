import { describe, expect, it } from 'vitest';
import { createExploreStore, selectSentQuery } from '../state/exploreStore';
import { readUrlState } from '../state/urlState';
import { ApiRequestError } from './client';
import { requestBody } from './queries';

describe('requests of a pane with dashboard variables', () => {
  it('send the query interpolated while the editor and the submitted query keep $name', () => {
    const store = createExploreStore(
      readUrlState('?ds=local&lang=logql&q={namespace="$ns"} |~ "$pod"&var-ns=shop&var-pod=cart.1'),
    );
    store.getState().runQuery();
    const submitted = store.getState().submitted;
    expect(submitted?.query).toBe('{namespace="$ns"} |~ "$pod"');
    expect(submitted && requestBody(submitted).query).toBe('{namespace="shop"} |~ "cart\\\\.1"');
    expect(selectSentQuery(store.getState())).toBe('{namespace="shop"} |~ "cart\\\\.1"');
  });

  it('refuse a value the query cannot hold as the server refuses a query', () => {
    const store = createExploreStore(readUrlState('?ds=local&lang=logql&q={a=`$v`}&var-v=x`y'));
    store.getState().runQuery();
    const submitted = store.getState().submitted;
    expect(() => submitted && requestBody(submitted)).toThrow(ApiRequestError);
    expect(selectSentQuery(store.getState())).toBe('{a=`$v`}');
  });

  it('leave queries without variables untouched', () => {
    const store = createExploreStore(readUrlState('?ds=local&lang=kql&q=price:$5'));
    store.getState().runQuery();
    const submitted = store.getState().submitted;
    expect(submitted && requestBody(submitted).query).toBe('price:$5');
  });

  it('fill $__interval and $__range from the range, with or without variables', () => {
    const store = createExploreStore(
      readUrlState('?ds=local&lang=logql&q=sum(count_over_time({a="b"}[$__interval]))&from=now-1h'),
    );
    store.getState().runQuery();
    const submitted = store.getState().submitted;
    expect(submitted && requestBody(submitted).query).toBe('sum(count_over_time({a="b"}[30s]))');
    expect(selectSentQuery(store.getState())).toBe('sum(count_over_time({a="b"}[30s]))');
  });
});
