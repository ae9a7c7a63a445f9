import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ListQuerySchema,
  LogsiftError,
  ObjectIdSchema,
  SharingWriteSchema,
  VersionedWriteSchema,
  type Access,
  type ListResponse,
  type Principal,
  type Problem,
  type Sharing,
  type StoredMeta,
} from '../../../model';
import type { ChangeAction } from '../../audit/audit';
import { accessOf, defaultSharing, sharingColumns } from '../../store/access';
import { StaleVersionError, objectNotFound } from '../../store/errors';
import type { ObjectKind, ObjectWrite, SavedStore, StoredObject } from '../../store/store';
import type { ServerContext } from '../context';
import { DetailedError, parseWith } from '../errors';

/**
 * The CRUD plumbing every saved-object route shares: id and version checks, the answers that
 * list problems or carry the current object of a conflict, and list/get/create/update/delete
 * for one kind. The kinds differ only in how a body is checked and shown (`ObjectRouteSpec`).
 */

/** An answer listing more would only be larger, not clearer; the count says how many there were. */
const MAX_PROBLEMS_LISTED = 1_000;

export const IdParamsSchema = z.object({ id: ObjectIdSchema });
const RemoveQuerySchema = z.strictObject({
  version: z.coerce.number().int().positive().optional(),
});

function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** 400 with every problem listed, the message saying how many and the first few. */
export function refuse(problems: Problem[]): never {
  const count = problems.length;
  const shown = problems
    .slice(0, 3)
    .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
    .join('; ');
  throw new DetailedError(
    'bad_query',
    `${count} problem${count === 1 ? '' : 's'}: ${shown}${count > 3 ? '; …' : ''}`,
    { problems: problems.slice(0, MAX_PROBLEMS_LISTED) },
  );
}

/** The parsed value, or a refusal listing the schema's problems and `more` ones together. */
export function checkWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  more: (parsed: z.infer<T>) => Problem[],
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) refuse(problemsOf(result.error));
  const problems = more(result.data);
  if (problems.length > 0) refuse(problems);
  return result.data;
}

export function storeOf(ctx: ServerContext): SavedStore {
  if (!ctx.store) {
    throw new LogsiftError('storage_unavailable', 'this server was started without saved objects');
  }
  return ctx.store;
}

/** The stored fields and what `principal` (who asked) may do with the object. */
export function meta(object: StoredObject, principal: Principal): StoredMeta {
  return {
    id: object.id,
    version: object.version,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    owner: object.owner,
    sharing: object.sharing,
    access: accessOf(principal, object) ?? 'view',
  };
}

/** The audit line of a change the store has made durable. */
export function auditChange(
  ctx: ServerContext,
  request: FastifyRequest,
  action: ChangeAction,
  object: { kind: ObjectKind | 'link'; id: string; title: string; version?: number },
): void {
  ctx.audit.change({
    user: request.principal.id,
    requestId: request.id,
    action,
    kind: object.kind,
    id: object.id,
    ...(object.version === undefined ? {} : { version: object.version }),
    title: object.title,
  });
}

export interface ObjectRouteSpec<Body> {
  kind: ObjectKind;
  /** `/api/v1/saved-queries` */
  path: string;
  /** The body as the API takes it, or a refusal listing every problem. */
  check(value: unknown, principal: Principal): Body;
  toWrite(body: Body): ObjectWrite;
  present(object: StoredObject, principal: Principal): unknown;
  summarize(object: StoredObject, principal: Principal): unknown;
}

/** A stale write as a 409 whose `current` is shown the way GET shows it. */
export async function withConflict<T>(
  spec: Pick<ObjectRouteSpec<unknown>, 'present'>,
  principal: Principal,
  work: Promise<T>,
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof StaleVersionError) {
      throw new DetailedError('conflict', error.message, {
        current: spec.present(error.current, principal),
      });
    }
    throw error;
  }
}

/**
 * A POST or PUT body: the object, the version it was based on (PUT) and the sharing to set,
 * taken apart because the object's schema is strict. Their problems are listed with the
 * object's own.
 */
function checkWrite<Body>(
  spec: ObjectRouteSpec<Body>,
  value: unknown,
  principal: Principal,
  versioned: boolean,
): { version: number; sharing: Sharing | undefined; body: Body } {
  const record =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  // A POST keeps `version` in the object, whose strict schema refuses it by name.
  const { sharing, ...withVersion } = record ?? {};
  const { version, ...rest } = withVersion;
  const problems: Problem[] = [];
  const parsedVersion = VersionedWriteSchema.safeParse({ version });
  if (versioned && !parsedVersion.success) {
    problems.push({
      path: 'version',
      message: 'the version this edit was based on is required (1, 2, …)',
    });
  }
  const parsedSharing = SharingWriteSchema.safeParse({ sharing });
  if (!parsedSharing.success) problems.push(...problemsOf(parsedSharing.error));
  let body: Body;
  try {
    body = spec.check(record ? (versioned ? rest : withVersion) : value, principal);
  } catch (error) {
    const listed = error instanceof DetailedError ? error.details['problems'] : undefined;
    if (Array.isArray(listed)) refuse([...problems, ...(listed as Problem[])]);
    throw error;
  }
  if (problems.length > 0) refuse(problems);
  return {
    version: parsedVersion.success ? parsedVersion.data.version : 0,
    sharing: parsedSharing.success ? parsedSharing.data.sharing : undefined,
    body,
  };
}

/**
 * The object and what `principal` may do with it. One it may not see is `not_found`, worded
 * exactly as a missing one, so ids of others' private objects cannot be probed.
 */
export async function getVisible(
  ctx: ServerContext,
  principal: Principal,
  kind: ObjectKind,
  id: string,
): Promise<{ object: StoredObject; access: Access }> {
  const object = await storeOf(ctx).get(kind, id);
  const access = object && accessOf(principal, object);
  if (!object || !access) throw objectNotFound(kind, id);
  return { object, access };
}

const NOUN: Record<ObjectKind, string> = { query: 'saved query', dashboard: 'dashboard' };

/** 403 unless `access` allows saving new versions. */
export function requireEdit(kind: ObjectKind, object: StoredObject, access: Access): void {
  if (access === 'view') {
    throw new LogsiftError(
      'forbidden',
      `this ${NOUN[kind]} is shared with you to view only; ask its owner (${object.owner}) to let you edit, or save a copy of your own`,
    );
  }
}

function requireOwner(kind: ObjectKind, object: StoredObject, access: Access, what: string): void {
  if (access !== 'owner') {
    throw new LogsiftError(
      'forbidden',
      `only the owner of this ${NOUN[kind]} (${object.owner}) can ${what}`,
    );
  }
}

const sameSharing = (a: Sharing, b: Sharing): boolean =>
  JSON.stringify(sharingColumns(a)) === JSON.stringify(sharingColumns(b));

export function registerObjectRoutes<Body>(
  app: FastifyInstance,
  ctx: ServerContext,
  spec: ObjectRouteSpec<Body>,
): void {
  const idOf = (params: unknown) => parseWith(IdParamsSchema, params, 'id').id;

  app.get(spec.path, async (request): Promise<ListResponse<unknown>> => {
    const query = parseWith(ListQuerySchema, request.query, 'query string');
    const { items, total } = await storeOf(ctx).list(spec.kind, {
      ...(query.search ? { search: query.search } : {}),
      limit: query.limit,
      offset: query.offset,
      viewer: request.principal,
    });
    return { items: items.map((o) => spec.summarize(o, request.principal)), total };
  });

  app.get(`${spec.path}/:id`, async (request) => {
    const { object } = await getVisible(ctx, request.principal, spec.kind, idOf(request.params));
    return spec.present(object, request.principal);
  });

  app.post(spec.path, async (request, reply) => {
    const { body, sharing } = checkWrite(spec, request.body, request.principal, false);
    const created = await storeOf(ctx).create(spec.kind, {
      ...spec.toWrite(body),
      owner: request.principal.id,
      sharing: sharing ?? defaultSharing(request.principal),
    });
    auditChange(ctx, request, 'create', created);
    return reply.code(201).send(spec.present(created, request.principal));
  });

  app.put(`${spec.path}/:id`, async (request) => {
    const id = idOf(request.params);
    const { version, sharing, body } = checkWrite(spec, request.body, request.principal, true);
    const { object, access } = await getVisible(ctx, request.principal, spec.kind, id);
    requireEdit(spec.kind, object, access);
    if (sharing && !sameSharing(sharing, object.sharing)) {
      requireOwner(spec.kind, object, access, 'change who it is shared with');
    }
    // A sharing change makes a new version, so the update below, bound to the version whose
    // access was just checked, fails with a conflict if the access changed meanwhile.
    const updated = await withConflict(
      spec,
      request.principal,
      storeOf(ctx).update(spec.kind, id, version, {
        ...spec.toWrite(body),
        ...(sharing ? { sharing } : {}),
      }),
    );
    auditChange(ctx, request, 'update', updated);
    return spec.present(updated, request.principal);
  });

  app.delete(`${spec.path}/:id`, async (request, reply) => {
    const id = idOf(request.params);
    const { version } = parseWith(RemoveQuerySchema, request.query, 'query string');
    // Read first so the audit line names what was deleted; remove still checks the version.
    const { object, access } = await getVisible(ctx, request.principal, spec.kind, id);
    // Deleting drops every version, the ones an editor's mistake could be restored from.
    requireOwner(spec.kind, object, access, 'delete it');
    await withConflict(spec, request.principal, storeOf(ctx).remove(spec.kind, id, version));
    auditChange(ctx, request, 'delete', object);
    return reply.code(204).send();
  });
}
