/** A JSON value's keys and types, to compare a simulator's answers with real ones. */
export type Shape = string | Shape[] | { [key: string]: Shape };

/**
 * Where `actual` lacks a key the fixture has, or types it differently. Arrays compare their
 * first element's shape, so a sample of one fixture row stands for all of them.
 */
export function shapeGaps(fixture: Shape, actual: Shape, path = '$'): string[] {
  if (Array.isArray(fixture)) {
    if (!Array.isArray(actual)) return [`${path}: array expected`];
    const [f] = fixture;
    const [a] = actual;
    if (f === undefined || a === undefined) return [];
    return shapeGaps(f, a, `${path}[0]`);
  }
  if (typeof fixture === 'string') {
    return fixture === actual
      ? []
      : [`${path}: ${fixture} expected, got ${JSON.stringify(actual)}`];
  }
  if (typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: object expected`];
  return Object.keys(fixture).flatMap((k) => {
    const f = fixture[k];
    const a = actual[k];
    if (a === undefined) return [`${path}.${k}: missing`];
    return f === undefined ? [] : shapeGaps(f, a, `${path}.${k}`);
  });
}
