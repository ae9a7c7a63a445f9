import { describe, expect, it } from 'vitest';
import { kqlSituationAt } from './kqlSituation';

const at = (text: string) => kqlSituationAt(text.replace('¦', ''), text.indexOf('¦'));

describe('kqlSituationAt', () => {
  it('offers fields at the start of a clause: the query, after and/or/not, in a group', () => {
    expect(at('¦')).toEqual({ type: 'FIELD', from: 0 });
    expect(at('names¦')).toEqual({ type: 'FIELD', from: 0 });
    expect(at('a:b and ¦')).toEqual({ type: 'FIELD', from: 8 });
    expect(at('a:b or not kube¦')).toEqual({ type: 'FIELD', from: 11 });
    expect(at('(¦')).toEqual({ type: 'FIELD', from: 1 });
    expect(at('a:b AND (x:y OR po¦')).toEqual({ type: 'FIELD', from: 16 });
  });

  it('offers values after field:, inside a value list, and inside an open quote', () => {
    expect(at('namespace:¦')).toEqual({
      type: 'VALUE',
      from: 10,
      field: 'namespace',
      quoted: false,
    });
    expect(at('namespace : pa¦')).toEqual({
      type: 'VALUE',
      from: 12,
      field: 'namespace',
      quoted: false,
    });
    expect(at('level:info and namespace:"pay¦')).toEqual({
      type: 'VALUE',
      from: 26,
      field: 'namespace',
      quoted: true,
    });
    expect(at('namespace:(shop or ¦')).toEqual({
      type: 'VALUE',
      from: 19,
      field: 'namespace',
      quoted: false,
    });
    expect(at('namespace:(shop or "pa¦')).toMatchObject({ type: 'VALUE', field: 'namespace' });
    expect(at('"my field":¦')).toMatchObject({ type: 'VALUE', field: 'my field' });
    expect(at('kubernetes\\.pod:¦')).toMatchObject({ type: 'VALUE', field: 'kubernetes.pod' });
  });

  it('offers and/or after a whole clause and a space, also while the keyword is typed', () => {
    expect(at('namespace:shop ¦')).toEqual({ type: 'OPERATOR', from: 15 });
    expect(at('namespace:"shop" an¦')).toEqual({ type: 'OPERATOR', from: 17 });
    expect(at('(a:b or c:d) ¦')).toEqual({ type: 'OPERATOR', from: 13 });
    expect(at('error ¦')).toEqual({ type: 'OPERATOR', from: 6, field: 'error' });
    expect(at('a:b and status ¦')).toEqual({ type: 'OPERATOR', from: 15, field: 'status' });
    expect(at('a:(b or c ¦')).toEqual({ type: 'OPERATOR', from: 10 });
  });

  it('offers nothing inside a free-text phrase, right after a closed one, or after a range', () => {
    expect(at('"connection ref¦')).toEqual({ type: 'NONE' });
    expect(at('a:"b"¦')).toEqual({ type: 'NONE' });
    expect(at('status >= ¦')).toEqual({ type: 'NONE' });
    expect(at('status >= 5¦')).toEqual({ type: 'NONE' });
    expect(at(':¦')).toEqual({ type: 'NONE' });
  });
});
