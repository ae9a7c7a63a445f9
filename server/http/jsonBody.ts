import { LogsiftError } from '../../model';

/**
 * JSON request bodies, replacing Fastify's parser for two reasons: an empty body is no body
 * (the UI's DELETE carries `Content-Type: application/json` and nothing else), and a refusal
 * says why: a `__proto__` key, or `constructor.prototype`, could change the prototype of
 * every object if code downstream merged the body, so it is refused by name.
 */

/** Only a body that may spell one of the keys is walked; `\u` escapes can spell them too. */
const MAY_POISON = /__proto__|constructor|\\u/;

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | undefined;
}

const pathOf = (visit: Visit): string => {
  const keys: string[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) keys.unshift(at.key);
  return keys.length > 0 ? keys.join('.') : 'the top';
};

/** Iterative, so 10,000 levels of nesting cannot overflow the stack. */
function refusePoison(root: unknown): void {
  const stack: Visit[] = [{ value: root, key: '', parent: undefined }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const value = visit.value;
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      const poisoned =
        key === '__proto__' ||
        (key === 'constructor' &&
          child !== null &&
          typeof child === 'object' &&
          Object.hasOwn(child, 'prototype'));
      if (poisoned) {
        throw new LogsiftError(
          'bad_query',
          `the request body has a "${key === '__proto__' ? key : 'constructor.prototype'}" key (in ${pathOf(visit)}): refused, as it could change the prototype of every object`,
        );
      }
      stack.push({ value: child, key, parent: visit });
    }
  }
}

export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LogsiftError(
      'bad_query',
      `the request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (MAY_POISON.test(text)) refusePoison(value);
  return value;
}
