import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../server/config/load';
import { checkManifests, mountedConfig, type Expected } from './checks';
import {
  CHART_DIR,
  helmLint,
  helmTemplate,
  renderHelm,
  renderKustomize,
  type K8sObject,
} from './render';

const INGRESS_VALUES = join(CHART_DIR, 'ci', 'ingress-values.yaml');

const variants: [string, () => K8sObject[], Expected][] = [
  ['kustomize base', () => renderKustomize('base'), { serviceType: 'NodePort', ingress: false }],
  [
    'kustomize overlays/nodeport',
    () => renderKustomize('overlays/nodeport'),
    { serviceType: 'NodePort', nodePort: 30080, ingress: false },
  ],
  [
    'kustomize overlays/ingress',
    () => renderKustomize('overlays/ingress'),
    { serviceType: 'ClusterIP', ingress: true },
  ],
  ['helm defaults', () => renderHelm(), { serviceType: 'NodePort', ingress: false }],
  [
    'helm nodePort 30080',
    () => renderHelm([], ['service.nodePort=30080']),
    { serviceType: 'NodePort', nodePort: 30080, ingress: false },
  ],
  [
    'helm ci/ingress-values.yaml',
    () => renderHelm([INGRESS_VALUES]),
    { serviceType: 'ClusterIP', ingress: true },
  ],
];

type Mutable = Record<string, unknown>;
const deploymentOf = (objects: K8sObject[]) =>
  objects.find((o) => o.kind === 'Deployment') as unknown as {
    spec: { template: { spec: { containers: Mutable[] } } };
  };
const containerOf = (objects: K8sObject[]) =>
  deploymentOf(objects).spec.template.spec.containers[0] as Mutable & {
    securityContext: Mutable;
    readinessProbe: { httpGet: { path: string } };
  };

describe('deploy manifests', () => {
  describe.each(variants)('%s', (_name, render, expected) => {
    it('has the security context, probes, volumes, Service, Ingress, PDB and Secret issue 8 asks for', () => {
      checkManifests(render(), expected);
    });

    it("holds a logsift.yaml that Logsift's own config schema accepts", () => {
      const { path, text } = mountedConfig(render());
      expect(() => parseConfig(text, path)).not.toThrow();
    });
  });

  it('kustomize and Helm make the same choices', () => {
    const pairs: [K8sObject[], K8sObject[]][] = [
      [renderKustomize('base'), renderHelm()],
      [renderKustomize('overlays/ingress'), renderHelm([INGRESS_VALUES])],
    ];
    for (const [kustomized, charted] of pairs) {
      expect(parse(mountedConfig(charted).text)).toEqual(parse(mountedConfig(kustomized).text));
      const [k, h] = [containerOf(kustomized), containerOf(charted)];
      for (const field of [
        'ports',
        'env',
        'securityContext',
        'resources',
        'startupProbe',
        'livenessProbe',
        'readinessProbe',
        'volumeMounts',
      ]) {
        expect(h[field], field).toEqual(k[field]);
      }
      const pod = (objects: K8sObject[]) => ({
        ...deploymentOf(objects).spec.template.spec,
        containers: undefined,
        serviceAccountName: undefined,
        volumes: undefined,
      });
      expect(pod(charted)).toEqual(pod(kustomized));
    }
  });

  it('the checks catch a disagreement (they can fail)', () => {
    const cases: [string, (objects: K8sObject[]) => void, RegExp][] = [
      [
        'probe without the base path',
        (o) => {
          containerOf(o).readinessProbe.httpGet.path = '/readyz';
        },
        /readinessProbe asks \/readyz; with basePath "\/logs"/,
      ],
      [
        'writable root filesystem',
        (o) => {
          containerOf(o).securityContext['readOnlyRootFilesystem'] = false;
        },
        /readOnlyRootFilesystem must be true/,
      ],
      [
        'Ingress on another path',
        (o) => {
          const ingress = o.find((x) => x.kind === 'Ingress') as unknown as {
            spec: { rules: { http: { paths: { path: string }[] } }[] };
          };
          ingress.spec.rules[0]!.http.paths[0]!.path = '/';
        },
        /Ingress path \/ is not server.basePath "\/logs"/,
      ],
      [
        'Secret without a key the config reads',
        (o) => {
          const secret = o.find((x) => x.kind === 'Secret') as unknown as {
            stringData: Mutable;
          };
          delete secret.stringData['LOKI_PASSWORD'];
        },
        /reads LOKI_PASSWORD, which Secret \S+ lacks/,
      ],
      [
        'PDB selecting other pods',
        (o) => {
          const pdb = o.find((x) => x.kind === 'PodDisruptionBudget') as unknown as {
            spec: { selector: { matchLabels: Mutable } };
          };
          pdb.spec.selector.matchLabels['app.kubernetes.io/component'] = 'other';
        },
        /PodDisruptionBudget selects no pod/,
      ],
    ];
    for (const [name, mutate, message] of cases) {
      for (const objects of [renderKustomize('overlays/ingress'), renderHelm([INGRESS_VALUES])]) {
        mutate(objects);
        expect(
          () => checkManifests(objects, { serviceType: 'ClusterIP', ingress: true }),
          name,
        ).toThrow(message);
      }
    }
  });

  it('the chart values switch what they name: existing Secret, no PVC, IRSA role, PDB floor', () => {
    const objects = renderHelm(
      [],
      [
        'secret.existingSecret=team-logsift',
        'persistence.enabled=false',
        'serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=arn:aws:iam::123456789012:role/logsift',
        'replicaCount=1',
        'pdb.minAvailable=0',
      ],
    );
    expect(
      objects.filter((o) => o.kind === 'Secret' || o.kind === 'PersistentVolumeClaim'),
    ).toEqual([]);
    const pod = deploymentOf(objects).spec.template.spec as unknown as {
      containers: { envFrom: { secretRef: { name: string } }[] }[];
      volumes: { name: string; emptyDir?: unknown }[];
    };
    expect(pod.containers[0]?.envFrom).toEqual([{ secretRef: { name: 'team-logsift' } }]);
    expect(pod.volumes.find((v) => v.name === 'data')?.emptyDir).toEqual({});
    const account = objects.find((o) => o.kind === 'ServiceAccount');
    expect(account?.metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/logsift',
    });
    const pdb = objects.find((o) => o.kind === 'PodDisruptionBudget') as unknown as {
      spec: Record<string, unknown>;
    };
    expect(pdb.spec['minAvailable']).toBe(0);
    expect(pdb.spec).not.toHaveProperty('maxUnavailable');
  });

  it('the chart passes helm lint --strict and refuses base paths Logsift would refuse', () => {
    expect(helmLint()).toContain('0 chart(s) failed');
    expect(() => helmTemplate([], ['basePath=/logs/'])).toThrow(/must look like \/logs/);
    expect(() => helmTemplate([], ['basePath=/logs', 'config.server.basePath=/other'])).toThrow(
      /set the base path with basePath/,
    );
  });
});
