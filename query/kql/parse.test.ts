import { describe, expect, it } from 'vitest';
import { LogsiftError } from '../../model';
import type { FilterExpr } from '../ir';
import { parseKQL } from './parse';

/** The tree without positions, to compare shapes. */
function shape(text: string): unknown {
  return JSON.parse(JSON.stringify(parseKQL(text).filter, (k, v) => (k === 'pos' ? undefined : v)));
}

function failure(text: string): { message: string; marked: string; from: number } {
  try {
    parseKQL(text);
  } catch (error) {
    if (!(error instanceof LogsiftError)) throw error;
    const { from, to } = error.position ?? { from: -1, to: -1 };
    expect(error.code).toBe('bad_query');
    return { message: error.message, marked: text.slice(from, to), from };
  }
  throw new Error(`expected ${text} to fail`);
}

const f = (name: string) => ({ name, wildcard: false });
const lit = (value: string | boolean | null) => ({ kind: 'literal', value });
const is = (field: string | null, value: unknown) => ({
  kind: 'is',
  field: field === null ? null : f(field),
  value,
});

describe('parseKQL', () => {
  it('gives null for the empty query and whitespace', () => {
    expect(parseKQL('').filter).toBeNull();
    expect(parseKQL('  \n\u00a0').filter).toBeNull();
  });

  it('binds not tighter than and, and tighter than or', () => {
    expect(shape('a:1 or b:2 and not c:3')).toEqual({
      kind: 'or',
      operands: [
        is('a', lit('1')),
        { kind: 'and', operands: [is('b', lit('2')), { kind: 'not', operand: is('c', lit('3')) }] },
      ],
    });
    expect(shape('(a or b) and c')).toEqual({
      kind: 'and',
      operands: [
        { kind: 'or', operands: [is(null, lit('a')), is(null, lit('b'))] },
        is(null, lit('c')),
      ],
    });
  });

  it('keeps chains flat, as Kibana lists its and/or arguments', () => {
    expect(shape('a and b and c')).toEqual({
      kind: 'and',
      operands: [is(null, lit('a')), is(null, lit('b')), is(null, lit('c'))],
    });
  });

  it('reads keywords in any case, only between whitespace', () => {
    expect(shape('a OR b AnD NOT c')).toEqual(shape('a or b and not c'));
    expect(shape('a orb')).toEqual(is(null, lit('a orb')));
    expect(shape('x and')).toEqual(is(null, lit('x and')));
    expect(shape('foo: or bar')).toEqual(is('foo', lit('or bar')));
    expect(failure('(a)or(b)').marked).toBe('or');
  });

  it('keeps inner whitespace of unquoted values and trims the ends', () => {
    expect(shape('message:  hello   world  ')).toEqual(is('message', lit('hello   world')));
  });

  it('decodes escapes in quoted phrases', () => {
    const value = '"a \\" \\\\ \\t\\r\\n \\u0041 \\d"';
    expect(shape(value)).toEqual(is(null, { kind: 'phrase', value: 'a " \\ \t\r\n A \\d' }));
  });

  it('decodes escapes in unquoted literals, escaped * is not a wildcard', () => {
    expect(shape('foo\\:bar\\(\\)\\<\\>\\"\\{\\}\\\\')).toEqual(is(null, lit('foo:bar()<>"{}\\')));
    expect(shape('a\\*b')).toEqual(is(null, lit('a*b')));
    expect(shape('\\or \\AND \\u00e9')).toEqual(is(null, lit('or AND é')));
    // Escaped whitespace comes first in Kibana's order: \not is a newline and "ot".
    expect(shape('x\\not')).toEqual(is(null, lit('x\not')));
  });

  it('types null, true and false only when unquoted', () => {
    expect(shape('a:null or b:true or c:false or d:"true"')).toEqual({
      kind: 'or',
      operands: [
        is('a', lit(null)),
        is('b', lit(true)),
        is('c', lit(false)),
        is('d', { kind: 'phrase', value: 'true' }),
      ],
    });
  });

  it('reads wildcards, exists and match-all', () => {
    expect(shape('f:ab*c*')).toEqual(is('f', { kind: 'wildcard', parts: ['ab', 'c', ''] }));
    expect(shape('f:*')).toEqual({ kind: 'exists', field: f('f') });
    expect(shape('*:*')).toEqual({ kind: 'all' });
    expect(shape('ext*:jpg')).toEqual({
      kind: 'is',
      field: { name: 'ext*', wildcard: true },
      value: lit('jpg'),
    });
  });

  it('reads ranges with and without spaces', () => {
    const ops = ['<', '<=', '>', '>='].map((op) => (shape(`bytes ${op} 10`) as { op: string }).op);
    expect(ops).toEqual(['lt', 'lte', 'gt', 'gte']);
    expect(shape('bytes>=10')).toEqual(shape('bytes >= 10'));
  });

  it('distributes the field over a value list', () => {
    expect(shape('f:(a or b and not c)')).toEqual({
      kind: 'or',
      operands: [
        is('f', lit('a')),
        { kind: 'and', operands: [is('f', lit('b')), { kind: 'not', operand: is('f', lit('c')) }] },
      ],
    });
    expect(shape('f:(a or (b))')).toEqual({
      kind: 'or',
      operands: [is('f', lit('a')), is('f', lit('b'))],
    });
  });

  it('reads nested queries, which compose', () => {
    expect(shape('p:{ x:1 and q:{ y > 2 } }')).toEqual({
      kind: 'nested',
      path: 'p',
      expr: {
        kind: 'and',
        operands: [
          is('x', lit('1')),
          {
            kind: 'nested',
            path: 'q',
            expr: { kind: 'range', field: f('y'), op: 'gt', value: lit('2') },
          },
        ],
      },
    });
  });

  it('keeps positions of every node', () => {
    const filter = parseKQL('a:1 or not b:"x"').filter as Extract<
      FilterExpr,
      { operands: unknown }
    >;
    expect(filter.pos).toEqual({ from: 0, to: 16 });
    expect(filter.operands.map((o) => o.pos)).toEqual([
      { from: 0, to: 3 },
      { from: 7, to: 16 },
    ]);
  });

  it('reports mistakes as Kibana does, at the right place', () => {
    expect(failure('response:')).toMatchObject({
      message: 'Expected "(", "{", value but end of input found.',
      from: 9,
    });
    expect(failure('response:200 or ').message).toBe(
      'Expected "(", NOT, field name, value but end of input found.',
    );
    expect(failure('response:(200 or )')).toMatchObject({
      message: 'Expected "(", NOT, value but ")" found.',
      marked: ')',
    });
    expect(failure('response:200 and not ').message).toBe(
      'Expected "(", field name, value but end of input found.',
    );
    expect(failure('response:(200 and not )').message).toBe('Expected "(", value but ")" found.');
    expect(failure('foo:"ba "r"')).toMatchObject({
      message: 'Expected AND, OR, end of input but "r" found.',
      from: 9,
    });
    expect(failure('foo:ba:r')).toMatchObject({ marked: ':', from: 6 });
    expect(failure('foo > ').message).toBe('Expected literal but end of input found.');
    expect(failure('< 1000')).toMatchObject({ marked: '<', from: 0 });
    expect(failure('a:{b:1').message).toBe('Expected AND, OR, "}" but end of input found.');
  });

  it('names an unclosed phrase and a bad escape', () => {
    expect(failure('foo:"ba ')).toMatchObject({
      message: expect.stringMatching(/closing quote/),
      marked: '"ba ',
    });
    expect(failure('foo\\bar').message).toMatch(/backslash escapes only/);
  });

  it('refuses what Kibana refuses: not not, a word ending in "not" before a space', () => {
    expect(failure('not not a').marked).toBe('not');
    expect(failure('cannot x')).toMatchObject({ marked: 'not', from: 3 });
  });
});
