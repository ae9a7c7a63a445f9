import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { serverNodeArgs } from '../../nodeFlags';

const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));

/** The real Logsift (server/main.ts) in its own process, for tests that kill or starve it. */
export interface LogsiftProcess {
  /** `http://localhost:<port>/`. */
  readonly url: string;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown code runs, as when the kernel or the kubelet kills the pod. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the ordinary stop. Resolves with the exit code (null when killed). */
  stop(): Promise<number | null>;
}

/**
 * Writes `config` to `<dir>/logsift.yaml` (JSON is YAML) and starts Logsift on it on a free
 * loopback port; resolves once it prints the URL it listens on.
 */
export async function startLogsift(
  dir: string,
  config: unknown,
  env: Record<string, string> = {},
  /** Another user to run as (root only), so file permissions hold as they do in a pod. */
  user?: { uid: number; gid: number },
): Promise<LogsiftProcess> {
  const configPath = join(dir, 'logsift.yaml');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    serverNodeArgs(MAIN),
    {
      env: {
        ...process.env,
        ...env,
        LOGSIFT_CONFIG: configPath,
        LOGSIFT_DATA_DIR: '',
        PORT: '0',
        HOST: '127.0.0.1',
        LOGSIFT_OPEN: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...user,
    },
  );
  // A test that dies before its stop() must not leave a server running.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Logsift did not listen in 60 s:\n${out}`));
    }, 60_000);
    const look = () => {
      const match = /Logsift on (http:\/\/localhost:\d+\/)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout.off('data', look);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(
        new Error(
          `Logsift exited (${child.exitCode ?? child.signalCode}) before listening:\n${out}`,
        ),
      );
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    url,
    output: () => out,
    kill: async () => void (await end('SIGKILL')),
    stop: () => end('SIGTERM'),
  };
}
