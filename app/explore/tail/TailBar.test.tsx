// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testIds } from '../../testIds';
import { TailBar } from './TailBar';
import { TailController } from './tailController';
import type { TailState } from './useTail';

afterEach(cleanup);

function state(tail: TailController, now: number, calls: string[]): TailState {
  return {
    ...tail.view(now),
    connected: true,
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    clear: () => calls.push('clear'),
  };
}

const records = (n: number) => ({
  type: 'records' as const,
  records: Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    ts: String(1_700_000_000_000_000_000n + BigInt(i)),
    line: `GET /api/cart ${i}`,
    labels: {},
    fields: {},
    level: 'info' as const,
    source: 'local',
  })),
});

describe('TailBar', () => {
  it('shows the rate and offers Pause while running', () => {
    const tail = new TailController(0);
    tail.receive(records(4_000), 500);
    const calls: string[] = [];
    render(<TailBar tail={state(tail, 2_000, calls)} />);
    expect(screen.getByTestId(testIds.tailRate).textContent).toBe('2,000 lines/s');
    fireEvent.click(screen.getByTestId(testIds.tailPause));
    fireEvent.click(screen.getByTestId(testIds.tailClear));
    expect(calls).toEqual(['pause', 'clear']);
    expect(screen.queryByTestId(testIds.tailPending)).toBeNull();
  });

  it('counts held lines while paused, offers Resume, and says what was dropped', () => {
    const tail = new TailController(0);
    tail.pause();
    tail.receive(records(1_234), 100);
    tail.receive({ type: 'dropped', count: 56 }, 200);
    const calls: string[] = [];
    render(<TailBar tail={state(tail, 1_000, calls)} following={false} />);
    expect(screen.getByTestId(testIds.tailPending).textContent).toBe('Paused · 1,234 new');
    expect(screen.getByTestId(testIds.tailDropped).textContent).toContain('dropped 56 lines');
    expect(screen.getByTestId(testIds.tailPause).textContent).toContain('Resume');
    fireEvent.click(screen.getByTestId(testIds.tailPause));
    expect(calls).toEqual(['resume']);
  });
});
