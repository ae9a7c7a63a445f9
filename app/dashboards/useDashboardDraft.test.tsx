// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DashboardBodySchema, type Dashboard } from '../../model';
import { useDashboardDraft } from './useDashboardDraft';

const stored = (version: number, title: string): Dashboard => ({
  ...DashboardBodySchema.parse({
    title,
    variables: [{ kind: 'field', name: 'namespace', datasource: 'local', field: 'namespace' }],
  }),
  id: 'dash0001',
  version,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  owner: 'anonymous',
  sharing: { kind: 'public', canEdit: true },
  access: 'owner',
});

// The server's copy: a PUT on an older version than it holds is refused with it (409).
let onServer = stored(1, 'Shop');
const puts: { version: number; title: string; current?: string }[] = [];
const server = setupServer(
  http.get('*/api/v1/dashboards/dash0001', () => HttpResponse.json(onServer)),
  http.put('*/api/v1/dashboards/dash0001', async ({ request }) => {
    const body = (await request.json()) as Dashboard;
    puts.push({ version: body.version, title: body.title, current: body.variables[0]?.current });
    if (body.version !== onServer.version) {
      return HttpResponse.json(
        { error: { code: 'conflict', message: 'changed' }, current: onServer },
        { status: 409 },
      );
    }
    onServer = { ...onServer, ...body, version: onServer.version + 1 };
    return HttpResponse.json(onServer);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  puts.length = 0;
  onServer = stored(1, 'Shop');
});
afterAll(() => server.close());

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
);

describe('useDashboardDraft', () => {
  it('flags an edit, saves it on the loaded version with the values on screen', async () => {
    const { result } = renderHook(() => useDashboardDraft('dash0001'), { wrapper });
    await waitFor(() => expect(result.current.draft?.title).toBe('Shop'));
    expect(result.current.dirty).toBe(false);
    act(() => result.current.edit((d) => ({ ...d, title: 'Shop v2' })));
    expect(result.current.dirty).toBe(true);
    await act(() => result.current.save({ namespace: 'payments' }));
    expect(puts).toEqual([{ version: 1, title: 'Shop v2', current: 'payments' }]);
    expect(result.current.saved?.version).toBe(2);
    expect(result.current.dirty).toBe(false);
  });

  it('meets a newer save with the conflict, never overwriting it unasked', async () => {
    const { result } = renderHook(() => useDashboardDraft('dash0001'), { wrapper });
    await waitFor(() => expect(result.current.draft).toBeDefined());
    onServer = stored(2, 'Theirs');
    act(() => result.current.edit((d) => ({ ...d, title: 'Mine' })));
    await act(() => result.current.save({}));
    expect(result.current.conflict?.title).toBe('Theirs');
    expect(result.current.saved?.version).toBe(1);
    expect(onServer.title).toBe('Theirs');

    // Overwriting is a second, deliberate PUT on their version.
    await act(() => result.current.save({}, result.current.conflict?.version));
    expect(puts.map((p) => p.version)).toEqual([1, 2]);
    expect(onServer).toMatchObject({ title: 'Mine', version: 3 });
    expect(result.current.conflict).toBeUndefined();
  });

  it('takes theirs on reload, and discards edits back to the saved version', async () => {
    const { result } = renderHook(() => useDashboardDraft('dash0001'), { wrapper });
    await waitFor(() => expect(result.current.draft).toBeDefined());
    act(() => result.current.edit((d) => ({ ...d, title: 'Mine' })));
    act(() => result.current.discard());
    expect(result.current.draft?.title).toBe('Shop');
    act(() => result.current.replace(stored(5, 'Theirs')));
    expect(result.current.saved?.version).toBe(5);
    expect(result.current.draft?.title).toBe('Theirs');
    expect(result.current.dirty).toBe(false);
  });
});
