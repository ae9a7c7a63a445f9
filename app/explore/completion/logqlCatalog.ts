import type { Completion } from '@codemirror/autocomplete';

/** LogQL words with the line of documentation the completion list shows, after Loki's docs. */
export const LOGQL_STAGES: Completion[] = [
  {
    label: 'json',
    type: 'keyword',
    detail: 'parser',
    info: 'Extracts every JSON property as a label (nested: a_b)',
  },
  {
    label: 'logfmt',
    type: 'keyword',
    detail: 'parser',
    info: 'Extracts the key=value pairs of a logfmt line as labels',
  },
  {
    label: 'regexp',
    type: 'keyword',
    detail: 'parser',
    info: 'Extracts the named groups of an RE2 regex: regexp "(?P<name>re)"',
    apply: 'regexp "(?P<name>…)"',
  },
  {
    label: 'pattern',
    type: 'keyword',
    detail: 'parser',
    info: 'Extracts fields with a pattern: <name> captures, <_> skips',
    apply: 'pattern "<_> <field>"',
  },
  {
    label: 'unpack',
    type: 'keyword',
    detail: 'parser',
    info: "Unpacks a line packed by Promtail's pack stage",
  },
  {
    label: 'line_format',
    type: 'keyword',
    detail: 'format',
    info: 'Rewrites the line with a Go template of labels: {{.field}}',
    apply: 'line_format "{{.field}}"',
  },
  {
    label: 'label_format',
    type: 'keyword',
    detail: 'format',
    info: 'Renames labels (new=old) or sets them from a template',
  },
  {
    label: 'drop',
    type: 'keyword',
    detail: 'labels',
    info: 'Removes these labels from the result',
  },
  {
    label: 'keep',
    type: 'keyword',
    detail: 'labels',
    info: 'Keeps only these labels in the result',
  },
  {
    label: 'decolorize',
    type: 'keyword',
    detail: 'format',
    info: 'Strips ANSI colour codes from the line',
  },
];

const range = (label: string, info: string): Completion => ({
  label,
  type: 'function',
  detail: 'range',
  info,
  apply: `${label}(`,
});
const aggregation = (label: string, info: string): Completion => ({
  label,
  type: 'function',
  detail: 'aggregation',
  info,
  apply: `${label}(`,
});

/** What a query may start with: a selector, a range function or an aggregation. */
export const LOGQL_FUNCTIONS: Completion[] = [
  range('count_over_time', 'count_over_time({…}[5m]) — the number of lines in each range'),
  range('rate', 'rate({…}[5m]) — lines per second in each range'),
  range('bytes_over_time', 'bytes_over_time({…}[5m]) — the bytes of the lines in each range'),
  range('bytes_rate', 'bytes_rate({…}[5m]) — bytes per second in each range'),
  aggregation('sum', 'sum by (label) (…) — adds the series'),
  aggregation('avg', 'avg by (label) (…) — the average of the series'),
  aggregation('min', 'min by (label) (…) — the smallest of the series'),
  aggregation('max', 'max by (label) (…) — the largest of the series'),
  aggregation('count', 'count by (label) (…) — the number of series'),
  aggregation('topk', 'topk(k, …) — the k largest series'),
  aggregation('bottomk', 'bottomk(k, …) — the k smallest series'),
];

/** What may follow a selector or a line filter, in the order of how often it is wanted. */
const LINE_OPERATORS: Completion[] = [
  { label: '|=', type: 'operator', info: 'Line contains the string', apply: '|= "' },
  { label: '!=', type: 'operator', info: 'Line does not contain the string', apply: '!= "' },
  { label: '|~', type: 'operator', info: 'Line matches the RE2 regex', apply: '|~ "' },
  { label: '!~', type: 'operator', info: 'Line does not match the RE2 regex', apply: '!~ "' },
  {
    label: '|',
    type: 'operator',
    info: 'A parser, a label filter or a format stage follows',
    apply: '| ',
  },
];

export const LOGQL_LINE_OPERATORS: Completion[] = LINE_OPERATORS.map((o, i) => ({
  ...o,
  boost: LINE_OPERATORS.length - i,
}));
