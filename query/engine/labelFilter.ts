import type { LabelPredicate } from '../ir';
import { parseBytes, parseDurationMs } from '../logql/literals';
import type { Extracted } from './parsers';
import { valueMatcher } from './predicates';

/** true keeps, false drops, 'error' keeps the entry marked with __error__ as Loki does. */
type Verdict = boolean | 'error';

const lookup = (out: Extracted, name: string): string => out.fields[name] ?? out.labels[name] ?? '';

function toNumber(raw: string, unit: 'none' | 'duration' | 'bytes'): number | undefined {
  if (raw === '') return undefined;
  if (unit === 'duration') {
    const ms = parseDurationMs(raw);
    if (ms !== undefined) return ms / 1000;
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  if (unit === 'bytes') return parseBytes(raw);
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

export function compilePredicate(p: LabelPredicate): (out: Extracted) => Verdict {
  switch (p.kind) {
    case 'string': {
      const test = valueMatcher(p.op, p.value);
      return (out) => test(lookup(out, p.name));
    }
    case 'number': {
      const { name, op, value, unit } = p;
      return (out) => {
        const n = toNumber(lookup(out, name), unit);
        if (n === undefined) return 'error';
        switch (op) {
          case '==':
            return n === value;
          case '!=':
            return n !== value;
          case '>':
            return n > value;
          case '>=':
            return n >= value;
          case '<':
            return n < value;
          case '<=':
            return n <= value;
        }
      };
    }
    case 'and': {
      const left = compilePredicate(p.left);
      const right = compilePredicate(p.right);
      return (out) => {
        const l = left(out);
        if (l === false) return false;
        const r = right(out);
        if (r === false) return false;
        return l === 'error' || r === 'error' ? 'error' : true;
      };
    }
    case 'or': {
      const left = compilePredicate(p.left);
      const right = compilePredicate(p.right);
      return (out) => {
        const l = left(out);
        if (l === true) return true;
        const r = right(out);
        if (r === true) return true;
        return l === 'error' || r === 'error' ? 'error' : false;
      };
    }
  }
}

export function labelFilterStage(p: LabelPredicate): (out: Extracted) => boolean {
  const test = compilePredicate(p);
  return (out) => {
    const verdict = test(out);
    if (verdict !== 'error') return verdict;
    if (!out.fields['__error__']) {
      out.fields['__error__'] = 'LabelFilterErr';
      out.fields['__error_details__'] = 'a label filter compared a value that is not a number';
    }
    return true;
  };
}
