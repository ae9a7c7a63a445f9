import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLokiSim, type LokiSim } from './index';
import { getError } from './testing';

let sim: LokiSim;

beforeAll(async () => {
  sim = await startLokiSim({ sampleScale: 0, replay: false });
});
afterAll(() => sim.close());

const labels = () => fetch(`${sim.url}/loki/api/v1/labels`);

describe('faults', () => {
  it.each([500, 502, 503, 504])('answers %i with a text body while set', async (status) => {
    sim.setFault({ status, body: `fault ${status}` });
    expect(await getError(`${sim.url}/loki/api/v1/labels`)).toEqual([status, `fault ${status}\n`]);
    sim.setFault(undefined);
    expect((await labels()).status).toBe(200);
  });

  it('applies to the given path prefixes only', async () => {
    sim.setFault({ status: 503, paths: ['/loki/api/v1/query'] });
    expect((await fetch(`${sim.url}/loki/api/v1/query_range?query={a="b"}`)).status).toBe(503);
    expect((await labels()).status).toBe(200);
    sim.setFault(undefined);
  });

  it('delays, so clients can time out', async () => {
    sim.setFault({ delayMs: 300 });
    const started = Date.now();
    expect((await labels()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await expect(
      fetch(`${sim.url}/loki/api/v1/labels`, { signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
    sim.setFault(undefined);
  });
});

describe('recorded requests', () => {
  it('keeps method, path, parameters and headers of every request', async () => {
    sim.requests.length = 0;
    const search = new URLSearchParams([
      ['match[]', '{a="1"}'],
      ['match[]', '{b="2"}'],
    ]);
    await fetch(`${sim.url}/loki/api/v1/series?${search.toString()}`, {
      headers: { 'X-Scope-OrgID': 'team-a', Authorization: 'Basic dTpw', 'X-Custom': 'yes' },
    });
    await fetch(`${sim.url}/loki/api/v1/query_range`, {
      method: 'POST',
      body: new URLSearchParams({ query: '{a="1"}' }),
    });
    expect(sim.requests).toHaveLength(2);
    expect(sim.requests[0]).toMatchObject({
      method: 'GET',
      path: '/loki/api/v1/series',
      params: { 'match[]': ['{a="1"}', '{b="2"}'] },
      headers: { 'x-scope-orgid': 'team-a', authorization: 'Basic dTpw', 'x-custom': 'yes' },
    });
    expect(sim.requests[1]).toMatchObject({ method: 'POST', params: { query: ['{a="1"}'] } });
  });
});
