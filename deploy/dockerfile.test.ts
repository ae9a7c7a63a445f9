import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTAINER_PORT } from './checks';
import { baseImage, parseDockerfile, type Stage } from './dockerfile';
import { REPO_DIR } from './render';
import { SERVER_NODE_FLAGS } from '../server/nodeFlags';

const dockerfile = parseDockerfile(readFileSync(join(REPO_DIR, 'Dockerfile'), 'utf8'));
const stage = (name: string): Stage => {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};
const final = dockerfile.stages.at(-1) as Stage;
const args = (s: Stage, keyword: string) =>
  s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
/** ENV in both forms: `K=V K2=V2` and `K V`. */
const envOf = (s: Stage): Map<string, string> => {
  const env = new Map<string, string>();
  for (const line of args(s, 'ENV')) {
    if (!line.includes('=')) {
      const [key = '', ...value] = line.split(/\s+/);
      env.set(key, value.join(' '));
      continue;
    }
    for (const pair of line.split(/\s+/)) {
      const [key = '', value = ''] = pair.split('=');
      env.set(key, value.replace(/^"|"$/g, ''));
    }
  }
  return env;
};
/** The stage a COPY --from takes `path` out of. */
const copiedFrom = (s: Stage, path: RegExp): Stage => {
  const copy = args(s, 'COPY').find((a) => a.startsWith('--from=') && path.test(a));
  const from = /^--from=(\S+)/.exec(copy ?? '')?.[1];
  if (!from) throw new Error(`the ${s.name} stage copies nothing matching ${path}`);
  return stage(from);
};

describe('Dockerfile', () => {
  it('builds in stages apart from the runtime, all on one Node 20 base (native addons match)', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(3);
    const bases = new Set(dockerfile.stages.map((s) => baseImage(dockerfile, s.name)));
    expect([...bases]).toHaveLength(1);
    expect([...bases][0]).toMatch(/^node:20(\.\d+)*-/);
  });

  it('runs as a numeric non-root user', () => {
    const user = args(final, 'USER').at(-1);
    expect(user).toMatch(/^\d+(:\d+)?$/);
    const [uid, gid] = (user ?? '').split(':').map(Number);
    expect(uid).toBeGreaterThan(0);
    expect(gid ?? uid).toBeGreaterThan(0);
    // The data directory is the one place the user can write.
    expect(args(final, 'RUN').join(' ')).toContain(`chown ${uid}:${gid ?? uid} /data`);
  });

  it('ships production dependencies only: no npm run in the final stage, node_modules from npm ci --omit=dev', () => {
    expect(args(final, 'RUN').join(' ')).not.toMatch(/\bnpm\b|\byarn\b|\bpnpm\b/);
    const deps = copiedFrom(final, /node_modules/);
    const installs = args(deps, 'RUN').flatMap((r) => r.match(/npm (ci|install)[^&;]*/g) ?? []);
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install).toContain('--omit=dev');
    // Nothing else reaches the image from the full install but the built output.
    const fromBuild = args(final, 'COPY').filter((a) =>
      a.startsWith(`--from=${copiedFrom(final, /dist/).name} `),
    );
    expect(fromBuild).toEqual([expect.stringMatching(/\/dist \.\/dist$/)]);
  });

  it("starts the bundle deploy/build-server.sh makes, with plain node and the server's flags", () => {
    const cmd = JSON.parse(args(final, 'CMD').at(-1) ?? 'null') as unknown;
    expect(cmd).toEqual(['node', ...SERVER_NODE_FLAGS, 'dist/server.js']);
    expect(args(final, 'ENTRYPOINT')).toEqual([]);
    const build = copiedFrom(final, /dist/);
    expect(args(build, 'RUN').join(' ')).toMatch(/vite build && bash deploy\/build-server\.sh$/);
    const script = readFileSync(join(REPO_DIR, 'deploy', 'build-server.sh'), 'utf8');
    expect(script).toMatch(/OUT=\$\{1:-dist\}/);
    expect(script).toContain('--outfile="$OUT/server.js"');
  });

  it("listens on the manifests' port and keeps its data on the /data volume", () => {
    const env = envOf(final);
    expect(env.get('NODE_ENV')).toBe('production');
    expect(env.get('PORT')).toBe(String(CONTAINER_PORT));
    expect(env.get('LOGSIFT_DATA_DIR')).toBe('/data');
    expect(args(final, 'EXPOSE')).toEqual([String(CONTAINER_PORT)]);
    expect(args(final, 'VOLUME')).toEqual(['/data']);
  });

  it('.dockerignore keeps node_modules, dist and .git out, and the build inputs in', () => {
    const ignored = readFileSync(join(REPO_DIR, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.git']) expect(ignored).toContain(entry);
    for (const needed of [
      'package-lock.json',
      'server',
      'app',
      'deploy/build-server.sh',
      'vite.config.ts',
    ]) {
      expect(
        ignored.some((pattern) => needed === pattern || needed.startsWith(`${pattern}/`)),
      ).toBe(false);
    }
  });
});
