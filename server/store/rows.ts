import { randomBytes } from 'node:crypto';
import { sharingFromColumns } from './access';
import type { ObjectKind, ObjectWrite, StoredObject, StoredVersion } from './store';

/**
 * What both drivers share between the SQL and the SavedStore types: row shapes, ids, the
 * search column and its LIKE pattern. Kept here so SQLite and PostgreSQL cannot drift apart.
 */

/** 128 random bits as 22 characters of base64url: unguessable, and inside OBJECT_ID_PATTERN. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Lower-cased in JavaScript, not SQL: SQLite's lower() only knows ASCII, so `Ü` would match
 * on PostgreSQL and not on SQLite.
 */
export function searchText(write: ObjectWrite): string {
  return `${write.title}\n${write.description}`.toLowerCase();
}

/** A LIKE pattern (with ESCAPE '\') matching `search` anywhere, `%` and `_` taken literally. */
export function containsPattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface ObjectRow {
  kind: string;
  id: string;
  version: number | string;
  title: string;
  description: string;
  body: string;
  created_at: string;
  updated_at: string;
  owner: string;
  sharing: string;
  share_edit: number | string;
  share_groups: string;
}

/** The objects columns a StoredObject is read from, with `o.` for queries that join. */
export const OBJECT_COLUMNS =
  'o.kind, o.id, o.version, o.title, o.description, o.body, o.created_at, o.updated_at, o.owner, o.sharing, o.share_edit, o.share_groups';
/** The same, of an old version: content from object_versions `v`, access from objects `o`. */
export const VERSION_COLUMNS =
  'v.kind, v.id, v.version, v.title, v.description, v.body, o.created_at, v.created_at AS updated_at, o.owner, o.sharing, o.share_edit, o.share_groups';

export interface VersionRow {
  version: number | string;
  title: string;
  created_at: string;
}

export function toStoredObject(row: ObjectRow): StoredObject {
  return {
    kind: row.kind as ObjectKind,
    id: row.id,
    version: Number(row.version),
    title: row.title,
    description: row.description,
    body: JSON.parse(row.body) as unknown,
    owner: row.owner,
    sharing: sharingFromColumns(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toStoredVersion(row: VersionRow): StoredVersion {
  return { version: Number(row.version), title: row.title, createdAt: row.created_at };
}

let latest = 0;

/**
 * Now as ISO 8601, but always after `previous` and after every earlier call in this process:
 * saves within one millisecond must still list newest first, and a version's time must not
 * precede the one it replaced (even when another replica's clock is a little ahead).
 */
export function nextTimestamp(previous?: string): string {
  const after = previous === undefined ? 0 : Date.parse(previous) + 1;
  latest = Math.max(Date.now(), after, latest + 1);
  return new Date(latest).toISOString();
}
