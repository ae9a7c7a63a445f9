import { Random } from './random';

export type LogFormat =
  'zap' | 'pino' | 'slog' | 'logfmt' | 'java' | 'nginx' | 'coredns' | 'audit' | 'ansi';

export interface Service {
  namespace: string;
  app: string;
  container: string;
  format: LogFormat;
  /** Relative share of the shop's lines. */
  weight: number;
  replicas: number;
}

export const SERVICES: readonly Service[] = [
  {
    namespace: 'ingress-nginx',
    app: 'ingress-nginx-controller',
    container: 'controller',
    format: 'nginx',
    weight: 30,
    replicas: 2,
  },
  {
    namespace: 'shop',
    app: 'checkout',
    container: 'checkout',
    format: 'zap',
    weight: 14,
    replicas: 3,
  },
  { namespace: 'shop', app: 'cart', container: 'cart', format: 'logfmt', weight: 12, replicas: 2 },
  {
    namespace: 'shop',
    app: 'catalog',
    container: 'catalog',
    format: 'pino',
    weight: 12,
    replicas: 2,
  },
  { namespace: 'shop', app: 'frontend', container: 'web', format: 'ansi', weight: 6, replicas: 2 },
  {
    namespace: 'payments',
    app: 'payments-api',
    container: 'payments-api',
    format: 'java',
    weight: 8,
    replicas: 2,
  },
  {
    namespace: 'payments',
    app: 'fraud-check',
    container: 'fraud-check',
    format: 'slog',
    weight: 5,
    replicas: 1,
  },
  {
    namespace: 'kube-system',
    app: 'coredns',
    container: 'coredns',
    format: 'coredns',
    weight: 6,
    replicas: 2,
  },
  {
    namespace: 'kube-system',
    app: 'kube-apiserver',
    container: 'kube-apiserver',
    format: 'audit',
    weight: 4,
    replicas: 1,
  },
  {
    namespace: 'monitoring',
    app: 'prometheus',
    container: 'prometheus',
    format: 'logfmt',
    weight: 3,
    replicas: 1,
  },
];

export interface Pod {
  service: Service;
  name: string;
  node: string;
  labels: Record<string, string>;
}

const NODES = [
  'ip-10-0-1-17.ec2.internal',
  'ip-10-0-2-41.ec2.internal',
  'ip-10-0-3-88.ec2.internal',
];

/** Pods named as a Deployment's ReplicaSet names them: app-<10 chars>-<5 chars>. */
export function buildPods(random: Random): Pod[] {
  return SERVICES.flatMap((service) => {
    const replicaSet = random.podSuffix(10);
    return Array.from({ length: service.replicas }, () => {
      const name = `${service.app}-${replicaSet}-${random.podSuffix(5)}`;
      const node = random.pick(NODES);
      return {
        service,
        name,
        node,
        labels: {
          job: `${service.namespace}/${service.app}`,
          namespace: service.namespace,
          pod: name,
          container: service.container,
          app: service.app,
          node,
        },
      };
    });
  });
}
