import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ListQuerySchema,
  LogsiftError,
  ObjectIdSchema,
  VersionedWriteSchema,
  type ListResponse,
  type Principal,
  type Problem,
  type StoredMeta,
} from '../../../model';
import type { ChangeAction } from '../../audit/audit';
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

export function meta(object: StoredObject): StoredMeta {
  return {
    id: object.id,
    version: object.version,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
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
  present(object: StoredObject): unknown;
  summarize(object: StoredObject): unknown;
}

/** A stale write as a 409 whose `current` is shown the way GET shows it. */
export async function withConflict<T>(
  spec: Pick<ObjectRouteSpec<unknown>, 'present'>,
  work: Promise<T>,
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof StaleVersionError) {
      throw new DetailedError('conflict', error.message, { current: spec.present(error.current) });
    }
    throw error;
  }
}

/**
 * A PUT body: the object and the version it was based on, taken apart because the object's
 * schema is strict. A missing version is listed with the object's own problems.
 */
function checkVersioned<Body>(
  spec: ObjectRouteSpec<Body>,
  value: unknown,
  principal: Principal,
): { version: number; body: Body } {
  const record =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const { version, ...rest } = record ?? {};
  const parsed = VersionedWriteSchema.safeParse({ version });
  const versionProblems: Problem[] = parsed.success
    ? []
    : [{ path: 'version', message: 'the version this edit was based on is required (1, 2, …)' }];
  let body: Body;
  try {
    body = spec.check(record ? rest : value, principal);
  } catch (error) {
    const problems = error instanceof DetailedError ? error.details['problems'] : undefined;
    if (Array.isArray(problems)) refuse([...versionProblems, ...(problems as Problem[])]);
    throw error;
  }
  if (!parsed.success) refuse(versionProblems);
  return { version: parsed.data.version, body };
}

export async function getObject(
  ctx: ServerContext,
  kind: ObjectKind,
  id: string,
): Promise<StoredObject> {
  const object = await storeOf(ctx).get(kind, id);
  if (!object) throw objectNotFound(kind, id);
  return object;
}

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
    });
    return { items: items.map(spec.summarize), total };
  });

  app.get(`${spec.path}/:id`, async (request) =>
    spec.present(await getObject(ctx, spec.kind, idOf(request.params))),
  );

  app.post(spec.path, async (request, reply) => {
    const body = spec.check(request.body, request.principal);
    const created = await storeOf(ctx).create(spec.kind, spec.toWrite(body));
    auditChange(ctx, request, 'create', created);
    return reply.code(201).send(spec.present(created));
  });

  app.put(`${spec.path}/:id`, async (request) => {
    const id = idOf(request.params);
    const { version, body } = checkVersioned(spec, request.body, request.principal);
    const updated = await withConflict(
      spec,
      storeOf(ctx).update(spec.kind, id, version, spec.toWrite(body)),
    );
    auditChange(ctx, request, 'update', updated);
    return spec.present(updated);
  });

  app.delete(`${spec.path}/:id`, async (request, reply) => {
    const id = idOf(request.params);
    const { version } = parseWith(RemoveQuerySchema, request.query, 'query string');
    // Read first so the audit line names what was deleted; remove still checks the version.
    const removed = await getObject(ctx, spec.kind, id);
    await withConflict(spec, storeOf(ctx).remove(spec.kind, id, version));
    auditChange(ctx, request, 'delete', removed);
    return reply.code(204).send();
  });
}
