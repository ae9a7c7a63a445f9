import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { shapeGaps, type Shape } from '../shape';

/** The keys and value types of a JSON value; an array by its first element's shape. */
export function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const out: { [key: string]: Shape } = {};
  for (const [k, v] of Object.entries(value)) out[k] = shapeOf(v);
  return out;
}

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as T;
}

export function expectShape(actual: unknown, expected: unknown): void {
  expect(shapeGaps(shapeOf(expected), shapeOf(actual))).toEqual([]);
}

export type Json = Record<string, unknown>;

export async function call(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json; headers: Headers }> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
}

/** A search that must succeed; its hits and aggregations. */
export async function searchOk(base: string, target: string, body: unknown): Promise<Json> {
  const { status, json } = await call(`${base}/${target}/_search`, 'POST', body);
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
}

export function hitIds(answer: Json): string[] {
  return ((answer.hits as Json).hits as Json[]).map((h) => String(h._id));
}

export function total(answer: Json): number {
  return ((answer.hits as Json).total as { value: number }).value;
}

/** The first search answer of an `_msearch` fixture, without its msearch-only `status`. */
export function searchFixture(name: string): Json {
  const answer = { ...(fixture<{ responses: Json[] }>(name).responses[0] as Json) };
  delete answer.status;
  return answer;
}
