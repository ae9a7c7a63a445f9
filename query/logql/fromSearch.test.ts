import { describe, expect, it } from 'vitest';
import { parseKQL } from '../kql';
import { searchToLogql } from './fromSearch';

const labels = new Set(['namespace', 'pod', 'app', 'level']);
const logql = (kql: string) => searchToLogql(parseKQL(kql), (name) => labels.has(name));

describe('KQL for Loki', () => {
  it('puts label clauses in the selector and free text in case-insensitive line filters', () => {
    expect(logql('namespace:"payments" and pod:api* and timeout')).toBe(
      '{namespace="payments", pod=~"api.*"} |~ "(?i)timeout"',
    );
    expect(logql('namespace:(shop or payments) and not level:debug and not "health check"')).toBe(
      '{namespace=~"shop|payments", level!="debug"} !~ "(?i)health check"',
    );
    expect(logql('app:* and (error or fail*)')).toBe('{app=~".+"} |~ "(?i)(error|fail.*)"');
  });

  it('escapes regex and string characters', () => {
    expect(logql('namespace:"a.b" and "x\\"y"')).toBe('{namespace="a.b"} |~ "(?i)x\\"y"');
    expect(logql('pod:a.b*')).toBe('{pod=~"a\\\\.b.*"}');
  });

  it('refuses what needs a parsed field or has no selector, naming it', () => {
    expect(() => logql('status >= 500 and namespace:x')).toThrow(/field "status"/);
    expect(() => logql('error')).toThrow(/at least one label/);
    expect(() => logql('namespace:a or pod:b')).toThrow(/"or" across different fields/);
  });
});
