import { AwsError, invalidParameter, resourceNotFound, validationError } from './awsError';
import type { LogGroup, LogStore } from './store';

export type Body = Record<string, unknown>;

export function optionalString(body: Body, name: string, maxLength = Infinity): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serializationError(name);
  if (value.length > maxLength) {
    throw validationError(
      value,
      name,
      `Member must have length less than or equal to ${maxLength}`,
    );
  }
  return value;
}

export function requiredString(body: Body, name: string, maxLength = Infinity): string {
  const value = optionalString(body, name, maxLength);
  if (value === undefined) {
    throw validationError('null', name, 'Member must not be null');
  }
  return value;
}

/** A whole number in `[min, max]`, or undefined when absent. */
export function optionalInteger(
  body: Body,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(name);
  if (value < min) {
    throw validationError(value, name, `Member must have value greater than or equal to ${min}`);
  }
  if (value > max) {
    throw validationError(value, name, `Member must have value less than or equal to ${max}`);
  }
  return value;
}

export function requiredInteger(
  body: Body,
  name: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = optionalInteger(body, name, min, max);
  if (value === undefined) throw validationError('null', name, 'Member must not be null');
  return value;
}

export function optionalStrings(body: Body, name: string, maxItems: number): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw serializationError(name);
  }
  if (value.length > maxItems) {
    throw validationError(
      `[${value.join(', ')}]`,
      name,
      `Member must have length less than or equal to ${maxItems}`,
    );
  }
  return value as string[];
}

/** A member of the wrong JSON type: the service cannot even read the request. */
function serializationError(member: string): AwsError {
  return new AwsError('SerializationException', `Unexpected value type for member '${member}'`);
}

/** A log group name, or an ARN naming one (`arn:aws:logs:<region>:<account>:log-group:<name>[:*]`). */
export function groupNameOf(identifier: string): string {
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier);
  return arn?.[1] ?? identifier;
}

export function findGroup(store: LogStore, identifier: string, accountId: string): LogGroup {
  const name = groupNameOf(identifier);
  const group = store.groups.get(name);
  if (!group) {
    throw resourceNotFound(`Log group '${name}' does not exist for account ID '${accountId}'`);
  }
  return group;
}

/** Exactly one of `names` may be given; returns which, with its value. */
export function exactlyOne(body: Body, names: string[]): [string, unknown] {
  const given = names.filter((n) => body[n] !== undefined && body[n] !== null);
  if (given.length !== 1) {
    throw invalidParameter(
      given.length === 0
        ? `One of ${names.join(', ')} must be specified.`
        : `${given.join(' and ')} are mutually exclusive parameters.`,
    );
  }
  const name = given[0] as string;
  return [name, body[name]];
}

/** Opaque paging tokens: base64 of a small JSON document. */
export function encodeToken(state: unknown): string {
  return Buffer.from(JSON.stringify(state)).toString('base64');
}

export function decodeToken<T>(token: string | undefined): T | undefined {
  if (token === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as T;
  } catch {
    throw invalidParameter('The specified nextToken is invalid.');
  }
}
