import type { Labels } from '../../model';
import { jsonParser, logfmtParser, type Extracted } from './parsers';

const json = jsonParser({ kind: 'json', extract: [], pos: { from: 0, to: 0 } });
const LOGFMT_HINT = /(?:^|\s)[A-Za-z_][\w.-]*=/;

/**
 * The fields `| json` or `| logfmt` would give a line, whichever fits: how Loki 3's
 * detected_fields sees a line, for backends that cannot say themselves (Loki 2.9).
 */
export function detectLineFields(line: string, labels: Labels): Labels {
  const out: Extracted = { labels, fields: {} };
  if (line.trimStart().startsWith('{')) json(line, out);
  else if (LOGFMT_HINT.test(line)) logfmtParser(line, out);
  if (out.fields.__error__ !== undefined) return {};
  return Object.fromEntries(Object.entries(out.fields).filter(([k]) => !k.startsWith('__')));
}
