import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { memoryMb, startServer, waitFor } from './processes';

/**
 * 1,000 live tails open at once and idle (the embedded datasource without replay: no line
 * arrives), held past a heartbeat, against the BFF in its own process. Target (issue 8): the
 * BFF under 300 MB resident. One more past maxTails is refused with a reason.
 */
const PORT = 18_176;
const TAILS = 1_000;
const HOLD_S = 35;
const BATCH = 100;

/** Opens a tail; `said` gets what the server sends, from the first frame on. */
function openTail(said: string[] = []): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${PORT}/api/v1/tail`);
    socket.on('message', (data: Buffer) => said.push(data.toString()));
    socket.once('open', () => {
      socket.send(JSON.stringify({ datasource: 'local', language: 'logql', query: '{job=~".+"}' }));
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

async function openSessions(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
  return Number(/^logsift_tail_sessions\{datasource="local"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchIdleTails(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-bench-tails-'));
  const config = join(dir, 'logsift.yaml');
  writeFileSync(
    config,
    `datasources:\n  - id: local\n    kind: local\n    replay: false\nserver:\n  limits:\n    maxTails: ${TAILS}\naudit:\n  enabled: false\n`,
  );
  const bff = startServer({
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: config,
    LOGSIFT_DATA_DIR: dir,
    LOGSIFT_OPEN: '0',
  });
  const sockets: WebSocket[] = [];
  const out: string[] = [];
  try {
    await waitFor(`http://127.0.0.1:${PORT}/readyz`);
    await sleep(1_000);
    const before = memoryMb(bff.pid).now;
    const started = performance.now();
    for (let i = 0; i < TAILS; i += BATCH) {
      sockets.push(...(await Promise.all(Array.from({ length: BATCH }, () => openTail()))));
    }
    for (let i = 0; i < 100 && (await openSessions()) < TAILS; i++) await sleep(100);
    const openMs = performance.now() - started;
    const opened = await openSessions();
    const atOpen = memoryMb(bff.pid).now;
    const said: string[] = [];
    const extra = await openTail(said);
    const refused = await new Promise<string>((resolve) =>
      extra.once('close', (code, reason) =>
        resolve(`${code} "${reason.toString()}" after ${said.join(' ')}`),
      ),
    );
    await sleep(HOLD_S * 1_000);
    const held = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
    const mem = memoryMb(bff.pid);
    out.push(
      `tails: ${opened.toLocaleString('en')} idle tails open in ${(openMs / 1000).toFixed(1)} s; BFF RSS ${before.toFixed(0)} MB before, ${atOpen.toFixed(0)} MB all open, ${mem.now.toFixed(0)} MB after ${HOLD_S} s held (peak ${mem.peak.toFixed(0)} MB; target < 300 MB)`,
      `tails: ${held.toLocaleString('en')} of ${TAILS.toLocaleString('en')} still open after the hold (heartbeat pings answered); the ${(TAILS + 1).toLocaleString('en')}st refused: close ${refused}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    for (const s of sockets) s.terminate();
    bff.kill('SIGTERM');
  }
  return out;
}
