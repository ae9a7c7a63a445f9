import { describe, expect, it } from 'vitest';
import { isMoveKey, moveActive, scrollToShow } from './keyboard';

describe('moveActive', () => {
  it('moves by a row, a page, and to the ends, clamped', () => {
    expect(moveActive(5, 'ArrowDown', 100, 20)).toBe(6);
    expect(moveActive(5, 'ArrowUp', 100, 20)).toBe(4);
    expect(moveActive(0, 'ArrowUp', 100, 20)).toBe(0);
    expect(moveActive(99, 'ArrowDown', 100, 20)).toBe(99);
    expect(moveActive(5, 'PageDown', 100, 20)).toBe(24);
    expect(moveActive(5, 'PageUp', 100, 20)).toBe(0);
    expect(moveActive(90, 'PageDown', 100, 20)).toBe(99);
    expect(moveActive(50, 'Home', 100, 20)).toBe(0);
    expect(moveActive(50, 'End', 100, 20)).toBe(99);
  });

  it('starts at an end when no row is active, and does nothing on an empty list', () => {
    expect(moveActive(undefined, 'ArrowDown', 10, 5)).toBe(0);
    expect(moveActive(undefined, 'End', 10, 5)).toBe(9);
    expect(moveActive(undefined, 'ArrowUp', 10, 5)).toBe(9);
    expect(moveActive(3, 'ArrowDown', 0, 5)).toBeUndefined();
  });

  it('knows its keys', () => {
    expect(isMoveKey('PageDown')).toBe(true);
    expect(isMoveKey('Enter')).toBe(false);
  });
});

describe('scrollToShow', () => {
  it('scrolls up or down just enough, or not at all', () => {
    expect(scrollToShow(100, 22, 200, 400)).toBe(100);
    expect(scrollToShow(700, 22, 200, 400)).toBe(322);
    expect(scrollToShow(300, 22, 200, 400)).toBeUndefined();
  });
});
