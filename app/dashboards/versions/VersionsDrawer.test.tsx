// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard, VersionInfo } from '../../../model';
import { testIds } from '../../testIds';
import { VersionsDrawer } from './VersionsDrawer';

const ID = 'Zq3x9PbXk2mN7vR1tY8wAa';
const dashboard = (version: number, title: string): Dashboard => ({
  id: ID,
  version,
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: `2026-11-2${version}T10:00:00.000Z`,
  owner: 'anonymous',
  sharing: { kind: 'public', canEdit: true },
  access: 'owner',
  title,
  description: '',
  range: { from: 'now-1h', to: 'now' },
  refreshMs: null,
  variables: [],
  panels: [],
  links: [],
});

// The server's history: three saves, listed oldest first to show the drawer orders them.
let history: Dashboard[] = [];
const restores: { version: string; body: unknown }[] = [];
const server = setupServer(
  http.get(`*/api/v1/dashboards/${ID}/versions`, () =>
    HttpResponse.json({
      versions: history.map((d): VersionInfo => ({
        version: d.version,
        createdAt: d.updatedAt,
        title: d.title,
      })),
    }),
  ),
  http.get(`*/api/v1/dashboards/${ID}/versions/:version`, ({ params }) =>
    HttpResponse.json(history.find((d) => String(d.version) === params['version'])),
  ),
  http.post(`*/api/v1/dashboards/${ID}/versions/:version/restore`, async ({ request, params }) => {
    const body = (await request.json()) as { version: number };
    restores.push({ version: String(params['version']), body });
    const newest = history[history.length - 1]!;
    if (body.version !== newest.version) {
      return HttpResponse.json(
        { error: { code: 'conflict', message: 'stale version' }, current: newest },
        { status: 409 },
      );
    }
    const old = history.find((d) => String(d.version) === params['version'])!;
    const restored = { ...old, version: newest.version + 1 };
    history.push(restored);
    return HttpResponse.json(restored);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  history = [
    dashboard(1, 'Checkout'),
    dashboard(2, 'Checkout errors'),
    dashboard(3, 'Checkout (v3)'),
  ];
  restores.length = 0;
});
afterEach(cleanup);
afterAll(() => server.close());

function renderDrawer(currentVersion: number) {
  const onRestored = vi.fn();
  const onClose = vi.fn();
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <VersionsDrawer
        dashboardId={ID}
        currentVersion={currentVersion}
        onRestored={onRestored}
        onClose={onClose}
      />
    </QueryClientProvider>,
  );
  return { onRestored, onClose };
}

const row = (version: number) =>
  screen.getAllByTestId(testIds.versionRow).find((r) => r.dataset['version'] === String(version))!;

describe('VersionsDrawer', () => {
  it('lists versions newest first with their titles, the current one marked', async () => {
    renderDrawer(3);
    await waitFor(() => expect(screen.getAllByTestId(testIds.versionRow)).toHaveLength(3));
    const rows = screen.getAllByTestId(testIds.versionRow);
    expect(rows.map((r) => r.dataset['version'])).toEqual(['3', '2', '1']);
    expect(rows[0]!.textContent).toContain('Checkout (v3)');
    expect(rows[0]!.textContent).toContain('current');
    expect(within(rows[0]!).queryByTestId(testIds.versionRestore)).toBeNull();
    expect(rows[2]!.textContent).not.toContain('current');
  });

  it('restores an old version based on the version the page holds', async () => {
    const { onRestored } = renderDrawer(3);
    await waitFor(() => expect(screen.getAllByTestId(testIds.versionRow)).toHaveLength(3));
    fireEvent.click(within(row(1)).getByTestId(testIds.versionRestore));
    await waitFor(() => expect(onRestored).toHaveBeenCalledTimes(1));
    expect(restores).toEqual([{ version: '1', body: { version: 3 } }]);
    expect(onRestored.mock.calls[0]![0]).toMatchObject({ version: 4, title: 'Checkout' });
    // The list learns of the new version.
    await waitFor(() => expect(screen.getAllByTestId(testIds.versionRow)).toHaveLength(4));
  });

  it('says someone saved meanwhile on 409 and offers their version', async () => {
    const { onRestored } = renderDrawer(2);
    await waitFor(() => expect(screen.getAllByTestId(testIds.versionRow)).toHaveLength(3));
    fireEvent.click(within(row(1)).getByTestId(testIds.versionRestore));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone saved this dashboard meanwhile (version 3)');
    expect(restores).toEqual([{ version: '1', body: { version: 2 } }]);
    expect(onRestored).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('versions-reload'));
    expect(onRestored).toHaveBeenCalledWith(history[2]);
  });

  it('closes on Esc and on its close button', async () => {
    const { onClose } = renderDrawer(3);
    await waitFor(() => expect(screen.getAllByTestId(testIds.versionRow)).toHaveLength(3));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('shows a version’s JSON on demand', async () => {
    renderDrawer(3);
    await waitFor(() => expect(screen.getAllByTestId(testIds.versionRow)).toHaveLength(3));
    fireEvent.click(within(row(2)).getByRole('button', { name: 'View JSON' }));
    await waitFor(() =>
      expect(row(2).querySelector('pre')?.textContent).toContain('"Checkout errors"'),
    );
  });
});
