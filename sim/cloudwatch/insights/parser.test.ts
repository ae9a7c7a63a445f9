import { describe, expect, it } from 'vitest';
import { AwsError } from '../awsError';
import { parseInsights } from './parser';

function compileError(query: string): Record<string, unknown> {
  try {
    parseInsights(query);
  } catch (error) {
    if (error instanceof AwsError) return { code: error.code, ...error.body() };
    throw error;
  }
  throw new Error(`parsed: ${query}`);
}

describe('parseInsights', () => {
  it('reads commands separated by pipes, skipping comments', () => {
    const query = parseInsights(
      'fields @timestamp, @message # what to show\n| filter level = "error" | sort @timestamp desc | limit 20',
    );
    expect(query.commands.map((c) => c.type)).toEqual(['fields', 'filter', 'sort', 'limit']);
  });

  it('names a column by its alias, else by its text as written', () => {
    const [stats] = parseInsights('stats count(*) as n, avg(ms) by bin(5m)').commands;
    expect(stats).toMatchObject({
      type: 'stats',
      aggregates: [{ name: 'n' }, { name: 'avg(ms)' }],
      by: [{ name: 'bin(5m)', expr: { type: 'call', args: [{ type: 'duration', ms: 300_000 }] } }],
    });
  });

  it('reads backquoted names, regexps after like and parse, and division elsewhere', () => {
    const [fields, filter, parse] = parseInsights(
      'fields `kubernetes.pod-name` as pod, bytes / 2 as half | filter @message like /(?i)err/ | parse @message /user=(?<user>\\w+)/',
    ).commands;
    expect(fields).toMatchObject({
      items: [
        { name: 'pod', expr: { type: 'field', name: 'kubernetes.pod-name' } },
        { name: 'half', expr: { type: 'binary', op: '/' } },
      ],
    });
    expect(filter).toMatchObject({ expr: { op: 'like', right: { type: 'regex' } } });
    expect((filter as { expr: { right: { regex: RegExp } } }).expr.right.regex.flags).toBe('i');
    expect(parse).toMatchObject({ type: 'parse', names: ['user'] });
  });

  it('gives and precedence over or, and reads not like and not in', () => {
    const [filter] = parseInsights(
      'filter a = 1 or b = 2 and c not like "x" and d not in ["y", "z"]',
    ).commands;
    expect(filter).toMatchObject({
      expr: {
        op: 'or',
        right: {
          op: 'and',
          left: { op: 'and', right: { op: 'not like' } },
          right: { op: 'not in' },
        },
      },
    });
  });

  it('refuses a bad symbol with its line, position and character offsets', () => {
    const error = compileError('fields @message\n| filter x = 1 bad');
    expect(error).toEqual({
      code: 'MalformedQueryException',
      __type: 'MalformedQueryException',
      message: 'unexpected symbol found bad at line 2 and position 16',
      queryCompileError: {
        location: { startCharOffset: 31, endCharOffset: 34 },
        message: 'unexpected symbol found bad at line 2 and position 16',
      },
    });
  });

  it.each([
    ['an unknown command', 'select *', 'select'],
    ['an unknown function', 'fields nope(@message)', 'nope'],
    ['a stats item without an aggregate', 'stats level by host', 'stats'],
    ['a parse glob with too few names', 'parse @message "a=* b=*" as a', '"a=* b=*"'],
    ['an unclosed string', 'filter a = "x', '"x'],
    ['an empty query', '', 'EOF'],
    ['a regex that does not compile', 'filter @message like /(/', '/(/'],
    ['a parse regex that does not compile', 'parse @message /(?<a>/', '/(?<a>/'],
    ['a trailing pipe', 'fields a |', 'EOF'],
  ])('refuses %s', (_, query, found) => {
    expect(compileError(query).message).toContain(`unexpected symbol found ${found} at line 1`);
  });
});
