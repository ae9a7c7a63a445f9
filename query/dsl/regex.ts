import { LogsiftError, type Position } from '../../model';

/** Characters Lucene's regexp (all flags on, as Elasticsearch uses it) reads as operators. */
const LUCENE_ONLY = '@&~<>#"';
const CLASS_SHORTHANDS: Record<string, string> = {
  d: '[0-9]',
  w: '[0-9A-Za-z_]',
  s: '[ \\t\\n\\r]',
};

function refuse(what: string, pos: Position): LogsiftError {
  return new LogsiftError(
    'unsupported',
    `the regular expression ${what} has no Elasticsearch equivalent (Lucene regexp)`,
    pos,
  );
}

/**
 * RE2 (LogQL) to Lucene regexp, for the common subset: Lucene matches whole values, knows no
 * anchors, flags or escapes like \n, and reads `@ & ~ < > # "` as operators, so those are escaped.
 * `anchored` is false for line filters, which search inside the line.
 */
export function re2ToLucene(pattern: string, anchored: boolean, pos: Position): string {
  let body = pattern;
  const start = body.startsWith('^');
  if (start) body = body.slice(1);
  const end = /(^|[^\\])\$$/.test(body);
  if (end) body = body.slice(0, -1);
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    const next = body[i + 1] ?? '';
    if (c === '\\') {
      const shorthand = CLASS_SHORTHANDS[next];
      if (shorthand && !inClass) out += shorthand;
      else if (/[A-Za-z0-9]/.test(next)) throw refuse(`escape \\${next}`, pos);
      else out += `\\${next}`;
      i++;
    } else if (inClass) {
      if (c === '[' && next === ':') throw refuse('class [:…:]', pos);
      if (c === ']') inClass = false;
      out += LUCENE_ONLY.includes(c) ? `\\${c}` : c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (next === ']') {
        out += next;
        i++;
      }
    } else if (c === '(' && next === '?') {
      throw refuse('group (?…)', pos);
    } else if (c === '^' || c === '$') {
      throw refuse(`anchor ${c} inside the pattern`, pos);
    } else {
      out += LUCENE_ONLY.includes(c) ? `\\${c}` : c;
    }
  }
  if (anchored) return out;
  return `${start ? '' : '.*'}(${out})${end ? '' : '.*'}`;
}
