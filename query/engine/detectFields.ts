import type { Labels } from '../../model';
import { jsonParser, logfmtParser, type Extracted } from './parsers';

const json = jsonParser({ kind: 'json', extract: [], pos: { from: 0, to: 0 } });
const LOGFMT_HINT = /(?:^|\s)[A-Za-z_][\w.-]*=/;

/** The parser that fits a line, as Loki 3's detected_fields picks it: json, logfmt or none. */
export function lineParserOf(line: string): 'json' | 'logfmt' | undefined {
  if (line.trimStart().startsWith('{')) return 'json';
  return LOGFMT_HINT.test(line) ? 'logfmt' : undefined;
}

/**
 * The fields `| json` or `| logfmt` would give a line, whichever fits: how Loki 3's
 * detected_fields sees a line, for backends that cannot say themselves (Loki 2.9).
 */
export function detectLineFields(line: string, labels: Labels): Labels {
  const out: Extracted = { labels, fields: {} };
  const parser = lineParserOf(line);
  if (parser === 'json') json(line, out);
  else if (parser === 'logfmt') logfmtParser(line, out);
  if (out.fields.__error__ !== undefined) return {};
  return Object.fromEntries(Object.entries(out.fields).filter(([k]) => !k.startsWith('__')));
}
