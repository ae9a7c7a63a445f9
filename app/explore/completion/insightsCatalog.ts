/**
 * Logs Insights QL words with the line of documentation the completion list shows, after
 * AWS's CWL_QuerySyntax pages (commands, operators, and the stats, string, datetime, numeric,
 * general, JSON and IP functions).
 */
export interface Documented {
  label: string;
  info: string;
  /** What is inserted when it differs from the label. */
  apply?: string;
}

export const INSIGHTS_COMMANDS: Documented[] = [
  { label: 'fields', info: 'Shows these fields; computes new ones with functions and as' },
  { label: 'filter', info: 'Keeps the log events that match a condition' },
  { label: 'stats', info: 'Aggregates: count(*), avg(x)… optionally by fields or bin(5m)' },
  { label: 'sort', info: 'Orders the events by a field, asc or desc' },
  { label: 'limit', info: 'Returns at most this many events' },
  { label: 'parse', info: 'Extracts fields from a field with a glob or a regex' },
  { label: 'display', info: 'Shows only these fields in the results' },
  { label: 'dedup', info: 'Keeps the first event of each value of these fields' },
  { label: 'pattern', info: 'Clusters the events into recurring text patterns' },
  { label: 'diff', info: 'Compares the patterns with those of the previous period' },
  { label: 'anomaly', info: 'Finds unusual patterns with machine learning' },
  { label: 'unmask', info: 'Shows data-protection masked content (needs permission)' },
  { label: 'unnest', info: 'Makes a row of every element of a list' },
  { label: 'filterIndex', info: 'Scans only log groups indexed for these field values' },
  { label: 'lookup', info: 'Enriches events with a lookup table' },
];

/** Fields CloudWatch adds to every event. */
export const INSIGHTS_SYSTEM_FIELDS: Documented[] = [
  { label: '@timestamp', info: 'When the event happened (event time)' },
  { label: '@message', info: 'The raw, unparsed log event' },
  { label: '@logStream', info: 'The log stream the event was added to' },
  { label: '@log', info: 'The log group: account-id:log-group-name' },
  { label: '@ingestionTime', info: 'When CloudWatch Logs received the event' },
  { label: '@ptr', info: 'A reference to the full event, for GetLogRecord' },
];

const call = (name: string, args: string, info: string): Documented => ({
  label: name,
  info: `${name}(${args}) — ${info}`,
  apply: `${name}(`,
});

export const INSIGHTS_STATS_FUNCTIONS: Documented[] = [
  {
    ...call('count', '*', 'the number of events, or of events where the field exists'),
    apply: 'count(*)',
  },
  call('count_distinct', 'field', 'the number of distinct values (approximate when many)'),
  call('sum', 'field', 'the sum of a numeric field'),
  call('avg', 'field', 'the average of a numeric field'),
  call('min', 'field', 'the smallest value'),
  call('max', 'field', 'the largest value'),
  call('pct', 'field, percentile', 'the value at a percentile, e.g. pct(latency, 95)'),
  call('stddev', 'field', 'the standard deviation of a numeric field'),
  call('earliest', 'field', 'the value from the event with the earliest timestamp'),
  call('latest', 'field', 'the value from the event with the latest timestamp'),
  call('sortsFirst', 'field', 'the value that sorts first'),
  call('sortsLast', 'field', 'the value that sorts last'),
];

/** `bin` groups by time in `stats … by`; the others compute values in any expression. */
export const INSIGHTS_BIN: Documented = call(
  'bin',
  'period',
  'rounds @timestamp down to the period (5m, 1h…) to group by time',
);

export const INSIGHTS_FUNCTIONS: Documented[] = [
  call('ispresent', 'field', 'true when the event has this field'),
  call('coalesce', 'a, b, …', 'the first value that is not null'),
  call('isempty', 'field', 'true when the field is missing or an empty string'),
  call('isblank', 'field', 'true when the field is missing, empty or only white space'),
  call('concat', 'a, b, …', 'joins strings'),
  call('strlen', 'text', 'the length in Unicode code points'),
  call('toupper', 'text', 'upper case'),
  call('tolower', 'text', 'lower case'),
  call('trim', 'text', 'without leading and trailing white space'),
  call('ltrim', 'text', 'without leading white space'),
  call('rtrim', 'text', 'without trailing white space'),
  call('substr', 'text, start, length', 'part of a string, from a 0-based index'),
  call('replace', 'text, find, with', 'every occurrence of find replaced'),
  call('strcontains', 'text, part', '1 when text contains part, else 0'),
  INSIGHTS_BIN,
  call('datefloor', 'timestamp, period', 'the timestamp rounded down to the period'),
  call('dateceil', 'timestamp, period', 'the timestamp rounded up to the period'),
  call('fromMillis', 'ms', 'a timestamp from milliseconds since the epoch'),
  call('toMillis', 'timestamp', 'milliseconds since the epoch'),
  call('abs', 'number', 'absolute value'),
  call('ceil', 'number', 'rounded up to an integer'),
  call('floor', 'number', 'rounded down to an integer'),
  call('greatest', 'a, b, …', 'the largest value'),
  call('least', 'a, b, …', 'the smallest value'),
  call('log', 'number', 'natural logarithm'),
  call('sqrt', 'number', 'square root'),
  call('jsonParse', 'text', 'a map or list from a JSON string'),
  call('jsonStringify', 'value', 'a JSON string from a map or list'),
  call('isValidIp', 'text', 'true when text is an IPv4 or IPv6 address'),
  call('isIpInSubnet', 'ip, cidr', 'true when the address is in the subnet'),
];

/** What may follow a field in a condition. */
export const INSIGHTS_OPERATORS: Documented[] = [
  { label: '=', info: 'Equal', apply: '= ' },
  { label: '!=', info: 'Not equal', apply: '!= ' },
  { label: '<', info: 'Less than', apply: '< ' },
  { label: '<=', info: 'Less than or equal to', apply: '<= ' },
  { label: '>', info: 'Greater than', apply: '> ' },
  { label: '>=', info: 'Greater than or equal to', apply: '>= ' },
  { label: 'like', info: 'Contains the string, or matches the /regex/', apply: 'like ' },
  {
    label: 'not like',
    info: 'Neither contains the string nor matches the /regex/',
    apply: 'not like ',
  },
  { label: '=~', info: 'Matches the /regex/', apply: '=~ ' },
  { label: 'in', info: 'Is one of the values of the list ["a", "b"]', apply: 'in [' },
  { label: 'not in', info: 'Is none of the values of the list', apply: 'not in [' },
];

export const INSIGHTS_KEYWORDS: Record<string, Documented> = {
  and: { label: 'and', info: 'Both conditions hold', apply: 'and ' },
  or: { label: 'or', info: 'Either condition holds', apply: 'or ' },
  not: { label: 'not', info: 'The condition does not hold', apply: 'not ' },
  as: { label: 'as', info: 'Names the result column', apply: 'as ' },
  by: { label: 'by', info: 'Groups the aggregates by fields or bin(period)', apply: 'by ' },
  asc: { label: 'asc', info: 'Smallest or oldest first' },
  desc: { label: 'desc', info: 'Largest or newest first' },
  like: { label: 'like', info: 'Contains the string, or matches the /regex/', apply: 'like ' },
  in: { label: 'in', info: 'Is one of the values of the list', apply: 'in [' },
};
