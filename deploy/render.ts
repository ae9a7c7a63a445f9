import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const DEPLOY_DIR = import.meta.dirname;
export const REPO_DIR = join(DEPLOY_DIR, '..');
export const CHART_DIR = join(DEPLOY_DIR, 'helm', 'logsift');
export const KUSTOMIZE_DIR = join(DEPLOY_DIR, 'kustomize');

/** A rendered Kubernetes object, read loosely: the checks say what each field must be. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** A missing tool is a failure that says how to get it, never a skipped check. */
function run(tool: 'kubectl' | 'helm', args: string[]): string {
  const result = spawnSync(tool, args, { cwd: REPO_DIR, encoding: 'utf8', timeout: 60_000 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `${tool} is not installed: run deploy/install-tools.sh (.ci/run does) to check the manifests`,
    );
  }
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  }
  return result.stdout;
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
      return doc.toJS() as K8sObject | null;
    })
    .filter((doc): doc is K8sObject => doc !== null);
}

export function renderKustomize(overlay: string): K8sObject[] {
  return parseManifests(run('kubectl', ['kustomize', join(KUSTOMIZE_DIR, overlay)]));
}

/** `helm template` of the chart, with values files and `--set` pairs. */
export function renderHelm(valuesFiles: string[] = [], set: string[] = []): K8sObject[] {
  return parseManifests(helmTemplate(valuesFiles, set));
}

export function helmTemplate(valuesFiles: string[] = [], set: string[] = []): string {
  const args = ['template', 'logsift', CHART_DIR, '--namespace', 'logs'];
  for (const file of valuesFiles) args.push('--values', file);
  for (const pair of set) args.push('--set', pair);
  return run('helm', args);
}

export function helmLint(): string {
  return run('helm', ['lint', '--strict', CHART_DIR]);
}
