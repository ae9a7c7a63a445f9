// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Facet, FacetsRequest } from '../../../model';
import type { SubmittedQuery } from '../../state/exploreStore';
import { testIds } from '../../testIds';
import { FacetsPanel } from './FacetsPanel';

const pods = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ value: `pod-${i}`, count: 1000 - i }));
const namespace: Facet = {
  field: 'namespace',
  values: [
    { value: 'shop', count: 60 },
    { value: 'payments', count: 40 },
  ],
  other: 0,
  sampled: true,
  sampleSize: 1000,
};
const pod: Facet = { field: 'pod', values: pods(10), other: 5000, sampled: false };

const asked: FacetsRequest[] = [];
const server = setupServer(
  http.get('*/api/v1/datasources/:id/fields', () =>
    HttpResponse.json([
      { name: 'namespace', type: 'label' },
      { name: 'pod', type: 'label' },
      { name: 'status', type: 'field' },
    ]),
  ),
  http.post('*/api/v1/facets', async ({ request }) => {
    const body = (await request.json()) as FacetsRequest;
    asked.push(body);
    const field = body.fields?.[0];
    if (field === 'status') {
      return HttpResponse.json({
        facets: [{ field, values: [{ value: '200', count: 9 }], other: 1, sampled: false }],
      });
    }
    return HttpResponse.json({
      facets: [{ ...pod, values: pods(body.size ?? 10), other: 100 }],
    });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  asked.length = 0;
});
afterAll(() => server.close());

const query: SubmittedQuery = {
  datasource: 'local',
  language: 'logql',
  query: '{job=~".+"}',
  from: 'now-1h',
  to: 'now',
  run: 1,
};

function renderPanel(filters: [string, string, boolean][] = []) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <FacetsPanel
        query={query}
        facets={[namespace, pod]}
        loading={false}
        onFilter={(...f) => filters.push(f)}
      />
    </QueryClientProvider>,
  );
  return filters;
}

const field = (name: string) =>
  screen.getAllByTestId(testIds.facetField).find((f) => f.dataset.field === name);
const toggle = (item: HTMLElement) => {
  const button = item.querySelector<HTMLButtonElement>('button[aria-expanded]');
  if (!button) throw new Error('no toggle');
  return button;
};

describe('FacetsPanel', () => {
  it('lists counted fields and the rest, narrowed by the search as one types', async () => {
    renderPanel();
    await waitFor(() => expect(screen.getAllByTestId(testIds.facetField)).toHaveLength(3));
    fireEvent.change(screen.getByTestId(testIds.facetSearch), { target: { value: 'STAT' } });
    expect(screen.getAllByTestId(testIds.facetField).map((f) => f.dataset.field)).toEqual([
      'status',
    ]);
  });

  it('shows shares, filters in and out by value, and says when counts are a sample', async () => {
    const filters = renderPanel();
    const ns = field('namespace');
    if (!ns) throw new Error('no namespace field');
    expect(toggle(ns).getAttribute('aria-expanded')).toBe('true');
    expect(within(ns).getByTestId(testIds.facetNote).textContent).toBe(
      'counted on a sample of 1,000 lines',
    );
    expect(within(ns).getAllByTestId(testIds.facetValue)[0]?.title).toContain('shop: 60 (60.0%)');
    fireEvent.click(within(ns).getByRole('button', { name: 'Filter for namespace = shop' }));
    fireEvent.click(within(ns).getByRole('button', { name: 'Filter out namespace = payments' }));
    expect(filters).toEqual([
      ['namespace', 'shop', false],
      ['namespace', 'payments', true],
    ]);
  });

  it('asks for the values of a field without a facet when opened, and for more on demand', async () => {
    renderPanel();
    await waitFor(() => expect(field('status')).toBeDefined());
    const status = field('status');
    if (!status) throw new Error('no status field');
    expect(toggle(status).getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle(status));
    await waitFor(() => expect(within(status).getAllByTestId(testIds.facetValue)).toHaveLength(1));
    expect(asked.at(-1)).toMatchObject({ fields: ['status'], size: 10 });

    const podField = field('pod');
    if (!podField) throw new Error('no pod field');
    expect(toggle(podField).getAttribute('aria-expanded')).toBe('true');
    expect(within(podField).getAllByTestId(testIds.facetValue)).toHaveLength(10);
    fireEvent.click(within(podField).getByTestId(testIds.facetMore));
    await waitFor(() =>
      expect(within(podField).getAllByTestId(testIds.facetValue)).toHaveLength(50),
    );
    expect(asked.at(-1)).toMatchObject({ fields: ['pod'], size: 50, query: query.query });
    fireEvent.click(within(podField).getByTestId(testIds.facetMore));
    await waitFor(() =>
      expect(within(podField).getAllByTestId(testIds.facetValue)).toHaveLength(500),
    );
    expect(within(podField).queryByTestId(testIds.facetMore)).toBeNull();
  });
});
