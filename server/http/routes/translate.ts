import type { FastifyInstance } from 'fastify';
import { TranslateRequestSchema } from '../../../model';
import { translateQuery } from '../../../query/translate';
import { parseWith } from '../errors';

/**
 * Every pair among LogQL, KQL and Logs Insights that query/ can write; a refusal names the part
 * with no equivalent and where it stands in the source query.
 */
export function registerTranslateRoute(app: FastifyInstance): void {
  app.post('/api/v1/translate', async (request) => {
    const { language, query, to } = parseWith(TranslateRequestSchema, request.body);
    return { query: translateQuery(language, query, to) };
  });
}
