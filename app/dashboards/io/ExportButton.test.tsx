// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DASHBOARD_EXPORT_SCHEMA, type Dashboard } from '../../../model';
import { testIds } from '../../testIds';
import { ExportButton } from './ExportButton';

const dashboard: Dashboard = {
  id: 'Zq3x9PbXk2mN7vR1tY8wAa',
  version: 4,
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-21T09:00:00.000Z',
  owner: 'anonymous',
  sharing: { kind: 'public', canEdit: true },
  access: 'owner',
  title: 'Checkout / errors: 5xx',
  description: '',
  range: { from: 'now-1h', to: 'now' },
  refreshMs: null,
  variables: [],
  panels: [],
  links: [],
};
const exported = {
  schema: DASHBOARD_EXPORT_SCHEMA,
  schemaVersion: 1,
  dashboard: { title: dashboard.title, description: '', range: dashboard.range, panels: [] },
};

const server = setupServer(
  http.get(`*/api/v1/dashboards/${dashboard.id}/export`, () => HttpResponse.json(exported)),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const blobText = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });

describe('ExportButton', () => {
  it('downloads the server’s export as <title>.json through a temporary link', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:export';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: { download: string; href: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ download: this.download, href: this.href, attached: this.isConnected });
    });
    render(<ExportButton dashboard={dashboard} />);
    fireEvent.click(screen.getByTestId(testIds.dashboardExport));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]).toEqual({
      download: 'Checkout - errors- 5xx.json',
      href: 'blob:export',
      attached: true,
    });
    expect(document.querySelector('a[download]')).toBeNull();
    expect(blobs[0]?.type).toBe('application/json');
    expect(JSON.parse(await blobText(blobs[0]!))).toEqual(exported);
  });
});
