import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DASHBOARD_EXPORT_SCHEMA,
  DASHBOARD_EXPORT_VERSION,
  DashboardBodySchema,
  DashboardExportSchema,
  MAX_PANELS,
  ObjectIdSchema,
  VersionedWriteSchema,
  type Dashboard,
  type DashboardBody,
  type DashboardExport,
  type DashboardSummary,
  type Principal,
  type VersionInfo,
} from '../../../model';
import { defaultSharing } from '../../store/access';
import { versionNotFound } from '../../store/errors';
import type { StoredObject } from '../../store/store';
import type { ServerContext } from '../context';
import { parseWith } from '../errors';
import { dashboardProblems } from './savedChecks';
import {
  auditChange,
  checkWith,
  getVisible,
  meta,
  refuse,
  registerObjectRoutes,
  requireEdit,
  storeOf,
  withConflict,
} from './savedObjects';

const PATH = '/api/v1/dashboards';

const present = (object: StoredObject, principal: Principal): Dashboard => ({
  ...(object.body as DashboardBody),
  ...meta(object, principal),
});

const summarize = (object: StoredObject, principal: Principal): DashboardSummary => ({
  ...meta(object, principal),
  title: object.title,
  description: object.description,
  panelCount: (object.body as DashboardBody).panels.length,
});

const VersionParamsSchema = z.object({
  id: ObjectIdSchema,
  v: z.coerce.number().int().positive('a version is a positive whole number'),
});

/**
 * Checked before the schema: 10,000 panels would otherwise each be validated, and each
 * wrong one listed, for an answer larger than the request.
 */
function refuseTooManyPanels(value: unknown, prefix: string[]): void {
  const panels = (value as { panels?: unknown } | null | undefined)?.panels;
  if (Array.isArray(panels) && panels.length > MAX_PANELS) {
    refuse([
      {
        path: [...prefix, 'panels'].join('.'),
        message: `a dashboard holds at most ${MAX_PANELS} panels (this one has ${panels.length})`,
      },
    ]);
  }
}

/** A file name from the title: letters, digits, `-`, `_` and `.` only, never empty. */
export function exportFileName(title: string): string {
  const safe = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${safe || 'dashboard'}.json`;
}

/**
 * /api/v1/dashboards: CRUD, history (every save is a version; restore saves an old one again)
 * and import/export as a versioned JSON file checked with every problem listed.
 */
export function registerDashboardRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const check = (value: unknown, principal: Principal): DashboardBody => {
    refuseTooManyPanels(value, []);
    return checkWith(DashboardBodySchema, value, (body) => dashboardProblems(ctx, principal, body));
  };
  const spec = {
    kind: 'dashboard' as const,
    path: PATH,
    check,
    toWrite: (body: DashboardBody) => ({ title: body.title, description: body.description, body }),
    present,
    summarize,
  };
  registerObjectRoutes(app, ctx, spec);

  app.get(`${PATH}/:id/versions`, async (request): Promise<{ versions: VersionInfo[] }> => {
    const { id } = parseWith(VersionParamsSchema.pick({ id: true }), request.params, 'id');
    await getVisible(ctx, request.principal, 'dashboard', id);
    return { versions: await storeOf(ctx).versions('dashboard', id) };
  });

  /** An old version of a dashboard the principal may see, and what it may do with it. */
  const oldVersion = async (request: FastifyRequest) => {
    const { id, v } = parseWith(VersionParamsSchema, request.params, 'path');
    const { object, access } = await getVisible(ctx, request.principal, 'dashboard', id);
    const old = await storeOf(ctx).version('dashboard', id, v);
    if (!old) throw versionNotFound('dashboard', id, v);
    return { object, access, old };
  };

  app.get(`${PATH}/:id/versions/:v`, async (request) =>
    present((await oldVersion(request)).old, request.principal),
  );

  app.post(`${PATH}/:id/versions/:v/restore`, async (request) => {
    const { object, access, old } = await oldVersion(request);
    requireEdit('dashboard', object, access);
    const { version } = parseWith(VersionedWriteSchema, request.body);
    // The content of the old version; who may see it stays as it is now.
    const write = { title: old.title, description: old.description, body: old.body };
    const restored = await withConflict(
      spec,
      request.principal,
      storeOf(ctx).update('dashboard', old.id, version, write),
    );
    auditChange(ctx, request, 'restore', restored);
    return present(restored, request.principal);
  });

  app.get(`${PATH}/:id/export`, async (request, reply) => {
    const { id } = parseWith(VersionParamsSchema.pick({ id: true }), request.params, 'id');
    const { object } = await getVisible(ctx, request.principal, 'dashboard', id);
    const file: DashboardExport = {
      schema: DASHBOARD_EXPORT_SCHEMA,
      schemaVersion: DASHBOARD_EXPORT_VERSION,
      exportedAt: new Date(ctx.now()).toISOString(),
      dashboard: object.body as DashboardBody,
    };
    return reply
      .header('content-disposition', `attachment; filename="${exportFileName(object.title)}"`)
      .send(file);
  });

  app.post(`${PATH}/import`, async (request, reply) => {
    refuseTooManyPanels((request.body as { dashboard?: unknown } | null)?.dashboard, ['dashboard']);
    const file = checkWith(DashboardExportSchema, request.body, (parsed) =>
      dashboardProblems(ctx, request.principal, parsed.dashboard, ['dashboard']),
    );
    // An import is a new object of the importer's, whoever made the file.
    const created = await storeOf(ctx).create('dashboard', {
      ...spec.toWrite(file.dashboard),
      owner: request.principal.id,
      sharing: defaultSharing(request.principal),
    });
    auditChange(ctx, request, 'import', created);
    return reply.code(201).send(present(created, request.principal));
  });
}
