// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatasourceInfo, ExplainResponse } from '../../model';
import { createExploreStore } from '../state/exploreStore';
import { StoreContext } from '../state/storeContext';
import { testIds } from '../testIds';
import { ExplorePage } from './ExplorePage';
import { QueryInspector } from './QueryInspector';

const AWKWARD = `{app="cart"} |= "it's $HOME"`;

const explained: ExplainResponse = {
  requests: [
    {
      datasource: 'prod-loki',
      method: 'GET',
      url: 'http://loki:3100/loki/api/v1/query_range',
      params: { query: AWKWARD, limit: '1000', direction: 'backward' },
      headers: { 'X-Scope-OrgID': 'team-a' },
    },
    {
      datasource: 'efk',
      method: 'POST',
      url: 'https://es:9200/fluentd-*/_search',
      body: { size: 1000, query: { match: { app: 'cart' } } },
    },
  ],
};

const asked: Record<string, unknown>[] = [];
const server = setupServer(
  http.get('*/api/v1/datasources/:id/targets', () => HttpResponse.json([])),
  http.post('*/api/v1/explain', async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    asked.push(body);
    if (String(body['query']).includes('jsn')) {
      return HttpResponse.json(
        { error: { code: 'bad_query', message: 'unknown parser "jsn"' } },
        { status: 400 },
      );
    }
    return HttpResponse.json(explained);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  asked.length = 0;
  Reflect.deleteProperty(navigator, 'clipboard');
});
afterAll(() => server.close());

const client = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

function renderInspector(query: string, onClose = vi.fn()) {
  render(
    <QueryClientProvider client={client()}>
      <QueryInspector
        datasource="prod-loki"
        language="logql"
        query={query}
        from="now-1h"
        to="now"
        chartWidth={960}
        onClose={onClose}
      />
    </QueryClientProvider>,
  );
  return onClose;
}

describe('QueryInspector', () => {
  it('asks explain for the query and shows each request: method, URL, tenant, params, JSON body', async () => {
    renderInspector(AWKWARD);
    const blocks = await screen.findAllByTestId(testIds.explainRequest);
    expect(asked).toEqual([
      {
        datasource: 'prod-loki',
        language: 'logql',
        query: AWKWARD,
        from: 'now-1h',
        to: 'now',
        limit: 1000,
        // 120 bars of 8 px over an hour, as the histogram asks.
        step: 30_000,
      },
    ]);
    expect(blocks).toHaveLength(2);
    const [loki, es] = blocks as [HTMLElement, HTMLElement];
    expect(within(loki).getByText('GET')).toBeTruthy();
    expect(within(loki).getByText('http://loki:3100/loki/api/v1/query_range')).toBeTruthy();
    const rows = within(loki)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['X-Scope-OrgID:', 'team-a'],
      ['query', AWKWARD],
      ['limit', '1000'],
      ['direction', 'backward'],
    ]);
    expect(es.querySelector('pre')?.textContent).toBe(
      JSON.stringify(explained.requests[1]?.body, null, 2),
    );
  });

  it('copies a curl command that keeps quotes, spaces and $ literal', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderInspector(AWKWARD);
    const [loki] = await screen.findAllByTestId(testIds.explainRequest);
    fireEvent.click(within(loki as HTMLElement).getByRole('button', { name: 'Copy as curl' }));
    await within(loki as HTMLElement).findByRole('button', { name: 'Copied' });
    expect(writeText).toHaveBeenCalledWith(
      [
        'curl',
        '-G http://loki:3100/loki/api/v1/query_range',
        `-H 'X-Scope-OrgID: team-a'`,
        `--data-urlencode 'query={app="cart"} |= "it'\\''s $HOME"'`,
        '--data-urlencode limit=1000',
        '--data-urlencode direction=backward',
      ].join(' \\\n  '),
    );
  });

  it('shows the command selected when the clipboard is closed (plain HTTP)', async () => {
    renderInspector(AWKWARD);
    const [, es] = await screen.findAllByTestId(testIds.explainRequest);
    fireEvent.click(within(es as HTMLElement).getByRole('button', { name: 'Copy as curl' }));
    const area = within(es as HTMLElement).getByRole<HTMLTextAreaElement>('textbox', {
      name: 'curl command',
    });
    expect(area.value).toContain(`-d '{"size":1000,"query":{"match":{"app":"cart"}}}'`);
    expect(document.activeElement).toBe(area);
    expect(area.selectionEnd - area.selectionStart).toBe(area.value.length);
  });

  it('shows an explain error in the panel', async () => {
    renderInspector('{app="cart"} | jsn');
    const alert = await within(screen.getByTestId(testIds.explain)).findByRole('alert');
    expect(alert.textContent).toBe('bad query unknown parser "jsn"');
  });

  it('closes on Escape, unless the editor used that Escape to close its completions', async () => {
    const onClose = renderInspector(AWKWARD);
    await screen.findAllByTestId(testIds.explainRequest);
    const handled = new KeyboardEvent('keydown', { key: 'Escape', cancelable: true });
    handled.preventDefault();
    window.dispatchEvent(handled);
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('Inspect in Explore', () => {
  const datasources: DatasourceInfo[] = [
    {
      id: 'local',
      name: 'local',
      kind: 'local',
      languages: ['logql'],
      capabilities: { tail: true, histogram: true, facets: true, explain: true },
    },
  ];
  const empty = { records: [], stats: { scanned: 0, returned: 0, tookMs: 0, truncated: false } };

  it('opens with the toolbar button; its error stays out of the editor; closes again', async () => {
    server.use(
      http.get('*/api/v1/datasources', () => HttpResponse.json(datasources)),
      http.post('*/api/v1/query', () => HttpResponse.json(empty)),
      http.post('*/api/v1/histogram', () =>
        HttpResponse.json({ stepMs: 1, times: [], series: [] }),
      ),
      http.post('*/api/v1/facets', () => HttpResponse.json({ facets: [] })),
    );
    const store = createExploreStore({ datasource: 'local', query: '{app="cart"} | jsn' });
    render(
      <QueryClientProvider client={client()}>
        <StoreContext.Provider value={store}>
          <ExplorePage />
        </StoreContext.Provider>
      </QueryClientProvider>,
    );
    const toggle = screen.getByTestId(testIds.inspectToggle);
    await waitFor(() => expect((toggle as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(toggle);
    const panel = screen.getByTestId(testIds.explain);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await within(panel).findByText(/unknown parser "jsn"/);
    expect(screen.queryByTestId(testIds.error)).toBeNull();
    expect(asked[0]).toMatchObject({ datasource: 'local', query: '{app="cart"} | jsn' });

    fireEvent.click(toggle);
    expect(screen.queryByTestId(testIds.explain)).toBeNull();
  });
});
