// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogRecord } from '../../../model';
import { testIds } from '../../testIds';
import { LogList } from './LogList';

const NO_HIGHLIGHT = { terms: [], ignoreCase: false };

function record(i: number, line: string, source = 'local'): LogRecord {
  return {
    id: `r-${i}`,
    ts: String(1795561855000000000n - BigInt(i) * 1_000_000_000n),
    line,
    labels: { namespace: i % 2 ? 'shop' : 'payments' },
    fields: { status: String(200 + i) },
    level: 'info',
    source,
  };
}

const records = Array.from({ length: 50 }, (_, i) => record(i, `GET /cart/${i} took ${i}ms`));

afterEach(cleanup);
beforeEach(() => localStorage.clear());

const rows = () => screen.getAllByTestId(testIds.logRow);
const list = () => screen.getByTestId(testIds.logList);

describe('LogList', () => {
  it('is a listbox of options that know their place in the whole list', () => {
    render(
      <LogList
        records={records}
        selectedId={undefined}
        highlight={NO_HIGHLIGHT}
        onSelect={() => {}}
      />,
    );
    expect(list().getAttribute('role')).toBe('listbox');
    // jsdom lays nothing out: only the overscan rows are drawn, not all 50.
    expect(rows().length).toBeLessThan(records.length);
    expect(rows()[2]?.getAttribute('aria-posinset')).toBe('3');
    expect(rows()[2]?.getAttribute('aria-setsize')).toBe('50');
  });

  it('moves the active row with keys, opens it with Enter, and clears with Escape', () => {
    const onSelect = vi.fn();
    render(
      <LogList
        records={records}
        selectedId={undefined}
        highlight={NO_HIGHLIGHT}
        onSelect={onSelect}
      />,
    );
    list().focus();
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    const active = list().getAttribute('aria-activedescendant') ?? '';
    expect(document.getElementById(active)?.dataset.id).toBe('r-1');
    fireEvent.keyDown(list(), { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith('r-1');
    fireEvent.keyDown(list(), { key: 'Home' });
    fireEvent.keyDown(list(), { key: ' ' });
    expect(onSelect).toHaveBeenLastCalledWith('r-0');
    fireEvent.keyDown(list(), { key: 'Escape' });
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
    expect(list().getAttribute('aria-activedescendant')).toBeNull();
  });

  it('folds duplicates with a count, reverses the order, and remembers both', () => {
    const repeated = [
      record(0, 'GET /cart took 3ms'),
      record(1, 'GET /cart took 12ms'),
      record(2, 'GET /cart took 7ms'),
      record(3, 'POST /pay failed'),
    ];
    const { unmount } = render(
      <LogList
        records={repeated}
        selectedId={undefined}
        highlight={NO_HIGHLIGHT}
        onSelect={() => {}}
      />,
    );
    fireEvent.change(screen.getByTestId(testIds.logDedup), { target: { value: 'numbers' } });
    expect(rows()).toHaveLength(2);
    expect(within(rows()[0]!).getByTestId(testIds.logDupCount).textContent).toBe('×3');
    fireEvent.change(screen.getByTestId(testIds.logOrder), { target: { value: 'oldest' } });
    expect(rows().map((r) => r.dataset.id)).toEqual(['r-3', 'r-2']);
    unmount();
    render(
      <LogList
        records={repeated}
        selectedId={undefined}
        highlight={NO_HIGHLIGHT}
        onSelect={() => {}}
      />,
    );
    expect(rows().map((r) => r.dataset.id)).toEqual(['r-3', 'r-2']);
  });

  it('shows chosen fields as columns, a source column for mixed answers, and removes columns', () => {
    const onToggleColumn = vi.fn();
    const mixed = [record(0, 'a', 'loki'), record(1, 'b', 'es')];
    render(
      <LogList
        records={mixed}
        selectedId={undefined}
        highlight={NO_HIGHLIGHT}
        onSelect={() => {}}
        columns={['status']}
        onToggleColumn={onToggleColumn}
      />,
    );
    const header = screen.getByTestId(testIds.logHeader);
    expect(
      within(header)
        .getAllByTestId(testIds.logColumn)
        .map((c) => c.textContent),
    ).toEqual(['source', 'status×']);
    expect(rows()[0]?.textContent).toContain('loki');
    expect(rows()[1]?.textContent).toContain('201');
    fireEvent.click(screen.getByRole('button', { name: 'Remove column status' }));
    expect(onToggleColumn).toHaveBeenCalledWith('status');
  });

  it('marks the linked line and draws control characters visibly', () => {
    const lines = [record(0, 'bell\u0007 and tab\tkept'), record(1, 'other')];
    render(
      <LogList
        records={lines}
        selectedId="r-0"
        linkedId="r-0"
        highlight={NO_HIGHLIGHT}
        onSelect={() => {}}
      />,
    );
    expect(rows()[0]?.className).toContain('linked');
    expect(rows()[0]?.getAttribute('aria-selected')).toBe('true');
    expect(rows()[0]?.textContent).toContain('bell␇ and tab\tkept');
  });

  it('keeps the lines in view still when newer ones arrive above, unless at the very top', () => {
    const props = { selectedId: undefined, highlight: NO_HIGHLIGHT, onSelect: () => {} };
    const older = records.slice(5);
    const { rerender } = render(<LogList records={older} {...props} />);
    list().scrollTop = 220;
    fireEvent.scroll(list());
    rerender(<LogList records={records} {...props} />);
    // Five rows of 22 px arrived above: the view moves down with them.
    expect(list().scrollTop).toBe(220 + 5 * 22);
    const newer = [record(90, 'newest'), ...records];
    list().scrollTop = 0;
    fireEvent.scroll(list());
    rerender(<LogList records={newer} {...props} />);
    expect(list().scrollTop).toBe(0);
  });

  it('tells a tail when the reader leaves the bottom and comes back', () => {
    const onStickChange = vi.fn();
    render(
      <LogList
        records={records}
        selectedId={undefined}
        highlight={NO_HIGHLIGHT}
        onSelect={() => {}}
        stickToBottom
        onStickChange={onStickChange}
      />,
    );
    list().scrollTop = 100;
    fireEvent.scroll(list());
    expect(onStickChange).toHaveBeenLastCalledWith(false);
    list().scrollTop = records.length * 22;
    fireEvent.scroll(list());
    expect(onStickChange).toHaveBeenLastCalledWith(true);
    expect(onStickChange).toHaveBeenCalledTimes(2);
  });
});
