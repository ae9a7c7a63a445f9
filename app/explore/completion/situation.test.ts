import { describe, expect, it } from 'vitest';
import { situationAt } from './situation';

const at = (text: string) => situationAt(text.replace('¦', ''), text.indexOf('¦'));

describe('situationAt', () => {
  it('finds label names inside the selector', () => {
    expect(at('{¦}')).toEqual({ type: 'LABEL_NAME', from: 1, otherLabels: [] });
    expect(at('{app="x", na¦}')).toEqual({ type: 'LABEL_NAME', from: 10, otherLabels: ['app'] });
  });

  it('finds label values after an operator and opening quote', () => {
    expect(at('{app="x", namespace=~"sh¦"}')).toEqual({
      type: 'LABEL_VALUE',
      from: 22,
      label: 'namespace',
      otherLabels: ['app'],
    });
    expect(at('{job="¦"}')).toMatchObject({ type: 'LABEL_VALUE', label: 'job', from: 6 });
  });

  it('finds pipeline stages after a pipe, but not inside strings', () => {
    expect(at('{app="x"} | js¦')).toEqual({ type: 'PIPE_STAGE', from: 12 });
    expect(at('{app="x"} |= "a | b¦')).toEqual({ type: 'NONE' });
    expect(at('{app="x"} |= "a"¦')).toEqual({ type: 'NONE' });
  });

  it('finds values of an extracted field in a label filter after the selector', () => {
    expect(at('{app="x"} | json | status="5¦')).toEqual({
      type: 'FIELD_VALUE',
      from: 27,
      field: 'status',
      pipeline: '{app="x"} | json',
    });
    expect(at('{app="x"} |= "| a=\\"¦')).toEqual({ type: 'NONE' });
  });

  it('offers functions where a query or an argument starts, not in a grouping', () => {
    expect(at('¦')).toEqual({ type: 'EXPRESSION', from: 0 });
    expect(at('rat¦')).toEqual({ type: 'EXPRESSION', from: 0 });
    expect(at('sum by (app) (count¦')).toEqual({ type: 'EXPRESSION', from: 14 });
    expect(at('topk(5, ¦')).toEqual({ type: 'EXPRESSION', from: 8 });
    expect(at('sum by (¦')).toEqual({ type: 'NONE' });
  });

  it('offers line filter operators after the selector or a line filter and a space', () => {
    expect(at('{app="x"} ¦')).toEqual({ type: 'LINE_OPERATOR', from: 10 });
    expect(at('{app="x"} |= "a" ¦')).toEqual({ type: 'LINE_OPERATOR', from: 17 });
    expect(at('{app="x"}¦')).toEqual({ type: 'NONE' });
    expect(at('rate({app="x"}[5m]) ¦')).toEqual({ type: 'NONE' });
  });
});
