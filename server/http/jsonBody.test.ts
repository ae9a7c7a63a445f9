import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './jsonBody';

const refusal = (text: string): string => {
  try {
    parseJsonBody(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('parseJsonBody', () => {
  it('takes an empty body as no body, and plain JSON as it is', () => {
    expect(parseJsonBody('')).toBeUndefined();
    expect(parseJsonBody('{"a":[1,{"constructor":"x"}]}')).toEqual({
      a: [1, { constructor: 'x' }],
    });
  });

  it.each([
    ['{"__proto__":{"polluted":1}}', 'the top'],
    ['{"a":[{"b":{"__proto__":{}}}]}', 'a.0.b'],
    ['{"a":{"\\u005f_proto__":{}}}', 'a'],
    ['{"constructor":{"prototype":{"polluted":1}}}', 'the top'],
  ])('refuses %s by name, saying where', (text, where) => {
    const message = refusal(text);
    expect(message).toMatch(/"(__proto__|constructor\.prototype)" key/);
    expect(message).toContain(`(in ${where})`);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('walks 10,000 levels of nesting without overflowing', () => {
    const deep = `${'{"a":'.repeat(10_000)}{"__proto__":1}${'}'.repeat(10_000)}`;
    expect(refusal(deep)).toContain('"__proto__" key');
    expect(refusal('{"a":')).toMatch(/^the request body is not valid JSON: /);
  });
});
