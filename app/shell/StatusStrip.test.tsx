// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../model';
import { testIds } from '../testIds';
import { StatusStrip } from './StatusStrip';

let answer: () => Response;
const server = setupServer(http.get('*/api/v1/status', () => answer()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cleanup());
afterAll(() => server.close());

// The problems as server/faults.test.ts sees the real server report a dead Loki and a data
// directory it cannot write.
const degraded: StatusResponse = {
  status: 'degraded',
  problems: [
    {
      component: 'datasource',
      id: 'loki',
      name: 'Cluster Loki',
      message: 'cannot reach Loki: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:3100',
    },
    {
      component: 'storage',
      driver: 'sqlite',
      message:
        'saved objects are unavailable: cannot open /data/logsift.db: unable to open database file; the data directory /data is not writable (EROFS)',
    },
  ],
};

function show() {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <p>page</p>
      <StatusStrip />
    </QueryClientProvider>,
  );
  return client;
}

describe('status strip', () => {
  it('says in one line each what is degraded and what still works', async () => {
    answer = () => HttpResponse.json(degraded);
    show();
    const strip = await screen.findByTestId(testIds.statusStrip);
    expect([...strip.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'Datasource Cluster Loki is not answering: cannot reach Loki: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:3100. Other datasources keep working.',
      'Saved queries and dashboards are unavailable: cannot open /data/logsift.db: unable to open database file; the data directory /data is not writable (EROFS). Explore still works.',
    ]);
    expect(strip.getAttribute('role')).toBe('status');
  });

  it('is not there when all is well, and goes once the problem is gone', async () => {
    answer = () => HttpResponse.json(degraded);
    const client = show();
    await screen.findByTestId(testIds.statusStrip);
    answer = () => HttpResponse.json({ status: 'ok', problems: [] });
    await client.refetchQueries({ queryKey: ['status'] });
    await waitFor(() => expect(screen.queryByTestId(testIds.statusStrip)).toBeNull());
    expect(screen.getByText('page')).toBeTruthy();
  });

  it('says so when the server does not answer at all, but leaves a refusal to the page', async () => {
    answer = () => HttpResponse.error();
    const client = show();
    expect((await screen.findByTestId(testIds.statusStrip)).textContent).toMatch(
      /^The Logsift server is not answering: /,
    );
    answer = () =>
      HttpResponse.json({ error: { code: 'unauthorized', message: 'sign in' } }, { status: 401 });
    await client.refetchQueries({ queryKey: ['status'] });
    await waitFor(() => expect(screen.queryByTestId(testIds.statusStrip)).toBeNull());
  });
});
