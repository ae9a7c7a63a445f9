// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse, SavedQuery, SavedQueryBody } from '../../../model';
import { createExploreStore } from '../../state/exploreStore';
import { StoreContext } from '../../state/storeContext';
import { readUrlState } from '../../state/urlState';
import { testIds } from '../../testIds';
import { SavedActions } from './SavedActions';

/** Saved queries as the server keeps them: every write names the version it was based on. */
const stored = new Map<string, SavedQuery>();
const writes: { method: string; version?: number; body: SavedQueryBody }[] = [];
/** GET /api/v1/auth/me; undefined answers 404 (sign-in off). */
let me: MeResponse | undefined;
const at = () => new Date().toISOString();
const server = setupServer(
  http.get('*/api/v1/auth/me', () =>
    me ? HttpResponse.json(me) : new HttpResponse(null, { status: 404 }),
  ),
  http.post('*/api/v1/saved-queries', async ({ request }) => {
    const body = (await request.json()) as SavedQueryBody;
    writes.push({ method: 'POST', body });
    const id = `q${String(stored.size + 1).padStart(8, '0')}`;
    const saved: SavedQuery = {
      ...body,
      id,
      version: 1,
      createdAt: at(),
      updatedAt: at(),
      owner: 'anonymous',
      sharing: { kind: 'public', canEdit: true },
      access: 'owner',
    };
    stored.set(id, saved);
    return HttpResponse.json(saved, { status: 201 });
  }),
  http.get('*/api/v1/saved-queries/:id', ({ params }) => {
    const q = stored.get(String(params['id']));
    return q
      ? HttpResponse.json(q)
      : HttpResponse.json({ error: { code: 'not_found', message: 'gone' } }, { status: 404 });
  }),
  http.put('*/api/v1/saved-queries/:id', async ({ params, request }) => {
    const { version, ...body } = (await request.json()) as SavedQueryBody & { version: number };
    writes.push({ method: 'PUT', version, body });
    const current = stored.get(String(params['id']));
    if (!current)
      return HttpResponse.json({ error: { code: 'not_found', message: 'gone' } }, { status: 404 });
    if (current.version !== version) {
      return HttpResponse.json(
        { error: { code: 'conflict', message: 'stale version' }, current },
        { status: 409 },
      );
    }
    const saved = { ...current, ...body, version: version + 1, updatedAt: at() };
    stored.set(saved.id, saved);
    return HttpResponse.json(saved);
  }),
  http.get('*/api/v1/saved-queries', () =>
    HttpResponse.json({ items: [...stored.values()], total: stored.size }),
  ),
);

beforeAll(() => {
  // jsdom has no modal dialogs; the page only needs them open.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  cleanup();
  me = undefined;
});
afterAll(() => server.close());

function renderPane(search: string) {
  const store = createExploreStore(readUrlState(search));
  render(
    <QueryClientProvider client={new QueryClient()}>
      <StoreContext.Provider value={store}>
        <SavedActions />
      </StoreContext.Provider>
    </QueryClientProvider>,
  );
  return store;
}

const saveAs = async (name?: string) => {
  fireEvent.click(screen.getByTestId(testIds.saveQuery));
  const field = await screen.findByTestId(testIds.saveQueryName);
  if (name !== undefined) fireEvent.change(field, { target: { value: name } });
  fireEvent.click(screen.getByTestId(testIds.saveQuerySubmit));
};

describe('Save in Explore', () => {
  it('saves sources, language, query and a relative range, then saves a new version of it', async () => {
    const store = renderPane('?ds=local&ds=es&lang=logql&q={app="cart"}&from=now-6h&to=now');
    await saveAs('Cart');
    await screen.findByText(/Saved “Cart” · version 1/);
    expect(writes.at(-1)).toEqual({
      method: 'POST',
      body: {
        name: 'Cart',
        description: '',
        datasources: ['local', 'es'],
        language: 'logql',
        query: '{app="cart"}',
        range: { from: 'now-6h', to: 'now' },
      },
    });
    const id = store.getState().saved ?? '';
    expect(stored.has(id)).toBe(true);

    store.getState().setQuery('{app="cart"} |= "error"');
    await saveAs();
    await screen.findByText(/version 2/);
    expect(writes.at(-1)).toMatchObject({
      method: 'PUT',
      version: 1,
      body: { name: 'Cart', query: '{app="cart"} |= "error"' },
    });
  });

  it('never overwrites a newer version silently: the conflict dialog lets me overwrite knowingly', async () => {
    const store = renderPane('?ds=local&lang=logql&q={app="x"}&from=now-1h&to=now');
    await saveAs('Mine');
    await screen.findByText(/version 1/);
    const id = store.getState().saved ?? '';
    // Someone else renames it meanwhile.
    const theirs = stored.get(id);
    if (theirs) stored.set(id, { ...theirs, name: 'Theirs', version: 2 });

    store.getState().setQuery('{app="y"}');
    await saveAs('Mine again');
    await screen.findByTestId('conflict-dialog');
    expect(stored.get(id)?.name).toBe('Theirs');
    fireEvent.click(screen.getByTestId('conflict-overwrite'));
    await screen.findByText(/Saved “Mine again” · version 3/);
    expect(writes.at(-1)).toMatchObject({ method: 'PUT', version: 2 });
    expect(stored.get(id)).toMatchObject({ name: 'Mine again', query: '{app="y"}', version: 3 });
  });

  it('"Save as new" keeps the loaded one and makes another', async () => {
    const store = renderPane('?ds=local&lang=logql&q={app="z"}&from=now-1h&to=now');
    await saveAs('First');
    await screen.findByText(/version 1/);
    const first = store.getState().saved;
    fireEvent.click(screen.getByTestId(testIds.saveQuery));
    const name = await screen.findByTestId(testIds.saveQueryName);
    fireEvent.change(name, { target: { value: 'Second' } });
    fireEvent.click(screen.getByTestId(testIds.saveQueryAsNew));
    await waitFor(() => expect(store.getState().saved).not.toBe(first));
    expect(stored.get(first ?? '')?.name).toBe('First');
  });

  it("saves someone's view-only query only as a private copy of one's own", async () => {
    me = {
      mode: 'oidc',
      user: { id: 'alice', name: 'Alice', groups: ['ops'], unrestricted: false },
    };
    const id = 'theirs000001';
    stored.set(id, {
      id,
      name: 'Payments 5xx',
      description: '',
      datasources: ['local'],
      language: 'logql',
      query: '{app="payments"}',
      range: { from: 'now-1h', to: 'now' },
      version: 4,
      createdAt: at(),
      updatedAt: at(),
      owner: 'bob',
      sharing: { kind: 'groups', groups: ['ops'], canEdit: false },
      access: 'view',
    });
    renderPane(`?ds=local&lang=logql&q={app="payments"}&from=now-1h&to=now&saved=${id}`);
    await waitFor(() => expect(screen.getByTestId(testIds.saveQuery).title).toContain('Payments'));
    fireEvent.click(screen.getByTestId(testIds.saveQuery));
    await screen.findByTestId(testIds.sharingReadOnly);
    expect(screen.queryByTestId(testIds.saveQueryAsNew)).toBeNull();
    expect(await screen.findByTestId(`${testIds.sharingChoice}-private`)).toHaveProperty(
      'checked',
      true,
    );
    const submit = screen.getByTestId(testIds.saveQuerySubmit);
    expect(submit.textContent).toBe('Save a copy');
    fireEvent.click(submit);
    await screen.findByText(/Saved “Payments 5xx” · version 1/);
    expect(writes.at(-1)).toMatchObject({
      method: 'POST',
      body: { name: 'Payments 5xx', sharing: { kind: 'private' } },
    });
    expect(stored.get(id)?.version).toBe(4);
  });
});
