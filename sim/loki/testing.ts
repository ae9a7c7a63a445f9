import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { shapeGaps, type Shape } from '../shape';

/** Objects under these keys are label sets: their keys vary, their values are strings. */
const LABEL_SETS = new Set(['stream', 'metric', 'labels', 'structuredMetadata', 'parsed']);

/** The keys and value types of a JSON value; an array by its elements' shapes. */
export function shapeOf(value: unknown, key = ''): Shape {
  if (Array.isArray(value)) {
    // The metadata endpoints answer `data: [...]`; /series lists label sets there.
    const shapes = value.map((v) => shapeOf(v, key === 'data' ? 'labels' : ''));
    const distinct = new Map(shapes.map((s) => [JSON.stringify(s), s]));
    return [...distinct.values()];
  }
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  if (LABEL_SETS.has(key)) {
    const allStrings = Object.values(value).every((v) => typeof v === 'string');
    return allStrings ? 'labels' : 'labels with non-string values';
  }
  const out: { [key: string]: Shape } = {};
  for (const [k, v] of Object.entries(value)) out[k] = shapeOf(v, k);
  return out;
}

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
}

/**
 * The simulator's answer has at least the fixture's keys, with the same JSON types. Grafana's
 * fixtures carry the stats of older Loki versions: `withStats = false` leaves those out.
 */
export function expectShapeLike(actual: unknown, fixtureName: string, withStats = true): void {
  const expected = fixture(fixtureName) as { data?: { stats?: unknown } };
  if (!withStats) delete expected.data?.stats;
  expect(shapeGaps(shapeOf(expected), shapeOf(actual))).toEqual([]);
}

export async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  return res.json();
}

export async function getError(url: string, init?: RequestInit): Promise<[number, string]> {
  const res = await fetch(url, init);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  return [res.status, await res.text()];
}

/** Epoch nanoseconds of an ISO time, as a decimal string. */
export function ns(iso: string, extraNs = 0): string {
  return (BigInt(Date.parse(iso)) * 1_000_000n + BigInt(extraNs)).toString();
}
