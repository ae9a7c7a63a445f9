import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLogQL } from './compile';
import type { CompiledLogQuery } from './types';

const nginx = readFileSync(
  new URL('../testdata/beats_nginx_access_test.log', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter(Boolean);
const dockerJson = readFileSync(
  new URL('../testdata/fluentbit_core_unescaping_json.log', import.meta.url),
  'utf8',
).trim();

function logQuery(text: string): CompiledLogQuery {
  const compiled = compileLogQL(text);
  if (compiled.kind !== 'log') throw new Error('log query expected');
  return compiled;
}

function run(text: string, lines: string[], labels = { job: 'nginx' }) {
  const q = logQuery(text);
  if (!q.matchesStream(labels)) return [];
  return lines.filter((l) => q.testLine(l)).flatMap((l) => q.process(l, labels) ?? []);
}

describe('log query evaluation', () => {
  it('matches streams with anchored regexes', () => {
    const q = logQuery('{job=~"ngin.", env!="prod"}');
    expect(q.matchesStream({ job: 'nginx' })).toBe(true);
    expect(q.matchesStream({ job: 'nginx-ingress' })).toBe(false);
    expect(q.matchesStream({ job: 'nginx', env: 'prod' })).toBe(false);
  });

  it('filters real nginx lines with chained and alternative line filters', () => {
    expect(run('{job="nginx"} |= "ocelot"', nginx)).toHaveLength(3);
    expect(run('{job="nginx"} |= "ocelot" or "stringpatch"', nginx)).toHaveLength(4);
    expect(run('{job="nginx"} != "ocelot" |~ "\\" 40[0-9] "', nginx).length).toBeGreaterThan(0);
    expect(logQuery('{job="nginx"} |= "ocelot"').filtersOnly).toBe(true);
  });

  it('extracts fields with pattern and compares numbers', () => {
    const rows = run(
      '{job="nginx"} | pattern `<ip> - - [<_>] "<method> <path> <_>" <status> <size> <_>` | status >= 400',
      nginx,
    );
    const parsed = rows.filter((row) => !row.fields['__error__']);
    expect(
      parsed.map((row) => [row.fields['method'], row.fields['path'], row.fields['status']]),
    ).toEqual([
      ['GET', '/stringpatch', '404'],
      ['GET', '/test.html', '404'],
    ]);
    // The empty request `""` does not fit the pattern: Loki keeps it, marked, for the user to see.
    expect(rows.filter((row) => row.fields['__error__'] === 'LabelFilterErr')).toHaveLength(1);
  });

  it('parses nested JSON, suffixes collisions and marks errors like Loki', () => {
    const q = logQuery('{job="x"} | json');
    const out = q.process('{"job":"y","http":{"status":503,"ok":false},"tags":["a"]}', {
      job: 'x',
    });
    expect(out?.fields).toEqual({ job_extracted: 'y', http_status: '503', http_ok: 'false' });
    const bad = q.process('{"log":"oops"', { job: 'x' });
    expect(bad?.fields['__error__']).toBe('JSONParserErr');
    expect(logQuery('{job="x"} | json | __error__=""').process('nope', { job: 'x' })).toBeNull();
  });

  it('names parsed keys the same on every line, however often a key repeats', () => {
    const q = logQuery('{job="x"} | json');
    const line = '{"1st-try":"a","user.id":7,"ok":true,"job":"y"}';
    const expected = { _1st_try: 'a', user_id: '7', ok: 'true', job_extracted: 'y' };
    const seen = [line, line, line].map((l) => q.process(l, { job: 'x' })?.fields);
    expect(seen).toEqual([expected, expected, expected]);
    expect(q.process(line, { job: 'x', ok: 'z' })?.fields).toMatchObject({ ok_extracted: 'true' });
    const logfmt = logQuery('{job="x"} | logfmt');
    const pairs = ['1st-try=a user.id=7', '1st-try=b user.id=8'].map(
      (l) => logfmt.process(l, { job: 'x' })?.fields,
    );
    expect(pairs).toEqual([
      { _1st_try: 'a', user_id: '7' },
      { _1st_try: 'b', user_id: '8' },
    ]);
    // Memoized on the first parse, replayed after: the same answer each time.
    const bad = ['{"user.id":7', '{"user.id":7', '{"user.id":7', '[1]', '[1]', '[1]'];
    expect(bad.map((l) => q.process(l, { job: 'x' })?.fields['__error__'])).toEqual(
      Array(6).fill('JSONParserErr'),
    );
    // Names that clean to the same label are written in line order, the last one winning.
    const clash = '{"job_extracted":"A","job":"B","job.extracted":"C","a.b":"1","a_b":"2"}';
    for (let i = 0; i < 3; i++) {
      expect(q.process(clash, { job: 'x' })?.fields).toEqual({ job_extracted: 'C', a_b: '2' });
      expect(q.process(clash, { app: 'x' })?.fields).toEqual({
        job_extracted: 'C',
        job: 'B',
        a_b: '2',
      });
    }
  });

  it('parses the same once a query has memoized all the new lines it may', () => {
    const q = logQuery('{job="x"} | json');
    const pad = 'p'.repeat(1000);
    // More than a query's memo budget (8M characters) of distinct lines first.
    for (let i = 0; i < 9000; i++) q.process(`{"pad":"${pad}","i":${i}}`, { job: 'x' });
    const clash = '{"job_extracted":"A","job":"B","job.extracted":"C","a.b":"1","a_b":"2"}';
    expect(q.process(clash, { app: 'x' })?.fields).toEqual({
      job_extracted: 'C',
      job: 'B',
      a_b: '2',
    });
    expect(q.process('{"user.id":7', { job: 'x' })?.fields['__error__']).toBe('JSONParserErr');
    expect(q.process(dockerJson, { job: 'x' })?.fields['stream']).toBe('stdout');
  });

  it('reads the stringified JSON of a real Docker line one level deep', () => {
    const out = logQuery('{job="x"} | json | line_format "{{.log}}" | json').process(dockerJson, {
      job: 'x',
    });
    expect(out?.fields['stream']).toBe('stdout');
    expect(out?.fields['stringified_json']).toContain('stringified-json');
    expect(out?.fields['text']).toContain('embedded quoted');
  });

  it('applies label filters grouped in parentheses before the and around them', () => {
    const rows = run(
      '{job="nginx"} | pattern `<ip> - - [<_>] "<method> <path> <_>" <status> <_>` | (status >= 400 or method="POST") and path!="/test.html"',
      nginx,
    ).filter((row) => !row.fields['__error__']);
    expect(rows.length).toBeGreaterThan(0);
    for (const { fields } of rows) {
      expect(Number(fields['status']) >= 400 || fields['method'] === 'POST').toBe(true);
      expect(fields['path']).not.toBe('/test.html');
    }
    const ungrouped = run(
      '{job="nginx"} | pattern `<ip> - - [<_>] "<method> <path> <_>" <status> <_>` | status >= 400 or method="POST" and path!="/test.html"',
      nginx,
    ).filter((row) => !row.fields['__error__']);
    expect(ungrouped.map((row) => row.fields['path'])).toContain('/test.html');
  });

  it('keeps entries whose numeric filter cannot convert, marked LabelFilterErr', () => {
    const q = logQuery('{job="x"} | logfmt | latency > 250ms');
    expect(q.process('latency=300ms', { job: 'x' })?.fields['__error__']).toBeUndefined();
    expect(q.process('latency=100ms', { job: 'x' })).toBeNull();
    expect(q.process('latency=fast', { job: 'x' })?.fields['__error__']).toBe('LabelFilterErr');
  });

  it('parses logfmt with quoted values and reports unterminated quotes', () => {
    const q = logQuery('{job="x"} | logfmt');
    expect(q.process('level=warn msg="slow \\"db\\"" ms=12', { job: 'x' })?.fields).toEqual({
      level: 'warn',
      msg: 'slow "db"',
      ms: '12',
    });
    expect(q.process('msg="open', { job: 'x' })?.fields['__error__']).toBe('LogfmtParserErr');
    // Loki's own example (Grafana's streams_parse_errors fixture): `"hello1` fails to parse.
    expect(q.process('"hello1', { job: 'x' })?.fields['__error__']).toBe('LogfmtParserErr');
    expect(q.process('{"a":1}', { job: 'x' })?.fields['__error__']).toBe('LogfmtParserErr');
  });

  it('formats, renames, drops and keeps labels', () => {
    const q = logQuery(
      '{job="x"} | logfmt | label_format who=user, tag="{{.who}}-{{.job}}" | line_format "{{.who}} did {{.act}}" | drop act',
    );
    expect(q.process('user=ann act=login', { job: 'x' })).toEqual({
      line: 'ann did login',
      labels: { job: 'x' },
      fields: { who: 'ann', tag: 'ann-x' },
    });
    const keep = logQuery('{job="x"} | logfmt | keep job, a="1"');
    expect(keep.process('a=1 b=2', { job: 'x', pod: 'p' })).toMatchObject({
      labels: { job: 'x' },
      fields: { a: '1' },
    });
  });

  it('unpacks Promtail packed entries and strips colours', () => {
    const unpacked = logQuery('{job="x"} | unpack').process('{"_entry":"hello","pod":"p1"}', {
      job: 'x',
    });
    expect(unpacked).toMatchObject({ line: 'hello', fields: { pod: 'p1' } });
    const plain = logQuery('{job="x"} | decolorize').process('\u001b[31mred\u001b[0m text', {
      job: 'x',
    });
    expect(plain?.line).toBe('red text');
  });
});

describe('metric query evaluation', () => {
  const entries: [number, string][] = [
    [1_000, 'level=error msg=a'],
    [20_000, 'level=info msg=b'],
    [50_000, 'level=error msg=c'],
    [70_000, 'level=error msg=dd'],
  ];
  const source = {
    forEach(visit: (ts: number, line: string, labels: Record<string, string>) => void) {
      for (const [ts, line] of entries) visit(ts, line, { job: 'x' });
    },
  };

  it('counts over sliding windows grouped by a parsed label', () => {
    const q = compileLogQL('sum by (level) (count_over_time({job="x"} | logfmt [1m]))');
    if (q.kind !== 'metric') throw new Error('metric query expected');
    expect(q.rangeMs).toBe(60_000);
    const series = q.evaluate(source, 0, 120_000, 30_000);
    const error = series.find((s) => s.labels['level'] === 'error');
    expect(error?.times).toEqual([0, 30_000, 60_000, 90_000, 120_000]);
    expect(error?.values.slice(1)).toEqual([1, 2, 2, 1]);
  });

  it('computes rates and bytes, and topk per step', () => {
    const rate = compileLogQL('sum(rate({job="x"}[1m]))');
    if (rate.kind !== 'metric') throw new Error('metric query expected');
    expect(rate.evaluate(source, 60_000, 60_000, 1_000)[0]?.values).toEqual([3 / 60]);
    const bytes = compileLogQL('sum(bytes_over_time({job="x"}[2m]))');
    if (bytes.kind !== 'metric') throw new Error('metric query expected');
    const total = entries.reduce((n, [, l]) => n + l.length, 0);
    expect(bytes.evaluate(source, 100_000, 100_000, 1_000)[0]?.values).toEqual([total]);
    const top = compileLogQL('topk(1, sum by (level) (count_over_time({job="x"} | logfmt [2m])))');
    if (top.kind !== 'metric') throw new Error('metric query expected');
    const picked = top.evaluate(source, 100_000, 100_000, 1_000);
    expect(picked).toHaveLength(1);
    expect(picked[0]?.labels).toEqual({ level: 'error' });
  });

  it('groups by seeded structured metadata such as detected_level', () => {
    const q = compileLogQL('sum by (detected_level) (count_over_time({job="x"} [2m]))');
    if (q.kind !== 'metric') throw new Error('metric query expected');
    const seeded = {
      forEach(
        visit: (
          ts: number,
          line: string,
          labels: Record<string, string>,
          seed?: Record<string, string>,
        ) => void,
      ) {
        for (const [ts, line] of entries) {
          visit(ts, line, { job: 'x' }, { detected_level: line.slice(6, line.indexOf(' ')) });
        }
      },
    };
    const series = q.evaluate(seeded, 100_000, 100_000, 1_000);
    expect(series.map((s) => [s.labels, s.values])).toEqual([
      [{ detected_level: 'error' }, [3]],
      [{ detected_level: 'info' }, [1]],
    ]);
  });
});
