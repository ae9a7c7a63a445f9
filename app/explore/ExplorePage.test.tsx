// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatasourceInfo, FacetsResponse, Histogram, QueryResponse } from '../../model';
import { createExploreStore } from '../state/exploreStore';
import { readUrlState } from '../state/urlState';
import { StoreContext } from '../state/storeContext';
import { testIds } from '../testIds';
import { ExploreLayout } from './ExploreLayout';
import { ExplorePage } from './ExplorePage';

const datasources: DatasourceInfo[] = [
  {
    id: 'local',
    name: 'Local samples',
    kind: 'local',
    languages: ['logql'],
    capabilities: { tail: true, histogram: true, facets: true, explain: true },
  },
  {
    id: 'es',
    name: 'Elasticsearch',
    kind: 'elasticsearch',
    languages: ['kql', 'lucene'],
    capabilities: { tail: true, histogram: true, facets: true, explain: true },
  },
];
const logs: QueryResponse = {
  records: [
    {
      id: 'a-1',
      ts: '1795561855875000000',
      line: '\u001b[31mERROR\u001b[0m payment failed <script>alert(1)</script>',
      labels: { job: 'payments/payments-api', namespace: 'payments' },
      fields: {},
      level: 'error',
      source: 'local',
    },
    {
      id: 'a-2',
      ts: '1795561855000000000',
      line: '{"level":"info","msg":"order placed"}',
      labels: { job: 'shop/checkout', namespace: 'shop' },
      fields: {},
      level: 'info',
      source: 'local',
    },
  ],
  stats: { scanned: 2, returned: 2, tookMs: 1, truncated: false },
};
const histogram: Histogram = {
  stepMs: 60_000,
  times: [1795561800000],
  series: [
    { name: 'info', counts: [1] },
    { name: 'error', counts: [1] },
  ],
};
const facets: FacetsResponse = {
  facets: [
    {
      field: 'namespace',
      values: [
        { value: 'payments', count: 1 },
        { value: 'shop', count: 1 },
      ],
      other: 0,
      sampled: false,
    },
  ],
};

const sent: {
  query: string;
  language: string;
  target?: string;
  datasource?: unknown;
  limit?: number;
}[] = [];
const server = setupServer(
  http.get('*/api/v1/datasources', () => HttpResponse.json(datasources)),
  http.get('*/api/v1/datasources/:id/targets', ({ params }) =>
    HttpResponse.json(
      params.id === 'es'
        ? [
            { name: 'logs-k8s', kind: 'data_stream' },
            { name: 'fluentd-2026.11.24', kind: 'index' },
          ]
        : [],
    ),
  ),
  http.post('*/api/v1/query', async ({ request }) => {
    const body = (await request.json()) as { query: string; language: string; target?: string };
    sent.push(body);
    if (Array.isArray((body as { datasource?: unknown }).datasource)) {
      return HttpResponse.json({
        ...logs,
        stats: {
          ...logs.stats,
          sources: [
            { datasource: 'local', returned: 2, tookMs: 3 },
            {
              datasource: 'es',
              error: { code: 'backend_unavailable', message: 'connection refused' },
            },
          ],
        },
      });
    }
    if (body.query.includes('partial')) {
      return HttpResponse.json({
        ...logs,
        stats: {
          ...logs.stats,
          total: 12_345,
          warnings: ['partial results: 1 shard(s) failed: node left the cluster'],
        },
      });
    }
    if (body.query.includes('jsn')) {
      return HttpResponse.json(
        {
          error: {
            code: 'bad_query',
            message: 'unexpected end of query after "jsn"',
            position: { from: 23, to: 26 },
          },
        },
        { status: 400 },
      );
    }
    return HttpResponse.json(logs);
  }),
  http.post('*/api/v1/histogram', () => HttpResponse.json(histogram)),
  http.post('*/api/v1/facets', () => HttpResponse.json(facets)),
  http.get('*/api/v1/datasources/:id/fields', () =>
    HttpResponse.json([{ name: 'namespace', type: 'label' }]),
  ),
  http.post('*/api/v1/translate', async ({ request }) => {
    const body = (await request.json()) as { language: string; to: string };
    if (body.language === 'logql' && body.to === 'kql') {
      return HttpResponse.json({ query: 'namespace:"shop"' });
    }
    const message = `translating ${body.language} to ${body.to} is not supported yet`;
    return HttpResponse.json({ error: { code: 'unsupported', message } }, { status: 400 });
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  cleanup();
  sent.length = 0;
});
afterAll(() => server.close());

function renderPage(search: string) {
  window.history.replaceState(null, '', `/${search}`);
  const store = createExploreStore(readUrlState(search));
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <StoreContext.Provider value={store}>
        <ExplorePage />
      </StoreContext.Provider>
    </QueryClientProvider>,
  );
  return store;
}

describe('ExplorePage', () => {
  it('narrows an Elasticsearch datasource to one index, sent and kept in the URL', async () => {
    renderPage('?ds=es&lang=kql&q=');
    const picker = await screen.findByTestId(testIds.targetPicker);
    fireEvent.change(picker, { target: { value: 'fluentd-2026.11.24' } });
    await waitFor(() => expect(sent.at(-1)?.target).toBe('fluentd-2026.11.24'));
    expect(window.location.search).toContain('t=fluentd-2026.11.24');
  });

  it("shows the exact total and a partial answer's warning beside the count", async () => {
    renderPage('?ds=local&q=%7Bjob%3D%22partial%22%7D');
    await waitFor(() =>
      expect(screen.getByTestId(testIds.totalHits).textContent).toBe('of 12,345 matching'),
    );
    expect(screen.getByTestId(testIds.warnings).textContent).toContain('1 shard(s) failed');
    expect(screen.getByTestId(testIds.resultCount).textContent).toBe('2 lines');
  });

  it('runs the query from the URL and shows rows as text, facets and the count', async () => {
    renderPage('?ds=local&q=%7Bjob%3D~%22.%2B%22%7D');
    await waitFor(() =>
      expect(screen.getByTestId(testIds.resultCount).textContent).toBe('2 lines'),
    );
    const rows = screen.getAllByTestId(testIds.logRow);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('ERROR payment failed <script>alert(1)</script>');
    expect(rows[0]?.querySelector('script')).toBeNull();
    expect(sent[0]?.query).toBe('{job=~".+"}');

    fireEvent.click(rows[0] as HTMLElement);
    expect(screen.getByTestId(testIds.logDetails).textContent).toContain('payments/payments-api');

    fireEvent.click(await screen.findByText('shop'));
    await waitFor(() => expect(sent.at(-1)?.query).toBe('{namespace="shop"}'));
    expect(window.location.search).toContain('q=%7Bnamespace%3D%22shop%22%7D');
  });

  it('speaks the datasource language: switch, facet clicks and the URL in KQL and Lucene', async () => {
    const store = renderPage('?ds=local');
    await waitFor(() => expect(sent[0]?.language).toBe('logql'));
    const picker = screen.getByTestId(testIds.languagePicker);
    expect(picker.textContent).toBe('LogQL');

    fireEvent.change(screen.getByTestId(testIds.datasourcePicker), { target: { value: 'es' } });
    await waitFor(() => expect(picker.textContent).toBe('KQLLucene'));
    expect(screen.getByRole('radio', { name: 'KQL' }).getAttribute('aria-checked')).toBe('true');
    expect(store.getState().query).toBe('');

    fireEvent.click(screen.getByTestId(testIds.runQuery));
    await waitFor(() => expect(sent.at(-1)).toEqual(expect.objectContaining({ language: 'kql' })));
    fireEvent.click(await screen.findByText('shop'));
    await waitFor(() => expect(sent.at(-1)?.query).toBe('namespace:"shop"'));
    fireEvent.click(screen.getByText('payments'), { altKey: true });
    await waitFor(() =>
      expect(sent.at(-1)?.query).toBe('namespace:"shop" and not namespace:"payments"'),
    );
    expect(new URLSearchParams(window.location.search).get('lang')).toBe('kql');

    fireEvent.click(screen.getByRole('radio', { name: 'Lucene' }));
    fireEvent.click(screen.getByTestId(testIds.runQuery));
    await waitFor(() => expect(sent.at(-1)?.language).toBe('lucene'));
    expect(new URLSearchParams(window.location.search).get('lang')).toBe('lucene');
  });

  it('translates the query and uses a translation on a datasource that speaks it', async () => {
    const store = renderPage('?ds=local&q=%7Bnamespace%3D%22shop%22%7D');
    await waitFor(() => expect(sent).toHaveLength(1));
    fireEvent.click(screen.getByTestId(testIds.translate));
    const rows = await screen.findAllByTestId(testIds.translation);
    expect(rows.map((r) => r.dataset['language'])).toEqual(['logql', 'kql', 'insights', 'lucene']);
    await waitFor(() => expect(rows[3]?.textContent).toContain('logql to lucene is not supported'));
    expect(rows[0]?.textContent).toContain('current');
    expect(rows[1]?.textContent).toContain('namespace:"shop"');
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    expect(store.getState()).toMatchObject({
      datasource: 'es',
      language: 'kql',
      query: 'namespace:"shop"',
    });
    expect(screen.queryByTestId(testIds.translation)).toBeNull();
  });

  it("searches several datasources at once and shows a failed source's error beside the others' lines", async () => {
    renderPage('?ds=local&q=%7Bjob%3D~%22.%2B%22%7D');
    await waitFor(() => expect(sent).toHaveLength(1));
    fireEvent.click(screen.getByTestId(testIds.sourcesPicker));
    fireEvent.click(screen.getByRole('checkbox', { name: /Elasticsearch/ }));
    await waitFor(() => expect(sent.at(-1)?.datasource).toEqual(['local', 'es']));
    expect(new URLSearchParams(window.location.search).getAll('ds')).toEqual(['local', 'es']);
    expect((await screen.findByTestId(testIds.sourceError)).textContent).toContain(
      'es backend unavailable: connection refused',
    );
    await waitFor(() => expect(screen.getAllByTestId(testIds.logRow)).toHaveLength(2));
    expect(screen.getByTestId(testIds.languagePicker).textContent).toBe('LogQLKQLLucene');
  });

  it('splits into two panes on one time range, both kept in the URL', async () => {
    window.history.replaceState(null, '', '/?ds=local&q=%7Bapp%3D%22a%22%7D&from=now-6h&to=now');
    render(
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <ExploreLayout />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(sent).toHaveLength(1));
    fireEvent.click(screen.getByTestId(testIds.splitOpen));
    await waitFor(() => expect(screen.getAllByTestId(testIds.runQuery)).toHaveLength(2));
    // The copy asks what the left pane asked: one request serves both.
    await waitFor(() => expect(screen.getAllByTestId(testIds.logRow)).toHaveLength(4));
    expect(sent).toHaveLength(1);
    const params = new URLSearchParams(window.location.search);
    expect(params.get('split')).toBe('1');
    expect(params.get('r.q')).toBe('{app="a"}');

    fireEvent.change(screen.getAllByTestId(testIds.datasourcePicker)[1] as HTMLElement, {
      target: { value: 'es' },
    });
    fireEvent.click(screen.getAllByTestId(testIds.runQuery)[1] as HTMLElement);
    await waitFor(() => expect(sent.at(-1)?.language).toBe('kql'));
    expect(new URLSearchParams(window.location.search).get('r.ds')).toBe('es');
    expect(new URLSearchParams(window.location.search).get('ds')).toBe('local');

    // A range picked in one pane runs in both.
    fireEvent.click(
      screen.getAllByTestId(testIds.timeRange)[0]?.querySelector('button') as HTMLElement,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Last 15m' }));
    await waitFor(() =>
      expect(sent.slice(-2).map((b) => (b as { from?: string }).from)).toEqual([
        'now-15m',
        'now-15m',
      ]),
    );
    fireEvent.click(screen.getByTestId(testIds.splitClose));
    await waitFor(() => expect(screen.getAllByTestId(testIds.runQuery)).toHaveLength(1));
    expect(new URLSearchParams(window.location.search).get('split')).toBeNull();
  });

  it('asks for as many lines as the line limit says, kept in the URL', async () => {
    renderPage('?ds=local&q=%7Bjob%3D~%22.%2B%22%7D');
    await waitFor(() => expect(sent.at(-1)?.limit).toBe(1000));
    fireEvent.change(await screen.findByTestId(testIds.lineLimit), { target: { value: '100000' } });
    await waitFor(() => expect(sent.at(-1)?.limit).toBe(100_000));
    expect(new URLSearchParams(window.location.search).get('limit')).toBe('100000');
  });

  it('shows a query error beside the editor and underlines its position', async () => {
    renderPage('?ds=local&q=%7Bjob%3D%22nginx%22%7D+%7C%3D+%22x%22+%7C+jsn');
    const error = await screen.findByTestId(testIds.error);
    expect(error.textContent).toContain('unexpected end of query after "jsn"');
    await waitFor(() => expect(document.querySelector('.cm-error-mark')?.textContent).toBe('jsn'));
  });
});
