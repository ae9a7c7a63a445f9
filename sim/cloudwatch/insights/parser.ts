import { AGGREGATE_NAMES } from './aggregates';
import type { BinaryOp, Command, Expr, Named, Query } from './ast';
import { FUNCTIONS } from './functions';
import { DURATION_UNITS, malformed, tokenize, type Token } from './lexer';

const COMMANDS = new Set([
  'fields',
  'display',
  'filter',
  'parse',
  'stats',
  'sort',
  'limit',
  'dedup',
]);
const COMPARISONS = new Set(['=', '==', '!=', '<', '<=', '>', '>=', '=~']);

/** `(?i)` at the start of a pattern is how Insights asks for a case-insensitive match. */
export function toRegExp(source: string): RegExp {
  const insensitive = source.startsWith('(?i)');
  return new RegExp(insensitive ? source.slice(4) : source, insensitive ? 'i' : '');
}

/** A `parse` glob: `*` captures, the last one to the end of the text when it ends the glob. */
function globRegExp(glob: string): RegExp {
  const parts = glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(
    parts.reduce((out, part, i) => {
      if (i === 0) return part;
      const last = i === parts.length - 1 && part === '';
      return `${out}${last ? '(.*)' : '(.*?)'}${part}`;
    }, ''),
    's',
  );
}

class Parser {
  private pos = 0;
  private readonly tokens: Token[];

  constructor(private readonly query: string) {
    this.tokens = tokenize(query);
  }

  parse(): Query {
    const commands: Command[] = [];
    if (this.peek().kind === 'eof') throw this.unexpected();
    for (;;) {
      commands.push(this.command());
      if (this.peek().kind === 'eof') break;
      this.expect('|');
    }
    return { commands };
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private unexpected(token = this.peek()): Error {
    return malformed(this.query, token.start, token.end, token.kind === 'eof' ? 'EOF' : token.text);
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'word' && token.value.toLowerCase() === word;
  }

  private accept(text: string): boolean {
    const token = this.peek();
    const matches =
      (token.kind === 'op' && token.text === text) ||
      (token.kind === 'word' && token.value.toLowerCase() === text);
    if (matches) this.pos++;
    return matches;
  }

  private expect(text: string): Token {
    const token = this.peek();
    if (!this.accept(text)) throw this.unexpected(token);
    return token;
  }

  private command(): Command {
    const token = this.next();
    const name = token.kind === 'word' ? token.value.toLowerCase() : '';
    if (!COMMANDS.has(name)) throw this.unexpected(token);
    switch (name) {
      case 'fields':
        return { type: 'fields', items: this.list(() => this.named()) };
      case 'display':
        return { type: 'display', names: this.list(() => this.fieldName()) };
      case 'filter':
        return { type: 'filter', expr: this.expression() };
      case 'parse':
        return this.parseCommand();
      case 'stats':
        return this.stats();
      case 'sort':
        return {
          type: 'sort',
          keys: this.list(() => {
            const expr = this.expression();
            const descending = this.accept('desc') ? true : (this.accept('asc'), false);
            return { expr, descending };
          }),
        };
      case 'limit': {
        const count = this.next();
        if (count.kind !== 'number' || !/^\d+$/.test(count.text)) throw this.unexpected(count);
        return { type: 'limit', count: Number(count.text) };
      }
      default:
        return { type: 'dedup', names: this.list(() => this.fieldName()) };
    }
  }

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.accept(',')) items.push(item());
    return items;
  }

  private fieldName(): string {
    const token = this.next();
    if (token.kind !== 'word' && token.kind !== 'quotedName') throw this.unexpected(token);
    return token.value;
  }

  private named(): Named {
    const start = this.peek().start;
    const expr = this.expression();
    const name = this.accept('as') ? this.fieldName() : this.query.slice(start, expr.end);
    return { expr, name };
  }

  /** `parse [field] "glob" as a, b`, `parse [field] /(?<a>…)/`, `parse [field] logfmt [as p]`. */
  private parseCommand(): Command {
    const first = this.peek();
    const implicit =
      first.kind === 'string' ||
      first.kind === 'regex' ||
      (this.isWord('logfmt') && !['string', 'regex'].includes(this.peek(1).kind));
    const source: Expr = implicit
      ? { type: 'field', name: '@message', start: first.start, end: first.start }
      : this.primary();
    if (this.isWord('logfmt')) {
      this.pos++;
      const prefix = this.accept('as') ? this.fieldName() : undefined;
      return { type: 'parseLogfmt', source, ...(prefix === undefined ? {} : { prefix }) };
    }
    const pattern = this.next();
    if (pattern.kind === 'regex') {
      const regex = this.regExp(pattern);
      const names = [...pattern.value.matchAll(/\(\?<([A-Za-z_@][\w@.]*)>/g)].map((m) => m[1]);
      if (names.length === 0) throw this.unexpected(pattern);
      return { type: 'parse', source, pattern: regex, names: names as string[] };
    }
    if (pattern.kind !== 'string') throw this.unexpected(pattern);
    this.expect('as');
    const names = this.list(() => this.fieldName());
    if (names.length !== pattern.value.split('*').length - 1) throw this.unexpected(pattern);
    return { type: 'parse', source, pattern: globRegExp(pattern.value), names };
  }

  private stats(): Command {
    const aggregates = this.list(() => this.named());
    for (const { expr } of aggregates) {
      if (!containsAggregate(expr)) throw malformed(this.query, expr.start, expr.end, 'stats');
    }
    const by = this.accept('by') ? this.list(() => this.named()) : [];
    return { type: 'stats', aggregates, by };
  }

  expression(): Expr {
    return this.or();
  }

  private binary(op: BinaryOp, left: Expr, right: Expr): Expr {
    return { type: 'binary', op, left, right, start: left.start, end: right.end };
  }

  private or(): Expr {
    let left = this.and();
    while (this.accept('or')) left = this.binary('or', left, this.and());
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.accept('and')) left = this.binary('and', left, this.not());
    return left;
  }

  private not(): Expr {
    const start = this.peek().start;
    if (this.accept('not')) {
      const arg = this.not();
      return { type: 'unary', op: 'not', arg, start, end: arg.end };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const token = this.peek();
    if (token.kind === 'op' && COMPARISONS.has(token.text)) {
      this.pos++;
      const op = (token.text === '==' ? '=' : token.text) as BinaryOp;
      return this.binary(op, left, op === '=~' ? this.pattern() : this.additive());
    }
    const negated = this.isWord('not') && (this.isWord('like', 1) || this.isWord('in', 1));
    if (negated) this.pos++;
    if (this.accept('like'))
      return this.binary(negated ? 'not like' : 'like', left, this.pattern());
    if (this.accept('in')) return this.binary(negated ? 'not in' : 'in', left, this.listLiteral());
    if (negated) throw this.unexpected();
    return left;
  }

  private pattern(): Expr {
    const token = this.peek();
    if (token.kind === 'regex') {
      this.pos++;
      return { type: 'regex', regex: this.regExp(token), start: token.start, end: token.end };
    }
    if (token.kind !== 'string') throw this.unexpected(token);
    return this.primary();
  }

  /** A regex JavaScript cannot compile is a syntax error of the query. */
  private regExp(token: Token): RegExp {
    try {
      return toRegExp(token.value);
    } catch {
      throw this.unexpected(token);
    }
  }

  private listLiteral(): Expr {
    const open = this.expect('[');
    const items = this.peek().text === ']' ? [] : this.list(() => this.additive());
    const close = this.expect(']');
    return { type: 'list', items, start: open.start, end: close.end };
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (;;) {
      const op = this.peek().text;
      if (this.peek().kind !== 'op' || (op !== '+' && op !== '-')) return left;
      this.pos++;
      left = this.binary(op, left, this.multiplicative());
    }
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (;;) {
      const op = this.peek().text;
      if (this.peek().kind !== 'op' || !['*', '/', '%', '^'].includes(op)) return left;
      this.pos++;
      left = this.binary(op as BinaryOp, left, this.unary());
    }
  }

  private unary(): Expr {
    const token = this.peek();
    if (token.kind === 'op' && token.text === '-') {
      this.pos++;
      const arg = this.unary();
      return { type: 'unary', op: '-', arg, start: token.start, end: arg.end };
    }
    return this.primary();
  }

  private primary(): Expr {
    const token = this.next();
    const span = { start: token.start, end: token.end };
    switch (token.kind) {
      case 'number':
        return { type: 'literal', value: Number(token.text), ...span };
      case 'string':
        return { type: 'literal', value: token.value, ...span };
      case 'duration': {
        const [, amount = '0', unit = ''] = /^([0-9.]+)([A-Za-z]+)$/.exec(token.text) ?? [];
        return { type: 'duration', ms: Number(amount) * (DURATION_UNITS[unit] ?? 0), ...span };
      }
      case 'quotedName':
        return { type: 'field', name: token.value, ...span };
      case 'word':
        return this.peek().text === '(' && this.peek().kind === 'op'
          ? this.call(token)
          : { type: 'field', name: token.value, ...span };
      case 'op':
        if (token.text === '(') {
          const inner = this.expression();
          const close = this.expect(')');
          return { ...inner, start: token.start, end: close.end };
        }
        if (token.text === '[') {
          this.pos--;
          return this.listLiteral();
        }
        throw this.unexpected(token);
      default:
        throw this.unexpected(token);
    }
  }

  private call(nameToken: Token): Expr {
    const name = nameToken.value.toLowerCase();
    if (!FUNCTIONS[name] && !AGGREGATE_NAMES.has(name)) throw this.unexpected(nameToken);
    this.expect('(');
    const args: Expr[] = [];
    if (this.peek().kind === 'op' && this.peek().text === '*') {
      const star = this.next();
      args.push({ type: 'star', start: star.start, end: star.end });
    } else if (!(this.peek().kind === 'op' && this.peek().text === ')')) {
      args.push(...this.list(() => this.expression()));
    }
    const close = this.expect(')');
    return { type: 'call', name, args, start: nameToken.start, end: close.end };
  }
}

export function containsAggregate(expr: Expr): boolean {
  switch (expr.type) {
    case 'call':
      return AGGREGATE_NAMES.has(expr.name) || expr.args.some(containsAggregate);
    case 'unary':
      return containsAggregate(expr.arg);
    case 'binary':
      return containsAggregate(expr.left) || containsAggregate(expr.right);
    default:
      return false;
  }
}

/** Parses a Logs Insights query; a syntax error is a MalformedQueryException. */
export function parseInsights(query: string): Query {
  return new Parser(query).parse();
}
