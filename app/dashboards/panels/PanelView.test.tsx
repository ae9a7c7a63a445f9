// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Histogram, Panel, QueryResponse } from '../../../model';
import { testIds } from '../../testIds';
import { resolveDashboardTime } from '../panelRequests';
import type { PanelActions } from './PanelFrame';
import { PanelView } from './PanelView';

interface Sent {
  query: string;
  datasource: string;
  step?: number;
  limit?: number;
  from: number;
  to: number;
}
const sent: { path: string; body: Sent }[] = [];
const histogram: Histogram = {
  stepMs: 60_000,
  times: [1_000_000, 1_060_000],
  series: [
    { name: 'info', counts: [5, 7] },
    { name: 'error', counts: [1, 2] },
  ],
};
const lines: QueryResponse = {
  records: [1, 3, 2].map((n) => ({
    id: `r${n}`,
    ts: `${1_700_000_000_000 + n}000000`,
    line: `<b>line ${n}</b>`,
    labels: {},
    fields: {},
    level: 'info',
    source: 'local',
  })),
  stats: { scanned: 3, returned: 3, tookMs: 1, truncated: false },
};

const server = setupServer(
  http.post('*/api/v1/histogram', async ({ request }) => {
    const body = (await request.json()) as Sent;
    sent.push({ path: 'histogram', body });
    if (body.query.includes('broken')) {
      return HttpResponse.json(
        { error: { code: 'bad_query', message: 'parse error at line 1, col 2' } },
        { status: 400 },
      );
    }
    return HttpResponse.json(histogram);
  }),
  http.post('*/api/v1/query', async ({ request }) => {
    sent.push({ path: 'query', body: (await request.json()) as Sent });
    return HttpResponse.json(lines);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  sent.length = 0;
});
afterAll(() => server.close());

const panel = (id: string, kind: Panel['kind'], query: string): Panel => ({
  id,
  title: id,
  kind,
  datasources: ['local'],
  language: 'logql',
  query,
  grid: { x: 0, y: 0, w: 6, h: 6 },
});
const actions: PanelActions = {
  editing: false,
  explorePath: '/',
  onOpenExplore: () => undefined,
  onChange: () => undefined,
  onDuplicate: () => undefined,
  onRemove: () => undefined,
  onDragStart: () => undefined,
};
const time = resolveDashboardTime('now-1h', 'now', Date.parse('2026-03-02T12:00:00Z'));

function renderPanels(panels: Panel[], values: Record<string, string> = {}) {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      {panels.map((p) => (
        <PanelView
          key={p.id}
          panel={p}
          values={values}
          declared={['namespace']}
          time={time}
          actions={actions}
          bodyHeight={200}
          onZoom={() => undefined}
        />
      ))}
    </QueryClientProvider>,
  );
}
const panelOf = (id: string) =>
  screen
    .getAllByTestId(testIds.dashboardPanel)
    .find((el) => el.dataset['panelId'] === id) as HTMLElement;
const allDrawnOrFailed = () =>
  waitFor(() =>
    expect(
      screen
        .getAllByTestId(testIds.dashboardPanel)
        .every((el) => el.dataset['state'] !== 'loading'),
    ).toBe(true),
  );

describe('dashboard panels', () => {
  it('share one request between panels that send the same body', async () => {
    const q = '{namespace="$namespace"}';
    renderPanels(
      [
        panel('h', 'histogram', q),
        panel('s', 'stat', q),
        panel('t', 'timeseries', q),
        panel('l1', 'logs', q),
        panel('l2', 'logs', q),
        panel('other', 'stat', '{namespace="other"}'),
      ],
      { namespace: 'shop' },
    );
    await allDrawnOrFailed();
    const histograms = sent.filter((s) => s.path === 'histogram');
    expect(histograms.map((s) => s.body.query).sort()).toEqual([
      '{namespace="other"}',
      '{namespace="shop"}',
    ]);
    expect(new Set(histograms.map((s) => s.body.step))).toEqual(new Set([time.stepMs]));
    expect(sent.filter((s) => s.path === 'query')).toHaveLength(1);
    expect(within(panelOf('s')).getByTestId(testIds.panelStatValue).textContent).toBe('15');
  });

  it('shows log lines newest first, as text', async () => {
    renderPanels([panel('l', 'logs', '{job="a"}')]);
    await allDrawnOrFailed();
    const rows = within(panelOf('l')).getAllByTestId(testIds.panelLogRow);
    expect(rows.map((r) => r.textContent?.slice(12))).toEqual([
      '<b>line 3</b>',
      '<b>line 2</b>',
      '<b>line 1</b>',
    ]);
    expect(panelOf('l').querySelector('b')).toBeNull();
  });

  it('keeps an error to its own panel, with the server message', async () => {
    renderPanels([panel('bad', 'histogram', '{broken'), panel('good', 'stat', '{job="a"}')]);
    await allDrawnOrFailed();
    expect(panelOf('bad').dataset['state']).toBe('error');
    expect(within(panelOf('bad')).getByTestId(testIds.panelError).textContent).toContain(
      'parse error at line 1, col 2',
    );
    expect(panelOf('good').dataset['state']).toBe('drawn');
  });

  it('waits for a variable without a value instead of sending $name', async () => {
    renderPanels([panel('w', 'stat', '{namespace="$namespace"}')]);
    await new Promise((r) => setTimeout(r, 50));
    expect(panelOf('w').dataset['state']).toBe('loading');
    expect(panelOf('w').textContent).toContain('Waiting for $namespace');
    expect(sent).toHaveLength(0);
  });
});
