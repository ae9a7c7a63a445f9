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
});
