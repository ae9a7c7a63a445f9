import type { FastifyInstance } from 'fastify';
import { LinkRequestSchema, type LinkResponse } from '../../../model';
import { linkNotFound } from '../../store/errors';
import type { ServerContext } from '../context';
import { parseWith } from '../errors';
import { auditChange, IdParamsSchema, storeOf } from './savedObjects';

/**
 * Short links: POST /api/v1/links stores an Explore or dashboard URL, `/s/<id>` redirects to
 * it. Only paths inside Logsift are taken, and checked again on the way out, so a link can
 * never send anyone to another site.
 *
 * A link has no owner or sharing: it only holds a URL, and what that URL opens is checked for
 * whoever follows it (a dashboard they may not see answers 404, a datasource outside their
 * groups is refused), so a link can pass on a view but never access.
 */
export function registerLinkRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const basePath = ctx.config.server.basePath ?? '';

  app.post('/api/v1/links', async (request, reply) => {
    const { url } = parseWith(LinkRequestSchema, request.body);
    const id = await storeOf(ctx).createLink(url);
    auditChange(ctx, request, 'create', { kind: 'link', id, title: url });
    const answer: LinkResponse = { id, path: `/s/${id}` };
    return reply.code(201).send(answer);
  });

  app.get('/s/:id', async (request, reply) => {
    const { id } = parseWith(IdParamsSchema, request.params, 'id');
    const url = await storeOf(ctx).link(id);
    if (url === undefined) {
      // A person who followed a dead link gets the app's own page saying so, not a JSON body.
      if (request.headers.accept?.includes('text/html')) return reply.code(404).callNotFound();
      throw linkNotFound(id);
    }
    const { url: safe } = parseWith(LinkRequestSchema, { url }, 'stored link');
    return reply.header('cache-control', 'no-store').redirect(`${basePath}${safe}`, 302);
  });
}
