import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LogsiftError } from '../../model';
import { handleError, parseWith } from './errors';

describe('handleError', () => {
  it('answers LogsiftError by its code and anything else as a bare 500', async () => {
    const app = Fastify();
    app.setErrorHandler(handleError);
    app.get('/bad', () => {
      throw new LogsiftError('bad_query', 'unexpected "}"', { from: 3, to: 4 });
    });
    app.get('/slow', () => {
      throw new LogsiftError('timeout', 'loki did not answer within 30000 ms');
    });
    app.get('/bug', () => {
      throw new Error('connect ECONNREFUSED with password=hunter2');
    });
    const bad = await app.inject('/bad');
    expect([bad.statusCode, bad.json()]).toEqual([
      400,
      { error: { code: 'bad_query', message: 'unexpected "}"', position: { from: 3, to: 4 } } },
    ]);
    expect((await app.inject('/slow')).statusCode).toBe(504);
    const bug = await app.inject('/bug');
    expect(bug.statusCode).toBe(500);
    expect(bug.json()).toEqual({
      error: { code: 'internal', message: 'internal error; the server log has the details' },
    });
    expect(bug.body).not.toMatch(/hunter2|at /);
    await app.close();
  });
});

describe('parseWith', () => {
  it('names every wrong field, and the whole value when it is wrong as a whole', () => {
    const schema = z.strictObject({ limit: z.number().max(10), query: z.string() });
    expect(() => parseWith(schema, { limit: 11, query: 1 })).toThrow(
      /^limit: Too big: expected number to be <=10; query: Invalid input: expected string, received number$/,
    );
    expect(() => parseWith(schema, null, 'first message')).toThrow(/^first message: /);
  });
});
