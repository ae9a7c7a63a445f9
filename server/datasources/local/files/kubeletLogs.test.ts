import {
  appendFile,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../../model';
import type { Datasource } from '../../datasource';
import { SAMPLES_DIR } from '../bundled';
import { createLocalDatasource } from '../index';

const sample = (path: string): string => join(SAMPLES_DIR, path);
const DOCKER = sample('container-runtime/docker-json/beats_docker_corrupted.log');
const CRI = sample('container-runtime/cri/fluentbit_avro_multiline_cri_stacktrace.log');
const NGINX = sample('nginx-ingress/beats_nginx_access_test.log');
const AUDIT = sample('k8s-audit/falco/attach_pod.json');
const CONTAINER_ID = 'd5d1b6c4e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4';

let dir: string;
let ds: Datasource | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'logsift-kubelet-'));
});
afterEach(async () => {
  await ds?.close();
  ds = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function records(query: string): Promise<LogRecord[]> {
  if (!ds) throw new Error('no datasource');
  const res = await ds.query(
    {
      language: 'logql',
      query,
      fromMs: Date.UTC(2010, 0, 1),
      toMs: Date.now() + 60_000,
      limit: 1000,
      direction: 'forward',
    },
    new AbortController().signal,
  );
  return res.records;
}

describe('local datasource over a node’s kubelet log folders', () => {
  it('reads Docker json-file, CRI with partial records, JSON lines and plain text, labelled from their paths', async () => {
    const containers = join(dir, 'var/log/containers');
    const podDir = join(
      dir,
      'var/log/pods/hadoop_hdfs-client-0_6b1c0e2a-77f0-4f1e-9c0d-3a1f5e2b9d10/client',
    );
    const other = join(dir, 'srv/logs');
    await mkdir(containers, { recursive: true });
    await mkdir(podDir, { recursive: true });
    await mkdir(other, { recursive: true });
    const dockerPath = join(containers, `packetbeat-7d9f_build_packetbeat-${CONTAINER_ID}.log`);
    await copyFile(DOCKER, dockerPath);
    // No public CRI file has `P` records (samples/container-runtime/SOURCES.md): the runtime
    // splits a long line into P pieces ending with an F one, as done here to a real line.
    const [first = ''] = (await readFile(CRI, 'utf8')).split('\n');
    const [stamp, stream, , ...words] = first.split(' ');
    const message = words.join(' ');
    const pieces = [message.slice(0, 20), message.slice(20, 50), message.slice(50)];
    const split = pieces.map((p, i) => `${stamp} ${stream} ${i < 2 ? 'P' : 'F'} ${p}`);
    await writeFile(join(podDir, '0.log'), `${split.join('\n')}\n${await readFile(CRI, 'utf8')}`);
    await copyFile(NGINX, join(other, 'access.log'));
    await copyFile(AUDIT, join(other, 'audit.json'));

    ds = await createLocalDatasource({
      id: 'node',
      kind: 'local',
      paths: [`${dir}/var/log/containers/*.log`, `${dir}/var/log/pods/*/*/*.log`, `${other}/*`],
    });

    const docker = await records('{namespace="build", pod="packetbeat-7d9f"}');
    expect(docker[0]).toMatchObject({
      ts: '1456959531338462311',
      line: 'Fetching main repository github.com/elastic/beats...',
      labels: { job: 'node', filename: dockerPath, container: 'packetbeat' },
    });
    // Line 7 lost its leading `{`: kept as the text it is rather than dropped.
    expect(docker.map((r) => r.line)).toContain(
      '"log":"cp packetbeat.yml /build/packetbeat-linux.yml\\n","stream":"stdout","time":"2016-03-02T22:59:04.647847045Z"}',
    );
    expect(docker).toHaveLength(21);

    const pod = await records('{namespace="hadoop", pod="hdfs-client-0", container="client"}');
    expect(pod[0]?.line).toBe(message);
    expect(pod[0]?.level).toBe('error');
    expect(pod.filter((r) => r.line === message)).toHaveLength(2);
    expect(pod.find((r) => r.line.startsWith('\tat '))?.level).toBe('error');

    const access = await records(`{filename="${other}/access.log"}`);
    expect(access[0]?.labels).toEqual({ job: 'node', filename: `${other}/access.log` });
    expect(access.map((r) => r.level)).toContain('warn');
    expect(access.find((r) => r.line.includes('"GET /stringpatch HTTP/1.1" 404'))?.level).toBe(
      'warn',
    );
    expect(access.find((r) => r.line.includes('"GET /ocelot HTTP/1.1" 200'))?.ts).toBe(
      String(Date.parse('2016-12-07T10:05:07Z') * 1_000_000),
    );

    const audit = await records(`{filename="${other}/audit.json"} | json | verb="create"`);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.fields).toMatchObject({ objectRef_subresource: 'attach' });
  });

  it('follows a container log through rotation and copytruncate, like tail -F', async () => {
    const podDir = join(dir, 'var/log/pods/build_packetbeat-7d9f_0000/packetbeat');
    await mkdir(podDir, { recursive: true });
    const path = join(podDir, '0.log');
    const lines = (await readFile(DOCKER, 'utf8')).split('\n').filter(Boolean);
    await writeFile(path, `${lines.slice(0, 3).join('\n')}\n`);
    ds = await createLocalDatasource({
      id: 'node',
      kind: 'local',
      paths: [`${dir}/var/log/pods/*/*/*.log`],
    });
    const query = '{container="packetbeat"}';
    expect(await records(query)).toHaveLength(3);

    await appendFile(path, `${lines.slice(3, 5).join('\n')}\n`);
    await expect.poll(async () => (await records(query)).length, { timeout: 5_000 }).toBe(5);

    // The kubelet renames 0.log and opens a new one; lines written just before still count.
    await appendFile(path, `${lines[5]}\n`);
    await rename(path, `${path}.20160302-225904`);
    await writeFile(path, `${lines[7]}\n`);
    await expect.poll(async () => (await records(query)).length, { timeout: 5_000 }).toBe(7);

    // copytruncate: the file is emptied in place and written from its start again.
    await writeFile(path, `${lines[8]}\n`);
    await expect.poll(async () => (await records(query)).length, { timeout: 5_000 }).toBe(8);
    const got = (await records(query)).map((r) => r.line);
    expect(got.at(-1)).toBe('cp packetbeat.yml /build/packetbeat-binary.yml');
    expect(new Set(got).size).toBe(got.length);
  });
});
