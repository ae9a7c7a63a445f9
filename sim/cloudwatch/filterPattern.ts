import { invalidParameter } from './awsError';
import { jsonFieldsOf, type LogEvent } from './store';

type Matcher = (event: LogEvent) => boolean;

const invalid = (pattern: string) => invalidParameter(`Invalid filter pattern: ${pattern}`);

function compile(source: string, pattern: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw invalid(pattern);
  }
}

/** Terms: words or quoted phrases all present, any `?term` present, no `-term` present. */
function termPattern(pattern: string): Matcher {
  const tokens = pattern.match(/[?-]?(?:"(?:[^"\\]|\\.)*"|%[^%]*%|[^\s"]+)/g) ?? [];
  const required: Matcher[] = [];
  const optional: Matcher[] = [];
  const excluded: Matcher[] = [];
  for (const token of tokens) {
    const sign = token[0] === '?' || token[0] === '-' ? token[0] : '';
    const body = token.slice(sign.length);
    let match: Matcher;
    if (body.startsWith('%') && body.endsWith('%') && body.length > 1) {
      const regex = compile(body.slice(1, -1), pattern);
      match = (e) => regex.test(e.message);
    } else {
      const text = body.startsWith('"') ? (JSON.parse(body) as string) : body;
      match = (e) => e.message.includes(text);
    }
    (sign === '?' ? optional : sign === '-' ? excluded : required).push(match);
  }
  return (e) =>
    required.every((m) => m(e)) &&
    (optional.length === 0 || optional.some((m) => m(e))) &&
    !excluded.some((m) => m(e));
}

/** `$.a.b[0].c` → the flattened field name `a.b.0.c`. */
function selectorField(selector: string): string {
  return selector
    .slice(2)
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

function wildcard(value: string): RegExp {
  const escaped = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** One `$.selector op value` test of a JSON pattern. */
function jsonTest(pattern: string, text: string): Matcher {
  const m =
    /^\s*(\$[\w.[\]@-]*)\s*(?:(=|!=|<=|>=|<|>)\s*(\S.*?)|(IS\s+NULL|IS\s+TRUE|IS\s+FALSE|NOT\s+EXISTS))\s*$/i.exec(
      text,
    );
  if (!m) throw invalid(pattern);
  const field = selectorField(m[1] as string);
  const get = (e: LogEvent) => jsonFieldsOf(e)[field];
  const check = m[4]?.toUpperCase().replace(/\s+/g, ' ');
  if (check === 'IS NULL' || check === 'NOT EXISTS') return (e) => get(e) === undefined;
  if (check === 'IS TRUE') return (e) => get(e) === true;
  if (check === 'IS FALSE') return (e) => get(e) === false;
  const op = m[2] as string;
  const raw = (m[3] as string).trim();
  const quoted = raw.startsWith('"');
  const value = quoted ? (JSON.parse(raw) as string) : raw;
  const number = quoted ? NaN : Number(value);
  if (!Number.isNaN(number)) {
    return (e) => {
      const v = Number(get(e));
      if (get(e) === undefined || Number.isNaN(v)) return false;
      return op === '='
        ? v === number
        : op === '!='
          ? v !== number
          : op === '<'
            ? v < number
            : op === '<='
              ? v <= number
              : op === '>'
                ? v > number
                : v >= number;
    };
  }
  if (op !== '=' && op !== '!=') throw invalid(pattern);
  const regex = wildcard(value);
  return (e) => {
    const v = get(e);
    return v !== undefined && regex.test(String(v)) === (op === '=');
  };
}

/** `{ a && (b || c) }` with tests as above. */
function jsonPattern(pattern: string): Matcher {
  const inner = pattern.trim().slice(1, -1);
  const tokens = (inner.match(/&&|\|\||\(|\)|(?:"(?:[^"\\]|\\.)*"|[^&|()"])+/g) ?? []).filter(
    (t) => t.trim() !== '',
  );
  let pos = 0;
  const or = (): Matcher => {
    const parts = [and()];
    while (tokens[pos] === '||') {
      pos++;
      parts.push(and());
    }
    return (e) => parts.some((p) => p(e));
  };
  const and = (): Matcher => {
    const parts = [term()];
    while (tokens[pos] === '&&') {
      pos++;
      parts.push(term());
    }
    return (e) => parts.every((p) => p(e));
  };
  const term = (): Matcher => {
    const token = tokens[pos++];
    if (token === '(') {
      const inside = or();
      if (tokens[pos++] !== ')') throw invalid(pattern);
      return inside;
    }
    if (token === undefined) throw invalid(pattern);
    return jsonTest(pattern, token);
  };
  const matcher = or();
  if (pos !== tokens.length) throw invalid(pattern);
  return matcher;
}

/**
 * A subset of CloudWatch filter pattern syntax: terms, quoted phrases, `?alternatives`,
 * `-exclusions`, `%regex%` and JSON patterns (`{ $.level = "error" && $.ms > 100 }`).
 * Space-delimited patterns (`[ip, user, …]`) are refused.
 */
export function compileFilterPattern(pattern: string | undefined): Matcher {
  const trimmed = (pattern ?? '').trim();
  if (trimmed === '') return () => true;
  if (trimmed.startsWith('{')) {
    if (!trimmed.endsWith('}')) throw invalid(trimmed);
    return jsonPattern(trimmed);
  }
  if (trimmed.startsWith('[')) {
    throw invalidParameter(
      `The simulator does not support space-delimited filter patterns: ${trimmed}`,
    );
  }
  return termPattern(trimmed);
}
