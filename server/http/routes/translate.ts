import type { FastifyInstance } from 'fastify';
import { LogsiftError, TranslateRequestSchema } from '../../../model';
import { parseLogQL } from '../../../query';
import { parseWith } from '../errors';

/** Only LogQL has a parser yet; a LogQL-to-LogQL round trip validates and normalises nothing else. */
export function registerTranslateRoute(app: FastifyInstance): void {
  app.post('/api/v1/translate', async (request) => {
    const body = parseWith(TranslateRequestSchema, request.body);
    if (body.language !== 'logql' || body.to !== 'logql') {
      throw new LogsiftError(
        'unsupported',
        `translating ${body.language} to ${body.to} is not supported yet`,
      );
    }
    parseLogQL(body.query);
    return { query: body.query };
  });
}
