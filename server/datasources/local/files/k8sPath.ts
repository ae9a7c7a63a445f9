/** Kubernetes labels from the kubelet's log paths, as Promtail and Fluent Bit derive them. */
export function labelsFromPath(path: string): Record<string, string> {
  const pods = /\/var\/log\/pods\/([^_/]+)_([^_/]+)_([^/]+)\/([^/]+)\/[^/]+$/.exec(path);
  if (pods?.[1] && pods[2] && pods[4]) {
    return { namespace: pods[1], pod: pods[2], container: pods[4] };
  }
  const containers = /\/var\/log\/containers\/([^_/]+)_([^_/]+)_(.+)-[0-9a-f]{64}\.log$/.exec(path);
  if (containers?.[1] && containers[2] && containers[3]) {
    return { namespace: containers[2], pod: containers[1], container: containers[3] };
  }
  return {};
}

export function fileLabels(path: string, job: string): Record<string, string> {
  return { job, filename: path, ...labelsFromPath(path) };
}
