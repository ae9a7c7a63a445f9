import { benchApi } from './apiBench';
import { benchDashboard } from './dashboardBench';
import { benchBundle } from './bundleSize';
import { benchCloudWatch } from './cloudwatchBench';
import { benchLocalDatasource } from './datasourceBench';
import { benchEngine } from './engineBench';
import { benchElasticsearch } from './esBench';
import { benchFederated } from './federatedBench';
import { benchLogList } from './logListBench';
import { benchLoki } from './lokiBench';
import { startServer } from './processes';
import { benchStore } from './storeBench';
import { benchTail } from './tailBench';
import { benchIdleTails } from './idleTailsBench';
import { benchUsers } from './usersBench';
import { benchFirstRows } from './uiBench';

/** Run → first rows in Chromium, against a Logsift serving its embedded samples. */
async function firstRowsOnEmbedded(): Promise<string[]> {
  const port = 18_090;
  const server = startServer({
    PORT: String(port),
    HOST: '127.0.0.1',
    LOGSIFT_CONFIG: '',
    LOGSIFT_OPEN: '0',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return await benchFirstRows(base);
  } finally {
    server.kill('SIGTERM');
  }
}

/** Prints numbers, never pass/fail: see bench/RESULTS.md for what they were last time. */
async function main(): Promise<void> {
  const print = (lines: string[]) => console.log(lines.join('\n'));
  // `npm run bench -- <part>` runs one part only.
  const parts: Record<string, () => Promise<string[]>> = {
    // Issue 2's numbers: the embedded engine, the API, the JS shipped and the first rows.
    foundation: async () => [
      ...benchEngine(),
      ...(await benchLocalDatasource()),
      ...(await benchApi()),
      ...benchBundle(),
      ...(await firstRowsOnEmbedded()),
    ],
    loki: benchLoki,
    elasticsearch: benchElasticsearch,
    cloudwatch: benchCloudWatch,
    federated: benchFederated,
    loglist: benchLogList,
    tail: benchTail,
    store: benchStore,
    dashboard: benchDashboard,
    users: benchUsers,
    tails: benchIdleTails,
  };
  const only = process.argv[2];
  if (only) {
    const part = parts[only];
    if (!part) throw new Error(`no bench part ${only}; parts: ${Object.keys(parts).join(', ')}`);
    print(await part());
    return;
  }
  print(benchEngine());
  print(await benchLocalDatasource());
  print(await benchApi());
  print(benchBundle());
  print(await benchLoki());
  print(await benchElasticsearch());
  print(await benchCloudWatch());
  print(await benchFederated());
  print(await benchLogList());
  print(await benchTail());
  print(await benchStore());
  print(await benchDashboard());
  print(await benchUsers());
  print(await benchIdleTails());

  print(await firstRowsOnEmbedded());
}

await main();
