import { LogsiftError } from '../../../model';

/**
 * The calls Logsift makes to a cluster: cluster info, searches and what paging and field
 * lists need. Anything else (writes, deletes of indices, _update_by_query, scripts, _cat,
 * _snapshot...) is refused before it leaves, whatever a bug or a crafted index name builds.
 * Each entry: the endpoint after the target, whether a target (index pattern) comes first,
 * and the methods.
 */
const ALLOWED: readonly {
  endpoint: RegExp;
  target: 'none' | 'required' | 'optional';
  methods: readonly string[];
}[] = [
  { endpoint: /^$/, target: 'none', methods: ['GET'] },
  { endpoint: /^_search$/, target: 'optional', methods: ['GET', 'POST'] },
  { endpoint: /^_msearch$/, target: 'optional', methods: ['GET', 'POST'] },
  { endpoint: /^_count$/, target: 'optional', methods: ['GET', 'POST'] },
  { endpoint: /^_field_caps$/, target: 'optional', methods: ['GET', 'POST'] },
  { endpoint: /^_mapping$/, target: 'required', methods: ['GET'] },
  { endpoint: /^_pit$/, target: 'required', methods: ['POST'] },
  { endpoint: /^_pit$/, target: 'none', methods: ['DELETE'] },
  { endpoint: /^_search\/point_in_time$/, target: 'required', methods: ['POST'] },
  { endpoint: /^_search\/point_in_time$/, target: 'none', methods: ['DELETE'] },
  { endpoint: /^_resolve\/index\/[^/_][^/]*$/, target: 'none', methods: ['GET'] },
];

/** An index pattern as one path segment: never an API name, never a way out of the segment. */
function isTarget(segment: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return false;
  }
  return (
    decoded.length > 0 &&
    !decoded.startsWith('_') &&
    !/[/\\\0]/.test(decoded) &&
    decoded !== '.' &&
    decoded !== '..'
  );
}

/** Throws unless `method url` is one of the allowed calls under `base` (a node's URL). */
export function checkEsCall(method: string, url: URL, base: URL): void {
  const refuse = (): never => {
    throw new LogsiftError(
      'forbidden',
      `Logsift only searches Elasticsearch; ${method} ${url.pathname} is not allowed`,
    );
  };
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) refuse();
  const path = url.pathname.slice(base.pathname.length);
  const slash = path.indexOf('/');
  const first = slash < 0 ? path : path.slice(0, slash);
  const withTarget =
    first !== '' && isTarget(first) ? path.slice(slash < 0 ? path.length : slash + 1) : undefined;
  const ok = ALLOWED.some(
    (a) =>
      a.methods.includes(method) &&
      ((withTarget !== undefined && a.target !== 'none' && a.endpoint.test(withTarget)) ||
        (a.target !== 'required' && a.endpoint.test(path))),
  );
  if (!ok) refuse();
}
