import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeLine, PartialJoiner, type Decoded } from './envelope';
import { labelsFromPath } from './k8sPath';

const samples = new URL('../samples/', import.meta.url);
const read = (path: string): string[] =>
  readFileSync(new URL(path, samples), 'utf8').split('\n').filter(Boolean);

function joinAll(lines: string[]): Decoded[] {
  const joiner = new PartialJoiner();
  return lines.flatMap((l) => joiner.push(decodeLine(l)) ?? []);
}

describe('decodeLine', () => {
  it('unwraps real Docker json-file lines and survives the corrupted one', () => {
    const out = joinAll(read('container-runtime/docker-json/beats_docker_corrupted.log'));
    expect(out).toHaveLength(21);
    expect(out[0]?.time?.ms).toBe(Date.parse('2016-03-02T22:58:51.338Z'));
    expect(out[5]?.line).toBe('# linux');
    // Line 7 lost its leading "{": it is kept as plain text rather than dropped.
    expect(out[6]?.line.startsWith('"log":"cp packetbeat.yml')).toBe(true);
  });

  it('keeps nanoseconds of CRI timestamps and joins partial records', () => {
    const [first] = joinAll(
      read('container-runtime/cri/fluentbit_avro_multiline_cri_stacktrace.log'),
    );
    expect(first?.time).toEqual({ ms: Date.parse('2020-08-19T21:06:24.337Z'), subNs: 499838 });
    const joined = joinAll([
      '2024-05-01T10:00:00.000000001Z stdout P first half, ',
      '2024-05-01T10:00:00.000000002Z stdout P second, ',
      '2024-05-01T10:00:00.000000003Z stdout F end',
      '2024-05-01T10:00:01Z stderr F next',
    ]);
    expect(joined.map((d) => d.line)).toEqual(['first half, second, end', 'next']);
  });

  it('joins Docker lines split at 16 KiB, which lack their newline', () => {
    const part = (log: string) =>
      JSON.stringify({ log, stream: 'stdout', time: '2024-05-01T10:00:00Z' });
    expect(joinAll([part('a'.repeat(16384)), part('tail\n')])[0]?.line).toBe(
      `${'a'.repeat(16384)}tail`,
    );
  });

  it('caps a line rebuilt from endless partials, saying how much went', () => {
    const piece = (i: number) =>
      `2024-05-01T10:00:00.${String(i).padStart(9, '0')}Z stdout P ${'y'.repeat(16384)}`;
    const parts = Array.from({ length: 40 }, (_, i) => piece(i));
    const [line] = joinAll([...parts, '2024-05-01T10:00:01Z stdout F end']);
    expect(line?.line).toBe('y'.repeat(256 * 1024));
    expect(line?.dropped).toBe(40 * 16384 + 3 - 256 * 1024);
  });

  it('reads Kubernetes labels from Fluent Bit records', () => {
    const [record] = read('fluent-bit-k8s/core__core_base_fluent-bit.out').map(decodeLine);
    expect(record?.line).toBe('Fluent Bit is logging');
    expect(record?.labels).toMatchObject({
      namespace: 'core',
      pod: 'base',
      container: 'fluent-bit',
    });
  });
});

describe('labelsFromPath', () => {
  it('reads kubelet pod and container log paths', () => {
    expect(
      labelsFromPath('/var/log/pods/shop_checkout-7d9f8b6c5-x2klp_0b5e1c2a-1111/checkout/0.log'),
    ).toEqual({
      namespace: 'shop',
      pod: 'checkout-7d9f8b6c5-x2klp',
      container: 'checkout',
    });
    const id = 'a'.repeat(64);
    expect(labelsFromPath(`/var/log/containers/web-1_default_nginx-${id}.log`)).toEqual({
      namespace: 'default',
      pod: 'web-1',
      container: 'nginx',
    });
    expect(labelsFromPath('/var/log/syslog')).toEqual({});
  });
});
