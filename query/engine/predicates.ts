import type { Labels } from '../../model';
import type { LabelMatcher, LineFilter, MatchOp } from '../ir';
import { toJsRegex } from '../logql/operators';

/** LogQL regexes match the whole value (they are anchored), as in Prometheus. */
export function valueMatcher(op: MatchOp, value: string): (v: string) => boolean {
  switch (op) {
    case '=':
      return (v) => v === value;
    case '!=':
      return (v) => v !== value;
    case '=~': {
      const re = new RegExp(`^(?:${toJsRegex(value)})$`, 's');
      return (v) => re.test(v);
    }
    case '!~': {
      const re = new RegExp(`^(?:${toJsRegex(value)})$`, 's');
      return (v) => !re.test(v);
    }
  }
}

export function streamMatcher(matchers: readonly LabelMatcher[]): (labels: Labels) => boolean {
  const tests = matchers.map((m) => {
    const test = valueMatcher(m.op, m.value);
    return (labels: Labels) => test(labels[m.name] ?? '');
  });
  return (labels) => tests.every((t) => t(labels));
}

/** One line filter stage; `|=` and `!=` stay on String.prototype.includes, the fastest path. */
export function lineTest(filter: LineFilter): (line: string) => boolean {
  const { op, values } = filter;
  if (op === '|=' || op === '!=') {
    const [single] = values;
    const positive =
      values.length === 1 && single !== undefined
        ? (line: string) => line.includes(single)
        : (line: string) => values.some((v) => line.includes(v));
    return op === '|=' ? positive : (line) => !positive(line);
  }
  // Unanchored, like Loki's line filter regexes.
  const re = new RegExp(values.map((v) => `(?:${toJsRegex(v)})`).join('|'), 's');
  return op === '|~' ? (line) => re.test(line) : (line) => !re.test(line);
}

export function allOf(tests: ((line: string) => boolean)[]): (line: string) => boolean {
  const [first, second] = tests;
  if (tests.length === 0) return () => true;
  if (tests.length === 1 && first) return first;
  if (tests.length === 2 && first && second) return (line) => first(line) && second(line);
  return (line) => tests.every((t) => t(line));
}
