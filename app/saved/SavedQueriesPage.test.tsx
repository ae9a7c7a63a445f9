// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MeResponse, SavedQuery } from '../../model';
import { readUrlState } from '../state/urlState';
import { testIds } from '../testIds';
import { SavedQueriesPage } from './SavedQueriesPage';

const query = (id: string, name: string, extra: Partial<SavedQuery> = {}): SavedQuery => ({
  id,
  name,
  description: '',
  datasources: ['local'],
  language: 'logql',
  query: '{namespace="shop"} |= "error"',
  range: { from: 'now-6h', to: 'now' },
  version: 1,
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  owner: 'anonymous',
  sharing: { kind: 'public', canEdit: true },
  access: 'owner',
  ...extra,
});

let stored: SavedQuery[] = [];
/** GET /api/v1/auth/me: undefined answers 404, as a server without sign-in does. */
let me: MeResponse | undefined;
const puts: unknown[] = [];
const searches: (string | null)[] = [];
const deletes: string[] = [];
const server = setupServer(
  http.get('*/api/v1/auth/me', () =>
    me ? HttpResponse.json(me) : new HttpResponse(null, { status: 404 }),
  ),
  http.get('*/api/v1/saved-queries', ({ request }) => {
    const search = new URL(request.url).searchParams.get('search');
    searches.push(search);
    const items = stored.filter(
      (q) => !search || q.name.toLowerCase().includes(search.toLowerCase()),
    );
    return HttpResponse.json({ items, total: items.length });
  }),
  http.put('*/api/v1/saved-queries/:id', async ({ params, request }) => {
    const sent = (await request.json()) as SavedQuery;
    puts.push(sent);
    const { version, ...body } = sent;
    const current = stored.find((q) => q.id === params['id']);
    if (!current) return new HttpResponse(null, { status: 404 });
    if (current.version !== version) {
      return HttpResponse.json(
        { error: { code: 'conflict', message: 'stale' }, current },
        { status: 409 },
      );
    }
    const saved = { ...current, ...body, version: version + 1 };
    stored = stored.map((q) => (q.id === saved.id ? saved : q));
    return HttpResponse.json(saved);
  }),
  http.delete('*/api/v1/saved-queries/:id', ({ params, request }) => {
    expect(request.headers.get('content-type')).toBeNull();
    deletes.push(String(params['id']));
    stored = stored.filter((q) => q.id !== params['id']);
    return new HttpResponse(null, { status: 204 });
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
  stored = [
    query('aaaaaaaa11', 'Shop errors', {
      description: 'the incident',
      datasources: ['local', 'es'],
    }),
    query('bbbbbbbb22', 'Cart latency', { language: 'kql', query: 'app:cart and duration > 100' }),
  ];
  searches.length = 0;
  deletes.length = 0;
  puts.length = 0;
  me = undefined;
});
afterEach(cleanup);
afterAll(() => server.close());

const renderPage = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SavedQueriesPage />
    </QueryClientProvider>,
  );
const row = (name: string) =>
  screen.getAllByTestId(testIds.savedQueryRow).find((r) => r.textContent?.includes(name));

describe('saved queries page', () => {
  it('lists every field and opens each query in Explore with its id', async () => {
    renderPage();
    await screen.findByText('Shop errors');
    const shop = row('Shop errors');
    expect(shop?.textContent).toContain('local, es');
    expect(shop?.textContent).toContain('Last 6h');
    expect(row('Cart latency')?.textContent).toContain('KQL');
    const href =
      within(shop as HTMLElement)
        .getByTestId(testIds.savedQueryOpen)
        .getAttribute('href') ?? '';
    expect(readUrlState(new URL(href).search)).toEqual({
      datasource: 'local',
      also: ['es'],
      language: 'logql',
      query: '{namespace="shop"} |= "error"',
      from: 'now-6h',
      to: 'now',
      saved: 'aaaaaaaa11',
    });
  });

  it('searches on the server and says when nothing matches', async () => {
    renderPage();
    await screen.findByText('Shop errors');
    fireEvent.change(screen.getByTestId(testIds.savedQueriesSearch), { target: { value: 'cart' } });
    await waitFor(() => expect(screen.queryByText('Shop errors')).toBeNull());
    expect(searches.at(-1)).toBe('cart');
    fireEvent.change(screen.getByTestId(testIds.savedQueriesSearch), { target: { value: 'zzz' } });
    expect((await screen.findByTestId(testIds.savedQueriesEmpty)).textContent).toContain('zzz');
  });

  it('explains how to save one when there are none', async () => {
    stored = [];
    renderPage();
    expect((await screen.findByTestId(testIds.savedQueriesEmpty)).textContent).toMatch(
      /press Save/,
    );
  });

  it('renames on the version listed, and deletes only after a confirmation', async () => {
    renderPage();
    await screen.findByText('Shop errors');
    fireEvent.click(within(row('Shop errors') as HTMLElement).getByTestId(testIds.savedQueryEdit));
    fireEvent.change(await screen.findByTestId(testIds.saveQueryName), {
      target: { value: 'Shop 5xx' },
    });
    fireEvent.click(screen.getByTestId(testIds.saveQuerySubmit));
    await screen.findByText('Shop 5xx');
    expect(stored[0]).toMatchObject({
      name: 'Shop 5xx',
      version: 2,
      query: '{namespace="shop"} |= "error"',
    });

    fireEvent.click(
      within(row('Cart latency') as HTMLElement).getByTestId(testIds.savedQueryDelete),
    );
    expect(deletes).toEqual([]);
    fireEvent.click(await screen.findByTestId('confirm-delete'));
    await waitFor(() => expect(screen.queryByText('Cart latency')).toBeNull());
    expect(deletes).toEqual(['bbbbbbbb22']);
  });

  describe('with sign-in on', () => {
    beforeEach(() => {
      me = {
        mode: 'users',
        user: { id: 'alice', name: 'Alice', groups: ['ops', 'dev'], unrestricted: false },
      };
      stored = [
        query('aaaaaaaa11', 'Shop errors', { owner: 'alice', sharing: { kind: 'private' } }),
        query('bbbbbbbb22', 'Cart latency', {
          owner: 'bob',
          sharing: { kind: 'groups', groups: ['ops'], canEdit: false },
          access: 'view',
        }),
      ];
    });

    it("shows each query's owner and sharing; a view-only one has no Edit or Delete", async () => {
      renderPage();
      await screen.findByText('Owner');
      const mine = within(row('Shop errors')!);
      expect(mine.getByTestId(testIds.sharingBadge).textContent).toBe('youPrivate');
      expect(mine.getByTestId(testIds.savedQueryEdit)).toBeTruthy();
      expect(mine.getByTestId(testIds.savedQueryDelete)).toBeTruthy();
      const theirs = within(row('Cart latency')!);
      expect(theirs.getByTestId(testIds.sharingBadge).textContent).toBe('bobSharedview only');
      expect(theirs.queryByTestId(testIds.savedQueryEdit)).toBeNull();
      expect(theirs.queryByTestId(testIds.savedQueryDelete)).toBeNull();
    });

    it('lets the owner share with one of their groups, sent beside the query', async () => {
      renderPage();
      await screen.findByText('Owner');
      fireEvent.click(within(row('Shop errors')!).getByTestId(testIds.savedQueryEdit));
      fireEvent.click(await screen.findByTestId(`${testIds.sharingChoice}-groups`));
      const submit = screen.getByTestId(testIds.saveQuerySubmit) as HTMLButtonElement;
      expect(submit.disabled).toBe(true);
      fireEvent.click(screen.getByRole('button', { name: 'dev' }));
      fireEvent.click(screen.getByTestId(testIds.sharingCanEdit));
      expect(submit.disabled).toBe(false);
      fireEvent.click(submit);
      await waitFor(() => expect(puts).toHaveLength(1));
      expect(puts[0]).toMatchObject({
        version: 1,
        sharing: { kind: 'groups', groups: ['dev'], canEdit: true },
      });
    });
  });

  it('shows no owner or sharing while sign-in is off (the route answers 404)', async () => {
    renderPage();
    await screen.findByText('Shop errors');
    await waitFor(() => expect(searches.length).toBeGreaterThan(0));
    expect(screen.queryByText('Owner')).toBeNull();
    expect(screen.queryAllByTestId(testIds.sharingBadge)).toHaveLength(0);
    fireEvent.click(within(row('Shop errors')!).getByTestId(testIds.savedQueryEdit));
    await screen.findByTestId(testIds.saveQueryName);
    expect(screen.queryByTestId(testIds.sharingField)).toBeNull();
  });
});
