import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const NOT_SPA = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/**
 * The built SPA: files from one directory (@fastify/static refuses paths that leave it),
 * and index.html for every other GET so deep links and shared URLs load the app.
 * `<base href>` carries the base path, so the app's relative URLs work behind an Ingress prefix.
 */
export async function registerSpa(
  app: FastifyInstance,
  staticDir: string,
  basePath: string,
): Promise<boolean> {
  const indexPath = join(staticDir, 'index.html');
  if (!existsSync(indexPath)) return false;
  const index = readFileSync(indexPath, 'utf8').replace(
    '<head>',
    `<head>\n    <base href="${basePath}/" />`,
  );
  await app.register(fastifyStatic, { root: staticDir, prefix: '/', index: false, wildcard: true });
  app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(index));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method !== 'GET' || NOT_SPA.test(path)) {
      return reply
        .code(404)
        .send({ error: { code: 'not_found', message: `no route ${request.method} ${path}` } });
    }
    return reply.type('text/html; charset=utf-8').send(index);
  });
  return true;
}
