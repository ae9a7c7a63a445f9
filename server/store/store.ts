import type { Principal, Sharing } from '../../model';

/**
 * Saved objects (queries, dashboards) and short links, on SQLite by default or PostgreSQL
 * for several replicas. Both drivers keep one schema (`migrations.ts`) and pass one contract
 * test suite; the routes never know which one they talk to.
 */

export const OBJECT_KINDS = ['query', 'dashboard'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** What a write stores: the routes validate `body` and pick the searchable title. */
export interface ObjectWrite {
  title: string;
  description: string;
  /** The object as JSON-able data; stored whole, returned whole. */
  body: unknown;
  /**
   * On update: the new sharing, or absent to keep it. A change is a new version, so a write
   * whose permission was checked on version N cannot land after someone changed N's sharing.
   */
  sharing?: Sharing;
}

/** A create: the content, who owns it and who else may see it. */
export interface NewObject extends ObjectWrite {
  owner: string;
  sharing: Sharing;
}

export interface StoredObject {
  kind: ObjectKind;
  id: string;
  version: number;
  title: string;
  description: string;
  body: unknown;
  /** `Principal.id` of its creator. */
  owner: string;
  /** The current sharing, also when an old version is read (access is not versioned). */
  sharing: Sharing;
  /** ISO 8601 of the first version. */
  createdAt: string;
  /** ISO 8601 of this version. */
  updatedAt: string;
}

export interface StoredVersion {
  version: number;
  title: string;
  createdAt: string;
}

export interface ListOptions {
  /** Case-insensitive substring of the title or description. */
  search?: string;
  limit: number;
  offset: number;
  /**
   * Only what this principal may see (owned, shared with one of its groups, or public);
   * absent or unrestricted: everything.
   */
  viewer?: Principal;
}

/**
 * Every method either does all it says or nothing (one transaction), so a crash mid-save
 * leaves the previous version; a method resolves only once its write is durable.
 *
 * Errors are LogsiftErrors: `not_found` for an unknown id, `storage_unavailable` when the
 * database does not answer, and `StaleVersionError` (code `conflict`) for a stale version.
 */
export interface SavedStore {
  readonly driver: 'sqlite' | 'postgres';
  /** Runs the migrations not yet applied; safe to call again (e.g. after PostgreSQL comes back). */
  migrate(): Promise<void>;
  /** Newest first (by updatedAt), with the number of all matches. */
  list(kind: ObjectKind, options: ListOptions): Promise<{ items: StoredObject[]; total: number }>;
  get(kind: ObjectKind, id: string): Promise<StoredObject | undefined>;
  /** Version 1 under a new unguessable id. */
  create(kind: ObjectKind, object: NewObject): Promise<StoredObject>;
  /** Version `expectedVersion + 1`, or StaleVersionError when the stored version is not `expectedVersion`. */
  update(
    kind: ObjectKind,
    id: string,
    expectedVersion: number,
    write: ObjectWrite,
  ): Promise<StoredObject>;
  /** Removes the object and its versions; with `expectedVersion`, only if it is still current. */
  remove(kind: ObjectKind, id: string, expectedVersion?: number): Promise<void>;
  /** Newest first. */
  versions(kind: ObjectKind, id: string): Promise<StoredVersion[]>;
  version(kind: ObjectKind, id: string, version: number): Promise<StoredObject | undefined>;
  /** Stores a Logsift-relative URL under a new unguessable id. */
  createLink(url: string): Promise<string>;
  link(id: string): Promise<string | undefined>;
  /** Resolves when the database answers a trivial query; rejects with storage_unavailable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
