import { spawn } from 'node:child_process';

/** `npm start` opens the browser for a person at a terminal; never in CI or a container. */
export function openBrowser(url: string): void {
  if (!process.stdout.isTTY || process.env['CI'] || process.env['LOGSIFT_OPEN'] === '0') return;
  const [command, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  try {
    const child = spawn(command ?? 'xdg-open', args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open is fine: the URL is printed.
  }
}
