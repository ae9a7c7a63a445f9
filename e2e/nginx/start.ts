import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NGINX_PORT, SUBPATH, SUBPATH_LOGSIFT_PORT } from '../servers';

/**
 * Debian's nginx in the foreground as the reverse proxy in front of the sub-path Logsift: the
 * `location` block is what a user writes for an Ingress at a path (the path passed on
 * unchanged, WebSocket upgrade headers, Host with its port for Origin checks, no buffering so
 * streamed answers arrive as sent). Everything nginx writes stays in a temp directory, so it
 * runs without root; `npx tsx e2e/nginx/start.ts` is playwright.config.ts's web server.
 */
const prefix = mkdtempSync(join(tmpdir(), 'logsift-nginx-'));
// As root nginx's workers run as nobody, and must reach the temp paths below.
chmodSync(prefix, 0o755);
const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
for (const temp of temps) {
  mkdirSync(join(prefix, temp));
  chmodSync(join(prefix, temp), 0o777);
}

const conf = `
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 2048; }
http {
  access_log ${prefix}/access.log;
${temps.map((t) => `  ${t}_temp_path ${prefix}/${t};`).join('\n')}
  map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
  }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location = ${SUBPATH} {
      return 301 ${SUBPATH}/;
    }
    location ${SUBPATH}/ {
      proxy_pass http://127.0.0.1:${SUBPATH_LOGSIFT_PORT};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
`;
const confPath = join(prefix, 'nginx.conf');
writeFileSync(confPath, conf);

const nginx = spawn(
  '/usr/sbin/nginx',
  ['-p', prefix, '-e', `${prefix}/error.log`, '-c', confPath, '-g', 'daemon off;'],
  { stdio: 'inherit' },
);
nginx.once('error', (error) => {
  console.error(`cannot run /usr/sbin/nginx (${error.message}): apt-get install nginx-light`);
  process.exit(1);
});
console.log(`nginx on http://127.0.0.1:${NGINX_PORT}${SUBPATH}/ (conf and logs in ${prefix})`);
// SIGTERM is nginx's fast shutdown; Playwright sends it at the end of the run.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => nginx.kill(signal));
}
nginx.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
