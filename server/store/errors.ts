import { LogsiftError } from '../../model';
import type { ObjectKind, StoredObject } from './store';

const NOUN: Record<ObjectKind, string> = { query: 'saved query', dashboard: 'dashboard' };

/** A write based on a version someone else has replaced; `current` is what they saved. */
export class StaleVersionError extends LogsiftError {
  readonly current: StoredObject;
  constructor(current: StoredObject, expected: number) {
    super(
      'conflict',
      `this ${NOUN[current.kind]} was saved by someone else meanwhile (version ${current.version}, you edited version ${expected})`,
    );
    this.name = 'StaleVersionError';
    this.current = current;
  }
}

export function objectNotFound(kind: ObjectKind, id: string): LogsiftError {
  return new LogsiftError('not_found', `no ${NOUN[kind]} with id ${id}`);
}

export function versionNotFound(kind: ObjectKind, id: string, version: number): LogsiftError {
  return new LogsiftError('not_found', `${NOUN[kind]} ${id} has no version ${version}`);
}

export function linkNotFound(id: string): LogsiftError {
  return new LogsiftError('not_found', `no short link ${id}; it may have been mistyped`);
}
