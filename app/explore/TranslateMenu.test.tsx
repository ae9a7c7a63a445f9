// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogsiftError, type Language, type TranslateRequest } from '../../model';
import { translateQuery } from '../../query/translate';
import { testIds } from '../testIds';
import { TranslateMenu } from './TranslateMenu';

// The real translations of query/, as the server answers them.
const server = setupServer(
  http.post('*/api/v1/translate', async ({ request }) => {
    const body = (await request.json()) as TranslateRequest;
    try {
      return HttpResponse.json({ query: translateQuery(body.language, body.query, body.to) });
    } catch (error) {
      if (!(error instanceof LogsiftError)) throw error;
      return HttpResponse.json({ error: error.toBody() }, { status: 400 });
    }
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(cleanup);
afterAll(() => server.close());

function renderMenu(language: Language, query: string, onUse = vi.fn()) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <TranslateMenu language={language} query={query} targets={['logql', 'kql']} onUse={onUse} />
    </QueryClientProvider>,
  );
  fireEvent.click(screen.getByTestId(testIds.translate));
  return onUse;
}

const row = (language: Language) =>
  screen.getAllByTestId(testIds.translation).find((r) => r.dataset['language'] === language);

describe('TranslateMenu', () => {
  it('shows the query in the three languages, each to copy or use', async () => {
    const onUse = renderMenu('kql', 'namespace:"shop" and message:"timeout"');
    await waitFor(() =>
      expect(row('logql')?.textContent).toContain('{namespace="shop"} |= "timeout"'),
    );
    await waitFor(() =>
      expect(row('insights')?.textContent).toContain('kubernetes.namespace_name = "shop"'),
    );
    expect(row('kql')?.textContent).toContain('current');
    const use = row('logql')?.querySelector('button:last-child');
    expect(use?.textContent).toBe('Use');
    fireEvent.click(use as Element);
    expect(onUse).toHaveBeenCalledWith('logql', '{namespace="shop"} |= "timeout"');
  });

  it('names and marks the part of the query that has no equivalent', async () => {
    renderMenu('insights', 'filter kubernetes.pod_name = "web" | stats count(*) by bin(5m)');
    await waitFor(() => expect(row('logql')?.textContent).toContain('No LogQL equivalent'));
    const mark = row('logql')?.querySelector(`[data-testid="${testIds.translationMark}"]`);
    expect(mark?.textContent).toBe('stats count(*) by bin(5m)');
    expect(row('logql')?.querySelector('button')).toBeNull();
  });
});
