/** Where the cursor stands in a LogQL query, for completions. Pure: text in, situation out. */
export type Situation =
  | { type: 'LABEL_NAME'; from: number; otherLabels: string[] }
  | { type: 'LABEL_VALUE'; from: number; label: string; otherLabels: string[] }
  | { type: 'PIPE_STAGE'; from: number }
  /** `| field="…` after the selector: a value of a field the pipeline extracts. */
  | { type: 'FIELD_VALUE'; from: number; field: string; pipeline: string }
  /** Where a query or an aggregation's argument starts: range functions and aggregations. */
  | { type: 'EXPRESSION'; from: number }
  /** After the selector or a line filter and a space: line filter operators and `|`. */
  | { type: 'LINE_OPERATOR'; from: number }
  | { type: 'NONE' };

const LABEL_VALUE = /([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)$/;
const LABEL_NAME = /(?:^|[{,])\s*([A-Za-z_][A-Za-z0-9_]*)?$/;
const PIPE_STAGE = /\|\s*([A-Za-z_][A-Za-z0-9_]*)?$/;
const EXPRESSION = /(?:^|\(\s*(?:\d+\s*,\s*)?)\s*([A-Za-z_][A-Za-z0-9_]*)?$/;
const GROUPING = /\b(?:by|without)\s*\($/;
const LINE_OPERATOR = /(?:\}|(?:[|!][=~])\s*(?:"(?:[^"\\]|\\.)*"|`[^`]*`))\s+$/;
const FIELD_VALUE = /\|\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)$/;
const MATCHER_NAMES = /([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)/g;

/** True when the text ends inside an unclosed "…" or `…` string. */
function insideString(text: string): boolean {
  return /["`]/.test(text.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, ''));
}

export function situationAt(text: string, pos: number): Situation {
  const before = text.slice(0, pos);
  const open = before.lastIndexOf('{');
  const inSelector = open > before.lastIndexOf('}');
  if (inSelector) {
    const selector = before.slice(open + 1);
    const otherLabels = [...selector.matchAll(MATCHER_NAMES)].map((m) => m[1] ?? '');
    const value = LABEL_VALUE.exec(selector);
    if (value?.[1] !== undefined) {
      return {
        type: 'LABEL_VALUE',
        from: pos - (value[2] ?? '').length,
        label: value[1],
        otherLabels: otherLabels.slice(0, -1),
      };
    }
    const name = LABEL_NAME.exec(selector);
    if (name) return { type: 'LABEL_NAME', from: pos - (name[1] ?? '').length, otherLabels };
    return { type: 'NONE' };
  }
  const field = FIELD_VALUE.exec(before);
  if (field?.[1] !== undefined && !insideString(before.slice(0, field.index))) {
    return {
      type: 'FIELD_VALUE',
      from: pos - (field[2] ?? '').length,
      field: field[1],
      pipeline: before.slice(0, field.index).trim(),
    };
  }
  const stage = PIPE_STAGE.exec(before);
  if (stage && !insideString(before)) {
    return { type: 'PIPE_STAGE', from: pos - (stage[1] ?? '').length };
  }
  if (insideString(before)) return { type: 'NONE' };
  if (LINE_OPERATOR.test(before) && !before.trimEnd().endsWith('])')) {
    return { type: 'LINE_OPERATOR', from: pos };
  }
  const expression = EXPRESSION.exec(before);
  if (expression) {
    const from = pos - (expression[1] ?? '').length;
    if (GROUPING.test(before.slice(0, from).trimEnd())) return { type: 'NONE' };
    return { type: 'EXPRESSION', from };
  }
  return { type: 'NONE' };
}
