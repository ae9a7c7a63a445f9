import { LogsiftError, type Language } from '../model';

/**
 * Dashboard variables in a query's text: `$name` and `${name}` replaced by their values, quoted
 * for where they stand, so a value is always one literal and never more query:
 *
 * - outside any string, a value becomes a whole string literal of the language;
 * - inside a string, it is escaped for that string (and, after a regex operator, its regex
 *   metacharacters escaped too, so `=~ "$pod"` matches that pod and no other);
 * - Grafana's `$__interval` and `$__range` stand bare (`5m`), for `[$__interval]`.
 *
 * Names without a value are left as written, as Grafana does.
 */
export type VariableValues = Readonly<Record<string, string>>;

/** Bare durations (`1m`, `30s`) the dashboard gives every panel; never quoted. */
export interface Builtins {
  __interval?: string;
  __range?: string;
}

const NAME = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/y;
const REGEX_META = /[\\^$.|?*+()[\]{}]/g;
const REGEX_OPERATOR: Record<Language, RegExp> = {
  logql: /(?:=~|!~|\|~)\s*$/,
  kql: /$^/,
  lucene: /$^/,
  // An Insights string is never a regex (`like "x"` is a substring); its regexes are `/…/`.
  insights: /$^/,
};

type Context =
  { kind: 'code' } | { kind: 'string'; quote: '"' | "'" | '`'; regex: boolean } | { kind: 'regex' };

/** The quotes each language writes strings with; `/…/` is a regex literal in Insights only. */
const QUOTES: Record<Language, string> = {
  logql: '"`',
  kql: '"',
  lucene: '"',
  insights: '"\'`',
};

function escapeRegex(value: string): string {
  return value.replace(REGEX_META, '\\$&');
}

function escapeInString(
  value: string,
  name: string,
  context: Extract<Context, { kind: 'string' }>,
): string {
  const text = context.regex ? escapeRegex(value) : value;
  if (context.quote === '`') {
    if (text.includes('`')) {
      throw new LogsiftError(
        'bad_query',
        `the value of $${name} holds a backquote, which a \`…\` string cannot hold`,
      );
    }
    return text;
  }
  // JSON escapes are what LogQL (Go strconv.Unquote) reads; KQL, Lucene and Insights read `\x` as x.
  if (context.quote === '"') return JSON.stringify(text).slice(1, -1);
  return text.replace(/[\\']/g, '\\$&');
}

/** Inside `/…/`: a newline cannot stand there, so it is written as the regex escape. */
function regexBody(value: string): string {
  return escapeRegex(value).replace(/\//g, '\\/').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function literal(value: string, language: Language): string {
  if (language === 'logql') return JSON.stringify(value);
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

function valueOf(name: string, values: VariableValues, builtins: Builtins): string | undefined {
  if (name === '__interval' || name === '__range') return builtins[name];
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

/** Whether a `/` opens an Insights regex literal rather than dividing. */
function opensRegex(before: string): boolean {
  return /(?:=~|!=~|\blike|\(|,)\s*$/i.test(before);
}

export function interpolateVariables(
  query: string,
  language: Language,
  values: VariableValues,
  builtins: Builtins = {},
): string {
  if (!query.includes('$')) return query;
  const quotes = QUOTES[language];
  let context: Context = { kind: 'code' };
  let out = '';
  let i = 0;
  while (i < query.length) {
    const c = query[i] ?? '';
    if (c === '$') {
      NAME.lastIndex = i;
      const found = NAME.exec(query);
      const name = found ? (found[1] ?? found[2] ?? '') : '';
      const value = found ? valueOf(name, values, builtins) : undefined;
      if (found && value !== undefined) {
        const builtin = name.startsWith('__');
        if (builtin) out += value;
        else if (context.kind === 'code') out += literal(value, language);
        else if (context.kind === 'regex') out += regexBody(value);
        else out += escapeInString(value, name, context);
        i = NAME.lastIndex;
        continue;
      }
    }
    if (context.kind === 'code') {
      if (quotes.includes(c)) {
        const quote = c as '"' | "'" | '`';
        // Insights backquotes a field name, which is no place for a regex.
        const regex = quote !== '`' || language === 'logql';
        context = {
          kind: 'string',
          quote,
          regex: regex && REGEX_OPERATOR[language].test(out.slice(-16)),
        };
      } else if (language === 'insights' && c === '/' && opensRegex(out.slice(-16))) {
        context = { kind: 'regex' };
      }
    } else if (c === '\\' && !(context.kind === 'string' && context.quote === '`')) {
      out += c + (query[i + 1] ?? '');
      i += 2;
      continue;
    } else if (
      (context.kind === 'string' && c === context.quote) ||
      (context.kind === 'regex' && c === '/')
    ) {
      context = { kind: 'code' };
    }
    out += c;
    i++;
  }
  return out;
}

/** The variable names a query uses, so a panel reruns only when one of its own changes. */
export function variablesIn(query: string): string[] {
  const names = new Set<string>();
  for (const m of query.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    const name = m[1] ?? m[2];
    if (name) names.add(name);
  }
  return [...names];
}

/** A panel's datasources with `$name` of a datasource variable replaced by its value. */
export function resolveDatasourceRefs(refs: readonly string[], values: VariableValues): string[] {
  return refs.map((ref) => {
    if (!ref.startsWith('$')) return ref;
    const name = ref.slice(1);
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (!value) throw new LogsiftError('bad_query', `the datasource variable ${ref} has no value`);
    return value;
  });
}

const BUILTIN = /\$(?:\{(__interval|__range)\}|(__interval|__range)\b)/g;

/** Whether a query uses `$__interval` or `$__range`, which need the range to be filled in. */
export function usesBuiltins(query: string): boolean {
  BUILTIN.lastIndex = 0;
  return BUILTIN.test(query);
}

/**
 * The text with `$__interval`/`$__range` as durations of the same length (`0000000001m`), so a
 * parser can check the rest while every position still points into the text as typed.
 */
export function withBuiltinPlaceholders(query: string): string {
  return query.replace(BUILTIN, (whole) => `${'0'.repeat(whole.length - 2)}1m`);
}
