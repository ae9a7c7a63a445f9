import { LogsiftError, type Position } from '../../model';

function refuse(what: string, pos: Position): LogsiftError {
  return new LogsiftError(
    'unsupported',
    `the regular expression ${what} has no Logs Insights equivalent`,
    pos,
  );
}

/**
 * An RE2 pattern (LogQL) for Insights, whose regexes read Java's syntax: the two share the common
 * subset, `(?P<name>` becomes `(?<name>`, and what either reads differently is refused.
 */
export function re2ToInsights(pattern: string, pos: Position): string {
  if (/\[\[:/.test(pattern)) throw refuse('class [[:…:]]', pos);
  if (/(^|[^\\])(\\\\)*\\C/.test(pattern)) throw refuse('escape \\C', pos);
  return pattern.replace(/\(\?P</g, '(?<');
}
