import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl } from './curl';

/** The words a POSIX shell hands to curl, with a stand-in curl that prints its argv. */
function argv(command: string): string[] {
  const out = execFileSync('sh', ['-c', `curl() { printf '%s\\0' "$@"; }\n${command}`]);
  return out.toString().split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it('leaves plain words bare and single-quotes the rest', () => {
    expect(shellQuote('http://loki:3100/loki/api/v1/query_range')).toBe(
      'http://loki:3100/loki/api/v1/query_range',
    );
    expect(shellQuote('a b')).toBe(`'a b'`);
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });
});

describe('toCurl', () => {
  it('sends GET params with -G --data-urlencode, awkward values intact', () => {
    const query = `{app="cart"} |= "it's $HOME \`id\` \\n" != '50%'`;
    const command = toCurl({
      method: 'GET',
      url: 'http://loki:3100/loki/api/v1/query_range',
      params: { query, limit: '1000', 'a=b c': 'x&y' },
    });
    expect(command.split(' \\\n  ')[0]).toBe('curl');
    expect(argv(command)).toEqual([
      '-G',
      'http://loki:3100/loki/api/v1/query_range',
      '--data-urlencode',
      `query=${query}`,
      '--data-urlencode',
      'limit=1000',
      '--data-urlencode',
      'a%3Db%20c=x&y',
    ]);
  });

  it("sends a GET's headers too: Loki's tenant is part of the query", () => {
    const command = toCurl({
      method: 'GET',
      url: 'http://loki:3100/loki/api/v1/query_range',
      params: { query: '{app="cart"}' },
      headers: { 'X-Scope-OrgID': 'team-a' },
    });
    expect(argv(command)).toEqual([
      '-G',
      'http://loki:3100/loki/api/v1/query_range',
      '-H',
      'X-Scope-OrgID: team-a',
      '--data-urlencode',
      'query={app="cart"}',
    ]);
  });

  it('sends a JSON body with -d and puts params into the URL', () => {
    const body = { query: { query_string: { query: `msg:"a b" AND user:$USER` } }, size: 10 };
    const command = toCurl({
      method: 'POST',
      url: 'https://es:9200/fluentd-*/_search',
      params: { ignore_unavailable: 'true' },
      body,
    });
    const words = argv(command);
    expect(words).toEqual([
      'https://es:9200/fluentd-*/_search?ignore_unavailable=true',
      '-H',
      'Content-Type: application/json',
      '-d',
      JSON.stringify(body),
    ]);
    expect(JSON.parse(words[4] ?? '')).toEqual(body);
  });

  it("sends the request's own headers, which replace the JSON content type", () => {
    const words = argv(
      toCurl({
        method: 'POST',
        url: 'https://logs.us-east-1.amazonaws.com/',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': 'Logs_20140328.StartQuery',
        },
        body: { queryString: 'fields @message' },
      }),
    );
    expect(words).toEqual([
      'https://logs.us-east-1.amazonaws.com/',
      '-H',
      'Content-Type: application/x-amz-json-1.1',
      '-H',
      'X-Amz-Target: Logs_20140328.StartQuery',
      '-d',
      '{"queryString":"fields @message"}',
    ]);
  });

  it('writes one option a line, as browsers copy it', () => {
    expect(toCurl({ method: 'GET', url: 'http://h/p', params: { q: '{a="b"}' } })).toBe(
      `curl \\\n  -G http://h/p \\\n  --data-urlencode 'q={a="b"}'`,
    );
  });

  it('names methods curl would not guess', () => {
    expect(argv(toCurl({ method: 'SCAN', url: 'local://local', params: { q: 'x' } }))).toEqual([
      '-X',
      'SCAN',
      '-G',
      'local://local',
      '--data-urlencode',
      'q=x',
    ]);
    expect(argv(toCurl({ method: 'PUT', url: 'http://h/p', body: [1] }))).toEqual([
      '-X',
      'PUT',
      'http://h/p',
      '-H',
      'Content-Type: application/json',
      '-d',
      '[1]',
    ]);
  });
});
