// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testIds } from '../testIds';
import { RefreshPicker } from './RefreshPicker';

afterEach(cleanup);

const options = () =>
  [...(screen.getByTestId(testIds.dashboardRefreshPicker) as HTMLSelectElement).options].map(
    (o) => o.textContent,
  );

describe('RefreshPicker', () => {
  it('offers no interval below the server minimum', () => {
    render(
      <RefreshPicker
        refreshMs={null}
        minRefreshMs={60_000}
        busy={false}
        onRefresh={() => undefined}
        onChange={() => undefined}
      />,
    );
    expect(options()).toEqual(['Off', '1m', '5m', '15m', '1h']);
  });

  it('offers every interval at the default 10 s minimum, and reports a choice in ms', () => {
    const onChange = vi.fn();
    render(
      <RefreshPicker
        refreshMs={30_000}
        minRefreshMs={10_000}
        busy={false}
        onRefresh={() => undefined}
        onChange={onChange}
      />,
    );
    expect(options()).toEqual(['Off', '10s', '30s', '1m', '5m', '15m', '1h']);
    fireEvent.change(screen.getByTestId(testIds.dashboardRefreshPicker), {
      target: { value: '300000' },
    });
    fireEvent.change(screen.getByTestId(testIds.dashboardRefreshPicker), {
      target: { value: 'off' },
    });
    expect(onChange.mock.calls).toEqual([[300_000], [null]]);
  });
});
