import { posix } from 'node:path';
import { parse } from 'yaml';
import type { K8sObject } from './render';

/** What a rendering must agree with besides itself: the overlay's or the values' intent. */
export interface Expected {
  serviceType: 'NodePort' | 'ClusterIP';
  nodePort?: number;
  ingress: boolean;
}

/** The image's listening port: Dockerfile EXPOSE and PORT. */
export const CONTAINER_PORT = 8080;

interface Probe {
  httpGet?: { path?: string; port?: string | number };
}
interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface Volume {
  name: string;
  configMap?: { name: string };
  persistentVolumeClaim?: { claimName: string };
  emptyDir?: Record<string, unknown>;
}
interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  securityContext?: Record<string, unknown>;
  containers: Container[];
  volumes?: Volume[];
}
interface Deployment extends K8sObject {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}

function fail(message: string): never {
  throw new Error(message);
}

function one<T extends K8sObject>(objects: K8sObject[], kind: string, name?: string): T {
  const found = objects.filter((o) => o.kind === kind && (!name || o.metadata.name === name));
  if (found.length !== 1) {
    fail(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}`);
  }
  return found[0] as T;
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const pairs = Object.entries(selector);
  return pairs.length > 0 && pairs.every(([key, value]) => labels[key] === value);
}

function envValue(container: Container, name: string): string | undefined {
  return container.env?.find((e) => e.name === name)?.value;
}

/** Every environment variable logsift.yaml reads a secret from (`env:`, `secretEnv:`, `…Env:`). */
export function secretEnvNames(config: unknown): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'env' || key.endsWith('Env')) && typeof value === 'string') names.push(value);
        else walk(value);
      }
    }
  };
  walk(config);
  return names;
}

/** logsift.yaml as the pod reads it: the ConfigMap behind LOGSIFT_CONFIG. */
export function mountedConfig(objects: K8sObject[]): { path: string; text: string } {
  const deployment = one<Deployment>(objects, 'Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0] ?? fail('the Deployment has no container');
  const path = envValue(container, 'LOGSIFT_CONFIG') ?? fail('LOGSIFT_CONFIG is not set');
  const mount =
    container.volumeMounts?.find((m) => m.mountPath === posix.dirname(path)) ??
    fail(`nothing is mounted at ${posix.dirname(path)} (LOGSIFT_CONFIG=${path})`);
  const volume = pod.volumes?.find((v) => v.name === mount.name);
  const configMapName = volume?.configMap?.name ?? fail(`volume ${mount.name} is not a ConfigMap`);
  const configMap = one<K8sObject & { data?: Record<string, string> }>(
    objects,
    'ConfigMap',
    configMapName,
  );
  const text =
    configMap.data?.[posix.basename(path)] ??
    fail(`ConfigMap ${configMapName} has no ${posix.basename(path)}`);
  return { path, text };
}

/**
 * The choices issue 8 asks of every rendering (kustomize overlays and Helm values alike):
 * security context, probes on the container port under server.basePath, volumes, Service,
 * Ingress and PDB that reach the pods, credentials from the Secret, the IRSA-ready
 * ServiceAccount. Throws with the first disagreement.
 */
export function checkManifests(objects: K8sObject[], expected: Expected): void {
  for (const o of objects) {
    if (!o.apiVersion || !o.kind || !o.metadata?.name) {
      fail(`an object lacks apiVersion, kind or metadata.name: ${JSON.stringify(o).slice(0, 200)}`);
    }
  }
  const deployment = one<Deployment>(objects, 'Deployment');
  const template = deployment.spec.template;
  const podLabels = template.metadata.labels;
  if (!selects(deployment.spec.selector.matchLabels, podLabels)) {
    fail('the Deployment selector does not select its own pods');
  }
  const pod = template.spec;
  const container = pod.containers[0] ?? fail('the Deployment has no container');
  if (!container.image) fail('the container has no image');

  const podSecurity = pod.securityContext ?? {};
  const security = container.securityContext ?? {};
  const runAsUser = security['runAsUser'] ?? podSecurity['runAsUser'];
  if (typeof runAsUser !== 'number' || runAsUser === 0) fail('runAsUser must be a non-root UID');
  const required: [Record<string, unknown>, string, unknown][] = [
    [podSecurity, 'runAsNonRoot', true],
    [security, 'runAsNonRoot', true],
    [security, 'readOnlyRootFilesystem', true],
    [security, 'allowPrivilegeEscalation', false],
  ];
  for (const [context, field, value] of required) {
    if (context[field] !== value) fail(`securityContext.${field} must be ${String(value)}`);
  }
  const seccomp = (security['seccompProfile'] ?? podSecurity['seccompProfile']) as
    { type?: string } | undefined;
  if (seccomp?.type !== 'RuntimeDefault') fail('seccompProfile must be RuntimeDefault');
  const drop = (security['capabilities'] as { drop?: string[] } | undefined)?.drop ?? [];
  if (!drop.includes('ALL')) fail('capabilities must drop ALL');
  for (const side of ['requests', 'limits'] as const) {
    const r = container.resources?.[side];
    if (!r?.['cpu'] || !r['memory']) fail(`resources.${side} needs cpu and memory`);
  }

  const http = container.ports?.find((p) => p.name === 'http') ?? fail('no container port "http"');
  if (http.containerPort !== CONTAINER_PORT) {
    fail(`the container port is ${http.containerPort}, the image listens on ${CONTAINER_PORT}`);
  }
  if (envValue(container, 'PORT') !== String(http.containerPort)) {
    fail('PORT does not match the container port');
  }

  const { text } = mountedConfig(objects);
  const config = parse(text) as {
    server?: { basePath?: string };
    storage?: { kind?: string; dataDir?: string };
  };
  const basePath = config.server?.basePath ?? '';
  const probes: [string, Probe | undefined, string][] = [
    ['startupProbe', container.startupProbe, '/healthz'],
    ['livenessProbe', container.livenessProbe, '/healthz'],
    ['readinessProbe', container.readinessProbe, '/readyz'],
  ];
  for (const [name, probe, route] of probes) {
    const get = probe?.httpGet ?? fail(`${name} must be an httpGet`);
    if (get.path !== `${basePath}${route}`) {
      fail(
        `${name} asks ${get.path}; with basePath "${basePath}" Logsift answers ${basePath}${route}`,
      );
    }
    if (get.port !== 'http' && get.port !== http.containerPort) {
      fail(`${name} port ${String(get.port)} is not the container port`);
    }
  }

  const mounts = container.volumeMounts ?? [];
  const volumeAt = (path: string): Volume => {
    const mount = mounts.find((m) => m.mountPath === path) ?? fail(`nothing is mounted at ${path}`);
    if (mount.readOnly) fail(`${path} must be writable`);
    return pod.volumes?.find((v) => v.name === mount.name) ?? fail(`no volume ${mount.name}`);
  };
  const dataDir = envValue(container, 'LOGSIFT_DATA_DIR') ?? fail('LOGSIFT_DATA_DIR is not set');
  const data = volumeAt(dataDir);
  if (!data.persistentVolumeClaim && !data.emptyDir)
    fail('the data volume is neither a PVC nor an emptyDir');
  if (data.persistentVolumeClaim) {
    const claim = data.persistentVolumeClaim.claimName;
    one(objects, 'PersistentVolumeClaim', claim);
    if ((deployment.spec.replicas ?? 1) > 1) fail('a ReadWriteOnce data volume needs one replica');
  }
  if (config.storage?.kind === 'sqlite' && config.storage.dataDir !== dataDir) {
    fail(`storage.dataDir ${config.storage.dataDir} is not the data volume ${dataDir}`);
  }
  if (!volumeAt('/tmp').emptyDir) fail('/tmp must be an emptyDir');

  const secretName =
    container.envFrom?.find((e) => e.secretRef)?.secretRef?.name ?? fail('no envFrom secretRef');
  const secret = one<
    K8sObject & { stringData?: Record<string, string>; data?: Record<string, string> }
  >(objects, 'Secret', secretName);
  const secretValues = { ...secret.data, ...secret.stringData };
  for (const name of secretEnvNames(config)) {
    if (!(name in secretValues))
      fail(`logsift.yaml reads ${name}, which Secret ${secretName} lacks`);
  }
  for (const [key, value] of Object.entries(secret.stringData ?? {})) {
    if (!/^REPLACE_/.test(value))
      fail(`Secret ${secretName} holds a value for ${key}: placeholders only`);
  }

  const account = one(objects, 'ServiceAccount', pod.serviceAccountName ?? 'default');
  if (!('eks.amazonaws.com/role-arn' in (account.metadata.annotations ?? {}))) {
    fail('the ServiceAccount lacks the eks.amazonaws.com/role-arn annotation');
  }
  if (pod.automountServiceAccountToken !== false)
    fail('the pod mounts a Kubernetes API token it never uses');

  const service = one<
    K8sObject & {
      spec: {
        type?: string;
        selector: Record<string, string>;
        ports: { name?: string; port: number; targetPort?: string | number; nodePort?: number }[];
      };
    }
  >(objects, 'Service');
  if (!selects(service.spec.selector, podLabels)) fail('the Service does not select the pods');
  if ((service.spec.type ?? 'ClusterIP') !== expected.serviceType) {
    fail(`the Service is ${service.spec.type}, expected ${expected.serviceType}`);
  }
  const servicePort = service.spec.ports[0] ?? fail('the Service has no port');
  if (servicePort.targetPort !== 'http' && servicePort.targetPort !== http.containerPort) {
    fail(`the Service targets ${String(servicePort.targetPort)}, not the container port`);
  }
  if (expected.nodePort !== undefined && servicePort.nodePort !== expected.nodePort) {
    fail(`nodePort is ${servicePort.nodePort}, expected ${expected.nodePort}`);
  }

  const ingresses = objects.filter((o) => o.kind === 'Ingress');
  if (ingresses.length !== (expected.ingress ? 1 : 0)) {
    fail(`expected ${expected.ingress ? 'one Ingress' : 'no Ingress'}, found ${ingresses.length}`);
  }
  for (const ingress of ingresses as (K8sObject & {
    spec: {
      rules: {
        http: {
          paths: {
            path: string;
            pathType: string;
            backend: { service: { name: string; port: { name?: string; number?: number } } };
          }[];
        };
      }[];
    };
  })[]) {
    for (const rule of ingress.spec.rules) {
      for (const path of rule.http.paths) {
        if (path.path !== (basePath || '/')) {
          fail(`the Ingress path ${path.path} is not server.basePath "${basePath}"`);
        }
        if (path.pathType !== 'Prefix') fail('the Ingress path must be a Prefix');
        const backend = path.backend.service;
        if (backend.name !== service.metadata.name) fail(`the Ingress sends to ${backend.name}`);
        if (backend.port.name !== servicePort.name && backend.port.number !== servicePort.port) {
          fail('the Ingress backend port is not the Service port');
        }
      }
    }
  }

  const pdb = one<
    K8sObject & {
      spec: {
        selector: { matchLabels: Record<string, string> };
        minAvailable?: number;
        maxUnavailable?: number;
      };
    }
  >(objects, 'PodDisruptionBudget');
  if (!selects(pdb.spec.selector.matchLabels, podLabels))
    fail('the PodDisruptionBudget selects no pod');
  const replicas = deployment.spec.replicas ?? 1;
  const drainable =
    (pdb.spec.maxUnavailable ?? 0) >= 1 ||
    (pdb.spec.minAvailable !== undefined && pdb.spec.minAvailable < replicas);
  if (!drainable) fail('the PodDisruptionBudget would block every node drain');
}
