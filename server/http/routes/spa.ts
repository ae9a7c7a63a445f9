import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendNotFound } from '../errors';

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
  await app.register(fastifyStatic, {
    root: staticDir,
    prefix: '/',
    index: false,
    wildcard: true,
    // Vite names assets by content hash, so they never change; index.html always may.
    cacheControl: false,
    setHeaders: (res, path) => {
      const hashed = /[\\/]assets[\\/]/.test(path);
      res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (reply: FastifyReply): FastifyReply =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  app.get('/', (_request, reply) => sendIndex(reply));
  app.setNotFoundHandler((request, reply) => {
    const path = (request.url.split('?')[0] ?? '/').slice(basePath.length);
    if (request.method !== 'GET' || NOT_SPA.test(path)) {
      sendNotFound(request, reply);
      return;
    }
    return sendIndex(reply);
  });
  return true;
}
