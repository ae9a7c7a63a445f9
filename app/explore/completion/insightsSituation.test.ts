import { describe, expect, it } from 'vitest';
import { insightsSituationAt } from './insightsSituation';

const at = (text: string) => insightsSituationAt(text.replace('¦', ''), text.indexOf('¦'));

describe('insightsSituationAt', () => {
  it('offers commands at the start and after |, also while the word is typed', () => {
    expect(at('¦')).toEqual({ type: 'COMMAND', from: 0 });
    expect(at('fi¦')).toEqual({ type: 'COMMAND', from: 0 });
    expect(at('fields @message | so¦')).toEqual({ type: 'COMMAND', from: 18 });
    expect(at('fields @message |\n¦')).toEqual({ type: 'COMMAND', from: 18 });
  });

  it('offers fields and the functions each command takes', () => {
    expect(at('fields ¦')).toEqual({ type: 'EXPRESSION', from: 7, functions: 'scalar' });
    expect(at('fields @timestamp, @mes¦')).toEqual({
      type: 'EXPRESSION',
      from: 19,
      functions: 'scalar',
    });
    expect(at('filter ¦')).toMatchObject({ type: 'EXPRESSION', functions: 'scalar' });
    expect(at('filter a = 1 and ¦')).toMatchObject({ type: 'EXPRESSION', from: 17 });
    expect(at('stats ¦')).toEqual({ type: 'EXPRESSION', from: 6, functions: 'stats' });
    expect(at('stats count(*), av¦')).toEqual({ type: 'EXPRESSION', from: 16, functions: 'stats' });
    expect(at('stats avg(¦')).toEqual({ type: 'EXPRESSION', from: 10, functions: 'scalar' });
    expect(at('stats count(*) by ¦')).toEqual({ type: 'EXPRESSION', from: 18, functions: 'bin' });
    expect(at('stats count(*) by level, ¦')).toMatchObject({ functions: 'bin' });
    expect(at('sort ¦')).toEqual({ type: 'EXPRESSION', from: 5, functions: 'none' });
    expect(at('display ¦')).toMatchObject({ functions: 'none' });
    expect(at('dedup @logStream, ¦')).toMatchObject({ functions: 'none' });
    expect(at('parse ¦')).toMatchObject({ type: 'EXPRESSION', functions: 'none' });
  });

  it('offers comparison operators after a field in a filter, and/or after a condition', () => {
    expect(at('filter level ¦')).toEqual({
      type: 'NEXT',
      from: 13,
      keywords: ['and', 'or'],
      operators: true,
    });
    expect(at('filter level = "x" ¦')).toEqual({
      type: 'NEXT',
      from: 19,
      keywords: ['and', 'or'],
      operators: false,
    });
    expect(at('filter level not ¦')).toMatchObject({ type: 'NEXT', keywords: ['like', 'in'] });
    expect(at('sort @timestamp ¦')).toMatchObject({ type: 'NEXT', keywords: ['asc', 'desc'] });
    expect(at('sort @timestamp de¦')).toMatchObject({ type: 'NEXT', from: 16 });
    expect(at('stats count(*) ¦')).toMatchObject({ type: 'NEXT', keywords: ['as', 'by'] });
    expect(at('stats count(*) by x ¦')).toMatchObject({ type: 'NEXT', keywords: ['as'] });
    expect(at('fields strlen(@message) ¦')).toMatchObject({ type: 'NEXT', keywords: ['as'] });
  });

  it('offers the values of the field after =, like, in [ and inside an open quote', () => {
    expect(at('filter level = ¦')).toEqual({
      type: 'VALUE',
      from: 15,
      field: 'level',
      quoted: false,
    });
    expect(at('filter level like ¦')).toMatchObject({ type: 'VALUE', field: 'level' });
    expect(at('filter level not like ¦')).toMatchObject({ type: 'VALUE', field: 'level' });
    expect(at('filter level in [¦')).toMatchObject({ type: 'VALUE', field: 'level' });
    expect(at('filter level = "er¦')).toEqual({
      type: 'VALUE',
      from: 16,
      field: 'level',
      quoted: true,
    });
    expect(at("filter `kubernetes.pod name` != 'we¦")).toEqual({
      type: 'VALUE',
      from: 33,
      field: 'kubernetes.pod name',
      quoted: true,
    });
  });

  it('offers nothing inside a regex, a comment, an alias or a limit', () => {
    expect(at('filter @message like /time¦')).toEqual({ type: 'NONE' });
    expect(at('filter @message =~ /a"b¦')).toEqual({ type: 'NONE' });
    expect(at('parse @message /(?<a>x¦')).toEqual({ type: 'NONE' });
    expect(at('fields x / 2 | filter x = "¦')).toMatchObject({ type: 'VALUE', field: 'x' });
    expect(at('# a comment ¦')).toEqual({ type: 'NONE' });
    expect(at('stats count(*) as ¦')).toEqual({ type: 'NONE' });
    expect(at('limit ¦')).toEqual({ type: 'NONE' });
    expect(at('filter level = "x"¦')).toEqual({ type: 'NONE' });
  });

  it('finds the situation at the end of a 64 KB query in one pass', () => {
    const text =
      'fields @message' + ' | filter level = "error" # note\n'.repeat(2000) + '| filter level = "e';
    const started = performance.now();
    expect(insightsSituationAt(text, text.length)).toMatchObject({ type: 'VALUE', field: 'level' });
    const ms = performance.now() - started;
    console.log(`Insights situation at the end of ${text.length} characters: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1000);
  });
});
