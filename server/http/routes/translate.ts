import type { FastifyInstance } from 'fastify';
import { LogsiftError, TranslateRequestSchema, type TranslateRequest } from '../../../model';
import { logqlToKql, parseKQL, parseLogQL } from '../../../query';
import { parseWith } from '../errors';

/** The pairs query/ can write; a same-language pair only checks the query. */
function translate({ language, query, to }: TranslateRequest): string | undefined {
  if (language === 'logql' && to === 'kql') return logqlToKql(query);
  if (language !== to) return undefined;
  if (language === 'logql') parseLogQL(query);
  else if (language === 'kql') parseKQL(query);
  else return undefined;
  return query;
}

export function registerTranslateRoute(app: FastifyInstance): void {
  app.post('/api/v1/translate', async (request) => {
    const body = parseWith(TranslateRequestSchema, request.body);
    const query = translate(body);
    if (query === undefined) {
      throw new LogsiftError(
        'unsupported',
        `translating ${body.language} to ${body.to} is not supported yet`,
      );
    }
    return { query };
  });
}
