import type { FastifyInstance } from 'fastify';
import {
  SavedQueryBodySchema,
  type Principal,
  type SavedQuery,
  type SavedQueryBody,
} from '../../../model';
import type { StoredObject } from '../../store/store';
import type { ServerContext } from '../context';
import { savedQueryProblems } from './savedChecks';
import { checkWith, meta, registerObjectRoutes } from './savedObjects';

const present = (object: StoredObject, principal: Principal): SavedQuery => ({
  ...(object.body as SavedQueryBody),
  ...meta(object, principal),
});

/** /api/v1/saved-queries: a query with its datasources and time range, under a name. */
export function registerSavedQueryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  registerObjectRoutes<SavedQueryBody>(app, ctx, {
    kind: 'query',
    path: '/api/v1/saved-queries',
    check: (value, principal) =>
      checkWith(SavedQueryBodySchema, value, (body) => savedQueryProblems(ctx, principal, body)),
    toWrite: (body) => ({ title: body.name, description: body.description, body }),
    present,
    summarize: present,
  });
}
