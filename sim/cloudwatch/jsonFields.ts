type Scalar = string | number | boolean;

/** CloudWatch discovers at most this many fields of a JSON event. */
const MAX_FIELDS = 200;

/**
 * The fields Logs Insights discovers in a JSON message: nested keys joined with dots
 * (`kubernetes.namespace_name`), array items by index (`items.0.name`). A message that is
 * not a JSON object has none.
 */
export function flattenJson(message: string): Record<string, Scalar> {
  const start = message.trimStart();
  if (!start.startsWith('{')) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return {};
  }
  const out: Record<string, Scalar> = {};
  let count = 0;
  const walk = (value: unknown, path: string): void => {
    if (count >= MAX_FIELDS) return;
    if (value === null || value === undefined) return;
    if (typeof value === 'object') {
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value);
      for (const [k, v] of entries) walk(v, path ? `${path}.${k}` : k);
      return;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[path] = value;
      count++;
    }
  };
  walk(parsed, '');
  return out;
}
