import type { NativeRequest } from '../../model';

const SAFE = /^[\w@%+=:,./-]+$/;

/** POSIX shell quoting: inside single quotes only `'` itself needs care, so `$`, `"` and `\` stay inert. */
export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The request as a curl command, one option a line as browsers' "Copy as cURL" does.
 * Without a body, params go through -G --data-urlencode so curl does the encoding and the
 * values stay readable; with a body, -G would move the body into the URL too, so the params
 * are encoded into the URL instead.
 */
export function toCurl(request: NativeRequest): string {
  const params = Object.entries(request.params ?? {});
  const hasBody = request.body !== undefined;
  const method = request.method.toUpperCase();
  const args: string[] = [];
  // -d already means POST, and -G already means GET.
  if (!(hasBody && method === 'POST') && !(!hasBody && method === 'GET')) {
    args.push(`-X ${shellQuote(method)}`);
  }
  if (hasBody) {
    const query = new URLSearchParams(params).toString();
    const joiner = request.url.includes('?') ? '&' : '?';
    args.push(shellQuote(query ? `${request.url}${joiner}${query}` : request.url));
    const headers = { 'Content-Type': 'application/json', ...request.headers };
    for (const [name, value] of Object.entries(headers)) {
      args.push(`-H ${shellQuote(`${name}: ${value}`)}`);
    }
    args.push(`-d ${shellQuote(JSON.stringify(request.body))}`);
  } else {
    args.push(`-G ${shellQuote(request.url)}`);
    // Loki's X-Scope-OrgID: the tenant a query reads is part of what it asks.
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      args.push(`-H ${shellQuote(`${name}: ${value}`)}`);
    }
    // curl encodes only what follows the first '=', so the name is encoded here.
    for (const [name, value] of params) {
      args.push(`--data-urlencode ${shellQuote(`${encodeURIComponent(name)}=${value}`)}`);
    }
  }
  return ['curl', ...args].join(' \\\n  ');
}
