// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../model';
import { createExploreStore } from '../../state/exploreStore';
import { StoreContext } from '../../state/storeContext';
import { readUrlState } from '../../state/urlState';
import { testIds } from '../../testIds';
import { PanelEditBanner } from './PanelEditBanner';

const ID = 'Ab3dEf5hIj7kLm9nOp1rSt';
let stored: Dashboard;
const puts: number[] = [];
const server = setupServer(
  http.get(`*/api/v1/dashboards/${ID}`, () => HttpResponse.json(stored)),
  http.put(`*/api/v1/dashboards/${ID}`, async ({ request }) => {
    const { version, ...body } = (await request.json()) as Dashboard;
    puts.push(version);
    if (version !== stored.version) {
      return HttpResponse.json(
        { error: { code: 'conflict', message: 'stale' }, current: stored },
        { status: 409 },
      );
    }
    stored = { ...stored, ...body, version: version + 1 };
    return HttpResponse.json(stored);
  }),
);

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
  server.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => {
  puts.length = 0;
  // Version 2: someone moved the second panel after this editor opened version 1.
  stored = {
    id: ID,
    version: 2,
    createdAt: '2026-11-26T00:00:00.000Z',
    updatedAt: '2026-11-26T01:00:00.000Z',
    owner: 'anonymous',
    sharing: { kind: 'public', canEdit: true },
    access: 'owner',
    title: 'Shop',
    description: '',
    range: { from: 'now-1h', to: 'now' },
    refreshMs: null,
    variables: [{ kind: 'field', name: 'ns', datasource: 'local', field: 'namespace' }],
    panels: [
      {
        id: 'p1',
        title: 'Shop lines',
        kind: 'logs',
        datasources: ['local'],
        language: 'logql',
        query: '{namespace="$ns"} |= "theirs"',
        grid: { x: 0, y: 0, w: 12, h: 8 },
      },
      {
        id: 'p2',
        title: 'Count',
        kind: 'stat',
        datasources: ['local'],
        language: 'logql',
        query: '{app="x"}',
        grid: { x: 6, y: 8, w: 3, h: 4 },
      },
    ],
    links: [],
  };
  window.history.replaceState(null, '', '/');
});
afterEach(cleanup);
afterAll(() => server.close());

function renderBanner() {
  const store = createExploreStore(
    readUrlState(
      `?ds=local&lang=logql&q={namespace="$ns"} |= "mine"&var-ns=shop&panel=${ID}.p1&dv=1`,
    ),
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <StoreContext.Provider value={store}>
        <PanelEditBanner />
      </StoreContext.Provider>
    </QueryClientProvider>,
  );
  return store;
}

describe('panel edit banner', () => {
  it('names the panel and dashboard and shows the variables', async () => {
    renderBanner();
    const banner = await screen.findByTestId(testIds.panelEditBanner);
    await waitFor(() => expect(banner.textContent).toContain('«Shop lines» of «Shop»'));
    expect(screen.getAllByTestId(testIds.panelEditVariable).map((c) => c.textContent)).toEqual([
      '$ns shop',
    ]);
  });

  it('applies on the version opened; a newer one asks, and overwriting keeps their other edits', async () => {
    renderBanner();
    await screen.findByText(/Shop lines/);
    fireEvent.click(screen.getByTestId(testIds.panelEditApply));
    await screen.findByTestId('conflict-dialog');
    expect(puts).toEqual([1]);
    fireEvent.click(screen.getByTestId('conflict-overwrite'));
    await waitFor(() => expect(window.location.pathname).toBe(`/dashboards/${ID}`));
    expect(window.location.search).toBe('?var-ns=shop');
    expect(puts).toEqual([1, 2]);
    expect(stored.version).toBe(3);
    expect(stored.panels[0]?.query).toBe('{namespace="$ns"} |= "mine"');
    expect(stored.panels[1]?.grid).toEqual({ x: 6, y: 8, w: 3, h: 4 });
  });

  it('"load theirs" puts their panel query in the editor on their version', async () => {
    const store = renderBanner();
    await screen.findByText(/Shop lines/);
    fireEvent.click(screen.getByTestId(testIds.panelEditApply));
    fireEvent.click(await screen.findByTestId('conflict-reload'));
    await waitFor(() => expect(store.getState().query).toBe('{namespace="$ns"} |= "theirs"'));
    expect(store.getState().dashboardVersion).toBe(2);
    expect(window.location.pathname).toBe('/');
  });
});
