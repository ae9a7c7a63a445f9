import { createHash } from 'node:crypto';
import { LEVELS } from '../../model';
import { detectLevel } from '../../server/logs/detectLevel';
import { loadCorpus } from '../../server/datasources/local/bundled';
import {
  SHOP_LINES,
  ShopGenerator,
  type GeneratedStream,
} from '../../server/datasources/local/generator/generate';
import type { LogGroup, LogStore } from './store';

const REPLAY_MS = 1_000;
const DAY_MS = 86_400_000;
const DEFAULT_NODE = 'ip-10-0-4-12.ec2.internal';

/** The log groups EKS Container Insights (Fluent Bit) and EKS control-plane logging create. */
export function sampleGroupNames(cluster: string) {
  return {
    application: `/aws/containerinsights/${cluster}/application`,
    dataplane: `/aws/containerinsights/${cluster}/dataplane`,
    controlPlane: `/aws/eks/${cluster}/cluster`,
  };
}

const hex = (text: string, length: number) =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

type SampleGroups = Record<keyof ReturnType<typeof sampleGroupNames>, LogGroup>;

interface Placed {
  group: LogGroup;
  stream: string;
  /** The event's message built from the original line. */
  message: (line: string) => string;
}

/** Where a sample stream lands and how Fluent Bit wraps its lines. */
function place(groups: SampleGroups, cluster: string, labels: Record<string, string>): Placed {
  const host = labels.node ?? DEFAULT_NODE;
  if (labels.job === 'k8s-audit') {
    return {
      group: groups.controlPlane,
      stream: `kube-apiserver-audit-${hex(cluster, 32)}`,
      message: (line) => line,
    };
  }
  const namespace = labels.namespace ?? (labels.job === 'nginx-ingress' ? 'ingress-nginx' : '');
  if (!namespace) {
    const unit = labels.job === 'container-runtime' ? 'containerd.service' : 'kubelet.service';
    return {
      group: groups.dataplane,
      stream: `${host}-dataplane.systemd.${unit}`,
      message: (line) => JSON.stringify({ hostname: host, systemd_unit: unit, message: line }),
    };
  }
  const pod = labels.pod ?? `ingress-nginx-controller-${hex(labels.filename ?? '', 5)}`;
  const container = labels.container ?? 'controller';
  const dockerId = hex(`${namespace}/${pod}/${container}`, 64);
  const kubernetes = {
    pod_name: pod,
    namespace_name: namespace,
    pod_id: `${hex(pod, 8)}-${hex(pod + 1, 4)}-${hex(pod + 2, 4)}-${hex(pod + 3, 4)}-${hex(pod + 4, 12)}`,
    host,
    container_name: container,
    docker_id: dockerId,
    container_image: `public.ecr.aws/logsift/${container}:1.4.2`,
    ...(labels.app ? { labels: { app: labels.app } } : {}),
  };
  return {
    group: groups.application,
    stream: `${host}-application.var.log.containers.${pod}_${namespace}_${container}-${dockerId}.log`,
    message: (line) => {
      const level = detectLevel(line);
      const stream = LEVELS.indexOf(level) >= LEVELS.indexOf('warn') ? 'stderr' : 'stdout';
      return JSON.stringify({ log: line, stream, kubernetes });
    },
  };
}

/** Writes generated streams into the store as Fluent Bit would have shipped them. */
function writer(
  store: LogStore,
  groups: SampleGroups,
  cluster: string,
): (streams: GeneratedStream[]) => void {
  const placed = new Map<string, Placed>();
  return (streams) => {
    for (const { labels, entries } of streams) {
      const key = JSON.stringify(labels);
      let where = placed.get(key);
      if (!where) placed.set(key, (where = place(groups, cluster, labels)));
      const { group, stream, message } = where;
      store.put(
        group,
        stream,
        entries.map((e) => ({ timestamp: e.ms, message: message(e.line) })),
      );
    }
  };
}

/** Loads the corpus and the shop; with `replay`, keeps the shop talking. Returns what stops it. */
export async function loadSamples(
  store: LogStore,
  options: { now: () => number; sampleScale: number; replay: boolean; cluster: string },
): Promise<() => void> {
  const started = options.now();
  const names = sampleGroupNames(options.cluster);
  // The groups exist from the cluster's creation on, whatever lines the scale leaves.
  const groups: SampleGroups = {
    application: store.group(names.application, started - 30 * DAY_MS, 30),
    dataplane: store.group(names.dataplane, started - 30 * DAY_MS, 7),
    controlPlane: store.group(names.controlPlane, started - 31 * DAY_MS),
  };
  const write = writer(store, groups, options.cluster);
  write(await loadCorpus(started));
  const shop = new ShopGenerator(42, started);
  write(shop.history(Math.round(SHOP_LINES * options.sampleScale)));
  if (!options.replay) return () => undefined;
  let last = started;
  const timer = setInterval(() => {
    const until = options.now();
    write(shop.live(last, until, 2 + Math.floor(Math.random() * 4)));
    last = until;
  }, REPLAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
