// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContextRequest, LogRecord } from '../../model';
import { testIds } from '../testIds';
import { LogDetails } from './LogDetails';

const record = (n: number, line = `line ${n}`): LogRecord => ({
  id: `s-${n}`,
  ts: `${1_700_000_000_000 + n}000000`,
  line,
  labels: { app: 'cart', pod: 'cart-1' },
  fields: { detected_level: 'info' },
  level: 'info',
  source: 'local',
});

const asked: ContextRequest[] = [];
const server = setupServer(
  http.get('*/api/v1/datasources/cw/records/:id', ({ params }) =>
    HttpResponse.json({
      ...record(100),
      id: String(params['id']),
      labels: { '@log': '1:/g', '@logStream': 's1' },
    }),
  ),
  http.post('*/api/v1/context', async ({ request }) => {
    const body = (await request.json()) as ContextRequest;
    asked.push(body);
    if (body.record.id === 's-999') {
      return HttpResponse.json(
        { error: { code: 'backend_unavailable', message: 'Loki is down' } },
        { status: 502 },
      );
    }
    const before = body.before ?? 25;
    const after = body.after ?? 25;
    return HttpResponse.json({
      before: [...Array(before).keys()].map((i) => record(100 - before + i)),
      after: [...Array(Math.min(after, 30)).keys()].map((i) => record(101 + i)),
    });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  asked.length = 0;
  Reflect.deleteProperty(navigator, 'clipboard');
});
afterAll(() => server.close());

function renderDetails(r: LogRecord, extra: Partial<Parameters<typeof LogDetails>[0]> = {}) {
  const props = {
    record: r,
    contextFrom: 'local',
    columns: ['pod'],
    onToggleColumn: vi.fn(),
    onFilter: vi.fn(),
    onClose: vi.fn(),
    ...extra,
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LogDetails {...props} />
    </QueryClientProvider>,
  );
  return props;
}

describe('LogDetails', () => {
  it('filters, toggles columns (showing which are on) and closes on Esc', () => {
    const props = renderDetails(record(100));
    fireEvent.click(screen.getByRole('button', { name: 'Filter for app = value' }));
    expect(props.onFilter).toHaveBeenCalledWith('app', 'cart', false);
    fireEvent.click(screen.getByRole('button', { name: 'Filter out pod = value' }));
    expect(props.onFilter).toHaveBeenCalledWith('pod', 'cart-1', true);
    const pod = screen.getByRole('button', { name: 'Show pod as a column' });
    const app = screen.getByRole('button', { name: 'Show app as a column' });
    expect(pod.getAttribute('aria-pressed')).toBe('true');
    expect(app.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(app);
    expect(props.onToggleColumn).toHaveBeenCalledWith('app');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(props.onClose).toHaveBeenCalledTimes(1);
  });

  it('copies the line and a link to it, saying so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
    window.history.replaceState(null, '', '/?ds=local&q=%7Bapp%3D%22cart%22%7D&line=old');
    renderDetails(record(100));
    fireEvent.click(screen.getByTestId(testIds.detailsCopyLine));
    await screen.findByText('Copied');
    expect(writeText).toHaveBeenLastCalledWith('line 100');
    fireEvent.click(screen.getByTestId(testIds.detailsCopyLink));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    const link = new URL(String(writeText.mock.lastCall?.at(0)));
    expect(link.searchParams.get('line')).toBe('s-100');
    expect(link.searchParams.get('q')).toBe('{app="cart"}');
  });

  it('shows the context around the record, loads more each way, the stream named', async () => {
    renderDetails(record(100));
    fireEvent.click(screen.getByTestId(testIds.showContext));
    const view = await screen.findByTestId(testIds.contextView);
    expect(within(view).getByText('{app="cart", pod="cart-1"}')).toBeTruthy();
    await waitFor(() => expect(within(view).getAllByTestId(testIds.contextLine)).toHaveLength(50));
    const rows = within(view).getAllByRole('listitem');
    expect(rows[25]?.getAttribute('data-testid')).toBe(testIds.contextRecord);
    expect(asked[0]).toMatchObject({ datasource: 'local', before: 25, after: 25 });
    expect(asked[0]?.record).toEqual({
      id: 's-100',
      ts: record(100).ts,
      labels: record(100).labels,
      fields: record(100).fields,
    });

    fireEvent.click(within(view).getByTestId(testIds.contextMoreBefore));
    await waitFor(() => expect(within(view).getAllByTestId(testIds.contextLine)).toHaveLength(75));
    expect(asked.at(-1)).toMatchObject({ before: 50, after: 25 });
    fireEvent.click(within(view).getByTestId(testIds.contextMoreAfter));
    // The fake stream ends 30 lines after: no more to load that way.
    await waitFor(() => expect(within(view).getAllByTestId(testIds.contextLine)).toHaveLength(80));
    expect(within(view).queryByTestId(testIds.contextMoreAfter)).toBeNull();
  });

  it('shows a context error in place, and no button where the datasource has no context', async () => {
    renderDetails(record(999));
    fireEvent.click(screen.getByTestId(testIds.showContext));
    expect((await screen.findByRole('alert')).textContent).toBe('Loki is down');
    cleanup();
    renderDetails(record(1), { contextFrom: undefined });
    expect(screen.queryByTestId(testIds.showContext)).toBeNull();
  });

  it('reads the context of the whole record where the list row is partial (CloudWatch)', async () => {
    renderDetails({ ...record(100), labels: { '@log': '1:/g' } }, { fetchFrom: 'cw' });
    fireEvent.click(screen.getByTestId(testIds.showContext));
    await screen.findByText('{@log="1:/g", @logStream="s1"}');
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]?.record.labels).toEqual({ '@log': '1:/g', '@logStream': 's1' });
  });

  it('shows JSON indented and a 1 MB line cut at 10,000 characters until asked', () => {
    renderDetails(record(1, '{"msg":"hi","n":1}'));
    expect(screen.getByTestId(testIds.logDetails).querySelector('pre')?.textContent).toBe(
      '{\n  "msg": "hi",\n  "n": 1\n}',
    );
    cleanup();
    const started = performance.now();
    renderDetails(record(2, 'x'.repeat(1_000_000)));
    const pre = () => screen.getByTestId(testIds.logDetails).querySelector('pre');
    expect(pre()?.textContent).toHaveLength(10_001);
    expect(performance.now() - started).toBeLessThan(1_000);
    fireEvent.click(screen.getByTestId(testIds.detailsShowAll));
    expect(pre()?.textContent).toHaveLength(1_000_000);
  });
});
