// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DashboardExportSchema,
  type Dashboard,
  type DashboardSummary,
  type Problem,
} from '../../../model';
import { appPath } from '../../router';
import { testIds } from '../../testIds';
import { DashboardsPage } from './DashboardsPage';

const stored: Dashboard[] = [];
const asked: string[] = [];
let nextId = 1;

function save(body: Partial<Dashboard> & { title: string }): Dashboard {
  const at = new Date(Date.UTC(2026, 10, 20, 9, nextId)).toISOString();
  const dashboard: Dashboard = {
    description: '',
    range: { from: 'now-1h', to: 'now' },
    refreshMs: null,
    variables: [],
    panels: [],
    links: [],
    ...body,
    id: `dashboard${String(nextId++).padStart(4, '0')}`,
    version: 1,
    createdAt: at,
    updatedAt: at,
    owner: 'anonymous',
    sharing: { kind: 'public', canEdit: true },
    access: 'owner',
  };
  stored.push(dashboard);
  return dashboard;
}

const summary = (d: Dashboard): DashboardSummary => ({
  id: d.id,
  version: d.version,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  owner: 'anonymous',
  sharing: { kind: 'public', canEdit: true },
  access: 'owner',
  title: d.title,
  description: d.description,
  panelCount: d.panels.length,
});

// The saved-object routes as the server answers them; an import is checked by the model's own
// export schema, each zod issue one problem with its dotted path.
const server = setupServer(
  http.get('*/api/v1/dashboards', ({ request }) => {
    const url = new URL(request.url);
    asked.push(`GET ${url.pathname}${url.search}`);
    const search = url.searchParams.get('search')?.toLowerCase() ?? '';
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const matches = stored
      .filter((d) => `${d.title} ${d.description}`.toLowerCase().includes(search))
      .map(summary);
    return HttpResponse.json({
      items: matches.slice(offset, offset + limit),
      total: matches.length,
    });
  }),
  http.post('*/api/v1/dashboards', async ({ request }) => {
    const body = (await request.json()) as { title: string };
    return HttpResponse.json(save(body), { status: 201 });
  }),
  http.delete('*/api/v1/dashboards/:id', ({ request, params }) => {
    const url = new URL(request.url);
    asked.push(`DELETE ${url.pathname}${url.search}`);
    // Fastify's own answer to a JSON content type with no body.
    if (request.headers.get('content-type') === 'application/json') {
      return HttpResponse.json(
        { error: { code: 'bad_query', message: 'the request body is not valid JSON' } },
        { status: 400 },
      );
    }
    const i = stored.findIndex((d) => d.id === params['id']);
    const found = stored[i];
    if (!found)
      return HttpResponse.json(
        { error: { code: 'not_found', message: 'no such' } },
        { status: 404 },
      );
    if (url.searchParams.get('version') !== String(found.version)) {
      return HttpResponse.json(
        { error: { code: 'conflict', message: 'stale' }, current: found },
        { status: 409 },
      );
    }
    stored.splice(i, 1);
    return new HttpResponse(null, { status: 204 });
  }),
  http.post('*/api/v1/dashboards/import', async ({ request }) => {
    const parsed = DashboardExportSchema.safeParse(await request.json());
    if (!parsed.success) {
      const problems: Problem[] = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      return HttpResponse.json(
        { error: { code: 'bad_query', message: `${problems.length} problems` }, problems },
        { status: 400 },
      );
    }
    return HttpResponse.json(save(parsed.data.dashboard), { status: 201 });
  }),
);
beforeAll(() => {
  // index.html's <base href>: without it the page's own path would count as the base.
  const base = document.createElement('base');
  base.href = '/';
  document.head.append(base);
  server.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => {
  stored.length = 0;
  asked.length = 0;
  window.history.replaceState(null, '', '/dashboards');
});
afterEach(cleanup);
afterAll(() => server.close());

function renderPage() {
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <DashboardsPage />
    </QueryClientProvider>,
  );
}

const rows = () => screen.queryAllByTestId(testIds.dashboardRow);
const titles = () => rows().map((r) => within(r).getByRole('link').textContent);

describe('DashboardsPage', () => {
  it('lists dashboards and searches them on the server, debounced', async () => {
    save({ title: 'Checkout errors', description: 'payments and carts', panels: [] });
    save({ title: 'Ingress latency', description: 'nginx upstream times' });
    save({ title: 'Audit', description: 'who changed RBAC' });
    renderPage();
    await waitFor(() => expect(titles()).toEqual(['Checkout errors', 'Ingress latency', 'Audit']));
    expect(rows()[0]!.textContent).toContain('payments and carts');
    const search = screen.getByTestId(testIds.dashboardsSearch);
    fireEvent.change(search, { target: { value: 'n' } });
    fireEvent.change(search, { target: { value: 'ng' } });
    fireEvent.change(search, { target: { value: 'nginx' } });
    await waitFor(() => expect(titles()).toEqual(['Ingress latency']));
    // One request for the settled text, none for the keys on the way.
    expect(asked.filter((a) => a.includes('search='))).toEqual([
      'GET /api/v1/dashboards?search=nginx&limit=100&offset=0',
    ]);
    fireEvent.change(search, { target: { value: 'nothing like it' } });
    await waitFor(() => expect(screen.getByText(/No dashboard matches/)).toBeTruthy());
  });

  it('shows a long list a hundred rows at a time', async () => {
    for (let i = 0; i < 130; i++) save({ title: `Service ${String(i).padStart(3, '0')}` });
    renderPage();
    await waitFor(() => expect(rows()).toHaveLength(100));
    expect(screen.getByText('100 of 130')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show more (30 left)' }));
    await waitFor(() => expect(rows()).toHaveLength(130));
    expect(titles()[129]).toBe('Service 129');
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();
    expect(asked).toContain('GET /api/v1/dashboards?limit=100&offset=100');
  });

  it('shows an empty state, and a link opens the dashboard without a reload', async () => {
    renderPage();
    await waitFor(() => expect(screen.getByText('No dashboards yet.')).toBeTruthy());
    cleanup();
    const d = save({ title: 'Checkout errors' });
    renderPage();
    const link = await screen.findByRole('link', { name: 'Checkout errors' });
    expect(link.getAttribute('href')).toBe(`http://localhost:3000/dashboards/${d.id}`);
    fireEvent.click(link);
    expect(appPath()).toBe(`/dashboards/${d.id}`);
  });

  it('shows a <script> title as text, never as markup', async () => {
    const d = save({
      title: '<script>alert(1)</script>',
      description: '<img src=x onerror=alert(2)>',
    });
    renderPage();
    const link = await screen.findByRole('link', { name: d.title });
    expect(link.textContent).toBe('<script>alert(1)</script>');
    const list = screen.getByTestId(testIds.dashboardsList);
    expect(list.querySelector('script')).toBeNull();
    expect(list.querySelector('img')).toBeNull();
    expect(rows()[0]!.textContent).toContain('<img src=x onerror=alert(2)>');
  });

  it('creates a dashboard from a title and opens it', async () => {
    renderPage();
    fireEvent.click(screen.getByTestId(testIds.dashboardNew));
    const dialog = screen.getByTestId('new-dashboard-dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'On call' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(appPath()).toBe(`/dashboards/${stored[0]?.id}`));
    expect(stored[0]?.title).toBe('On call');
  });

  it('deletes the version it listed, after a confirmation', async () => {
    const keep = save({ title: 'Keep me' });
    const gone = save({ title: 'Delete me' });
    renderPage();
    await waitFor(() => expect(titles()).toEqual(['Keep me', 'Delete me']));
    fireEvent.click(screen.getByRole('button', { name: 'Delete Delete me' }));
    const dialog = screen.getByTestId('delete-dialog');
    expect(dialog.textContent).toContain('Delete me');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(titles()).toEqual(['Keep me']));
    expect(asked).toContain(`DELETE /api/v1/dashboards/${gone.id}?version=1`);
    expect(stored.map((d) => d.id)).toEqual([keep.id]);
  });

  it('says so when the dashboard was saved since the list was loaded', async () => {
    const d = save({ title: 'Busy' });
    renderPage();
    await waitFor(() => expect(titles()).toEqual(['Busy']));
    d.version = 2;
    fireEvent.click(screen.getByRole('button', { name: 'Delete Busy' }));
    const dialog = screen.getByTestId('delete-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toContain('Someone saved'),
    );
    expect(stored).toHaveLength(1);
  });

  it('lists every problem of a refused import with its path', async () => {
    renderPage();
    fireEvent.click(screen.getByTestId(testIds.dashboardImport));
    const dialog = screen.getByTestId(testIds.importDialog);
    const file = {
      schema: 'logsift.dashboard',
      schemaVersion: 1,
      dashboard: {
        title: '',
        links: [{ title: 'x', url: 'javascript:alert(1)' }],
        panels: [
          {
            id: 'a',
            title: 'Top pods',
            kind: 'table',
            datasources: ['local'],
            language: 'logql',
            query: '{job=~".+"}',
            grid: { x: 0, y: 0, w: 6, h: 4 },
          },
        ],
      },
    };
    fireEvent.change(within(dialog).getByRole('textbox'), {
      target: { value: JSON.stringify(file) },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(screen.getAllByTestId(testIds.importProblem)).toHaveLength(3));
    const problems = screen.getAllByTestId(testIds.importProblem).map((p) => p.textContent);
    expect(problems).toEqual(
      expect.arrayContaining([
        'dashboard.title a title is required',
        'dashboard.links.0.url a link is an http(s) URL or a path inside Logsift starting with /',
        'dashboard.panels.0.field a table panel names the field whose top values it shows',
      ]),
    );
    expect(within(dialog).getByRole('alert').textContent).toContain('Not imported: 3 problems');
    expect(stored).toHaveLength(0);
  });

  it('refuses text that is not JSON before asking the server, and opens a good import', async () => {
    renderPage();
    fireEvent.click(screen.getByTestId(testIds.dashboardImport));
    const dialog = screen.getByTestId(testIds.importDialog);
    const box = within(dialog).getByRole('textbox');
    fireEvent.change(box, { target: { value: '{"schema": ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(within(dialog).getByRole('alert').textContent).toContain('This is not JSON');
    const good = {
      schema: 'logsift.dashboard',
      schemaVersion: 1,
      dashboard: { title: 'Imported', description: 'from a file' },
    };
    const upload = dialog.querySelector<HTMLInputElement>('input[type="file"]')!;
    fireEvent.change(upload, {
      target: { files: [new File([JSON.stringify(good)], 'imported.json')] },
    });
    await waitFor(() => expect((box as HTMLTextAreaElement).value).toContain('Imported'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(appPath()).toBe(`/dashboards/${stored[0]?.id}`));
    expect(stored[0]?.description).toBe('from a file');
  });

  it('does not read a file of more than 10 MB, and says why', () => {
    renderPage();
    fireEvent.click(screen.getByTestId(testIds.dashboardImport));
    const dialog = screen.getByTestId(testIds.importDialog);
    const huge = new File(['x'.repeat(11 * 1024 * 1024)], 'huge.json');
    fireEvent.change(dialog.querySelector('input[type="file"]')!, { target: { files: [huge] } });
    expect(within(dialog).getByRole('alert').textContent).toContain(
      'huge.json is 11.0 MB; a dashboard file is at most 10 MB',
    );
    expect(within(dialog).getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);
  });
});
