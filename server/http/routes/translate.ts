import type { FastifyInstance } from 'fastify';
import { LogsiftError, TranslateRequestSchema, type TranslateRequest } from '../../../model';
import {
  insightsToSearch,
  logqlToInsights,
  logqlToKql,
  parseInsights,
  parseKQL,
  parseLogQL,
  searchToInsights,
  searchToKql,
} from '../../../query';
import { parseWith } from '../errors';

/** The pairs query/ can write; a same-language pair only checks the query. */
function translate({ language, query, to }: TranslateRequest): string | undefined {
  if (language === 'logql' && to === 'kql') return logqlToKql(query);
  if (language === 'logql' && to === 'insights') return logqlToInsights(parseLogQL(query));
  if (language === 'kql' && to === 'insights') return searchToInsights(parseKQL(query));
  if (language === 'insights' && to === 'kql') {
    return searchToKql(insightsToSearch(parseInsights(query)));
  }
  if (language !== to) return undefined;
  if (language === 'logql') parseLogQL(query);
  else if (language === 'kql') parseKQL(query);
  else if (language === 'insights') parseInsights(query);
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
