import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVER_NODE_FLAGS } from '../server/nodeFlags';
import { mountedConfig } from './checks';
import { CHART_DIR, REPO_DIR, renderHelm, renderKustomize, type K8sObject } from './render';

interface PodContainer {
  env: { name: string; value: string }[];
  startupProbe: { httpGet: { path: string } };
  livenessProbe: { httpGet: { path: string } };
  readinessProbe: { httpGet: { path: string } };
}

/**
 * The image's runtime stage without Docker: the build's output laid out as in /app, started as
 * the Dockerfile's CMD does (`node <SERVER_NODE_FLAGS> dist/server.js`, NODE_ENV=production,
 * LOGSIFT_DATA_DIR), as UID 10001 when the tests run as root so that /app and the config are not
 * writable to it, as under readOnlyRootFilesystem. Only the data directory and /tmp are writable
 * to it. node_modules is the checkout's (dev packages included): that the bundle needs
 * production packages only is checked on its imports.
 */
const IMAGE_UID = 10001;
const BASE_PATH = '/logs';

const root = mkdtempSync(join(tmpdir(), 'logsift-image-'));
const app = join(root, 'app');
const data = join(root, 'data');
const configPath = join(root, 'logsift.yaml');
const asRoot = process.getuid?.() === 0;

function sh(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: REPO_DIR, encoding: 'utf8', timeout: 170_000 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`,
    );
  }
}

function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => !p.startsWith('node_modules'))
    .map((p) => `${p} ${statSync(join(dir, p)).mtimeMs}`)
    .sort();
}

interface Running {
  child: ChildProcess;
  exited: Promise<number | null>;
  url: string;
  stderr: () => string;
}
const running: Running[] = [];

/**
 * `node <SERVER_NODE_FLAGS> dist/server.js` in /app as the image's CMD, as the image's user, with
 * the image's ENV and the pod's (`env` wins), listening on a free loopback port.
 */
async function startImage(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/server.js'], {
    cwd: app,
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: '/nonexistent',
      NODE_ENV: 'production',
      LOGSIFT_OPEN: '0',
      ...env,
      HOST: '127.0.0.1',
      PORT: '0',
    },
    ...(asRoot ? { uid: IMAGE_UID, gid: IMAGE_UID } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Logsift on (http:\/\/localhost:\d+)\//.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) =>
      reject(new Error(`exited ${code} before listening: ${out}${stderr}`)),
    );
  });
  const started = { child, exited, url, stderr: () => stderr };
  running.push(started);
  return started;
}

let server: Running;
let url = '';
let appBefore: string[] = [];

beforeAll(async () => {
  chmodSync(root, 0o755);
  mkdirSync(app);
  sh('bash', ['deploy/build-server.sh', join(app, 'dist')]);
  sh('npx', [
    'vite',
    'build',
    '--logLevel',
    'warn',
    '--emptyOutDir',
    '--outDir',
    join(app, 'dist', 'public'),
  ]);
  copyFileSync(join(REPO_DIR, 'package.json'), join(app, 'package.json'));
  symlinkSync(realpathSync(join(REPO_DIR, 'node_modules')), join(app, 'node_modules'));
  mkdirSync(data);
  writeFileSync(
    configPath,
    [
      'datasources:',
      '  - { id: local, name: Sample logs, kind: local }',
      `server: { basePath: ${BASE_PATH} }`,
      'storage: { kind: sqlite, dataDir: /nonexistent }', // LOGSIFT_DATA_DIR wins, as in the image
      '# The test calls from loopback; none is explicit so the answer does not depend on that.',
      'auth: { mode: none }',
      '',
    ].join('\n'),
  );
  chmodSync(configPath, 0o444);
  if (asRoot) chownSync(data, IMAGE_UID, IMAGE_UID);
  else spawnSync('chmod', ['-R', 'a-w', app]);
  appBefore = tree(app);
  server = await startImage({ LOGSIFT_DATA_DIR: data, LOGSIFT_CONFIG: configPath });
  url = server.url;
}, 180_000);

afterAll(() => {
  for (const { child } of running) if (child.exitCode === null) child.kill('SIGKILL');
  spawnSync('chmod', ['-R', 'u+w', root]);
  spawnSync('rm', ['-rf', root]);
});

describe("the image entry point (node with the server's flags, dist/server.js, production mode, read-only app)", () => {
  it('imports only Node built-ins and production dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const bundle = readFileSync(join(app, 'dist', 'server.js'), 'utf8');
    const specifiers = [
      ...bundle.matchAll(
        /^import\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)|\brequire\(\s*"([^"]+)"\s*\)/gm,
      ),
    ].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
    const packages = new Set(
      specifiers
        .filter((s) => !s.startsWith('node:'))
        .map((s) =>
          (s.startsWith('@') ? s.split('/').slice(0, 2) : s.split('/').slice(0, 1)).join('/'),
        ),
    );
    expect(packages.size).toBeGreaterThan(5);
    for (const name of packages) expect(pkg.dependencies, name).toHaveProperty([name]);
    expect(packages).toContain('better-sqlite3');
  });

  it('answers the probes under the base path, not outside it', async () => {
    const health = await fetch(`${url}${BASE_PATH}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}${BASE_PATH}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${url}/healthz`)).status).toBe(404);
  });

  it('serves the SPA and its assets under the base path', async () => {
    const page = await fetch(`${url}${BASE_PATH}/explore?q=x`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<base href="${BASE_PATH}/" />`);
    const script = /<script[^>]*src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${url}${BASE_PATH}/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(server.stderr()).not.toMatch(/No built UI/);
  });

  it('queries the bundled samples (copied beside the bundle)', async () => {
    const res = await fetch(`${url}${BASE_PATH}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({
        datasource: 'local',
        language: 'logql',
        query: '{job=~".+"}',
        from: 'now-6h',
        to: 'now',
        limit: 20,
      }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { records: unknown[] }).records).toHaveLength(20);
  });

  it('writes saved objects to the data directory and nothing into the app', async () => {
    const res = await fetch(`${url}${BASE_PATH}/api/v1/saved-queries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({
        name: 'image test',
        description: '',
        datasources: ['local'],
        language: 'logql',
        query: '{job=~".+"}',
        range: { from: 'now-1h', to: 'now' },
      }),
    });
    expect(res.status).toBe(201);
    expect(existsSync(join(data, 'logsift.db'))).toBe(true);
    if (asRoot) expect(statSync(join(data, 'logsift.db')).uid).toBe(IMAGE_UID);
    expect(tree(app)).toEqual(appBefore);
    expect(relative(app, data).startsWith('..')).toBe(true);
  });

  it('stops cleanly on SIGTERM', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

describe('the shipped manifests, run as their pod would be (its env, the Secret, the ConfigMap)', () => {
  const variants: [string, () => K8sObject[]][] = [
    ['kustomize base', () => renderKustomize('base')],
    ['kustomize overlays/ingress', () => renderKustomize('overlays/ingress')],
    [
      'helm ci/ingress-values.yaml',
      () => renderHelm([join(CHART_DIR, 'ci', 'ingress-values.yaml')]),
    ],
  ];

  it.each(variants)(
    '%s: every probe answers a caller without credentials (the kubelet), the API does not',
    async (_name, render) => {
      const objects = render();
      const deployment = objects.find((o) => o.kind === 'Deployment') as unknown as {
        spec: { template: { spec: { containers: PodContainer[] } } };
      };
      const container = deployment.spec.template.spec.containers[0] as PodContainer;
      const secret = objects.find((o) => o.kind === 'Secret') as unknown as {
        stringData: Record<string, string>;
      };
      const pod = mkdtempSync(join(root, 'pod-'));
      chmodSync(pod, 0o755);
      const configFile = join(pod, 'logsift.yaml');
      const { text } = mountedConfig(objects);
      writeFileSync(configFile, text);
      chmodSync(configFile, 0o444);
      const podData = join(pod, 'data');
      mkdirSync(podData);
      if (asRoot) chownSync(podData, IMAGE_UID, IMAGE_UID);
      const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
      const started = await startImage({
        ...secret.stringData,
        ...env,
        LOGSIFT_CONFIG: configFile,
        LOGSIFT_DATA_DIR: podData,
      });

      for (const probe of [
        container.startupProbe,
        container.livenessProbe,
        container.readinessProbe,
      ]) {
        const res = await fetch(`${started.url}${probe.httpGet.path}`);
        expect(res.status, probe.httpGet.path).toBe(200);
      }
      const basePath = (parse(text) as { server?: { basePath?: string } }).server?.basePath ?? '';
      const page = await fetch(`${started.url}${basePath}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<base href="${basePath}/" />`);
      const api = await fetch(`${started.url}${basePath}/api/v1/datasources`);
      expect([401, 403]).toContain(api.status);
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    },
    60_000,
  );
});
