import type { FastifyInstance } from 'fastify';
import { ContextRequestSchema, LogsiftError, type ContextResponse } from '../../../model';
import type { Runner, ServerContext } from '../context';
import { parseWith } from '../errors';

/** Lines asked each way when the request does not say, as Kibana's context view starts. */
export const DEFAULT_CONTEXT_LINES = 25;

/** POST /api/v1/context: the lines around one record in its own stream. */
export function registerContextRoute(app: FastifyInstance, ctx: ServerContext, run: Runner): void {
  app.post('/api/v1/context', async (request, reply): Promise<ContextResponse> => {
    const body = parseWith(ContextRequestSchema, request.body);
    const ds = ctx.datasources.get(body.datasource, request.principal);
    const context = ds.context?.bind(ds);
    if (!context) {
      throw new LogsiftError(
        'unsupported',
        `${ds.id} cannot show the lines around a record (its backend has no stream to read them from)`,
      );
    }
    const req = {
      record: body.record,
      before: body.before ?? DEFAULT_CONTEXT_LINES,
      after: body.after ?? DEFAULT_CONTEXT_LINES,
    };
    return run(reply, ds, 'context', (signal) => context(req, signal));
  });
}
