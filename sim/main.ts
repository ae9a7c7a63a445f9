import { parseArgs } from 'node:util';
import { startCloudWatchSim } from './cloudwatch';
import { startElasticsearchSim } from './elasticsearch';
import { startLokiSim } from './loki';

const USAGE = `usage: npm run sim -- <kind> [--port N] [--sample-scale X] [--require-tenant [--samples-tenant T]] [--loki-version V] [--flavor elasticsearch|opensearch] [--region R] [--latency-ms N] [--query-duration-ms N]

kinds: loki, elasticsearch, cloudwatch
Listens on 127.0.0.1, loaded with the bundled samples; stops on SIGTERM or Ctrl-C.`;

interface Running {
  url: string;
  close(): Promise<void>;
}

interface Flags {
  port: number;
  sampleScale: number;
  requireTenant: boolean;
  samplesTenant: string | undefined;
  lokiVersion: string | undefined;
  flavor: 'elasticsearch' | 'opensearch';
  region: string;
  latencyMs: number;
  queryDurationMs: number | undefined;
}

/** One starter per backend kind: the only place that knows them. */
const KINDS: Record<string, (flags: Flags) => Promise<Running>> = {
  loki: (flags) =>
    startLokiSim({
      port: flags.port,
      sampleScale: flags.sampleScale,
      requireTenant: flags.requireTenant,
      ...(flags.samplesTenant ? { samplesTenant: flags.samplesTenant } : {}),
      ...(flags.lokiVersion ? { version: flags.lokiVersion } : {}),
    }),
  elasticsearch: (flags) =>
    startElasticsearchSim({
      port: flags.port,
      sampleScale: flags.sampleScale,
      flavor: flags.flavor,
    }),
  cloudwatch: (flags) =>
    startCloudWatchSim({
      port: flags.port,
      sampleScale: flags.sampleScale,
      region: flags.region,
      latencyMs: flags.latencyMs,
      ...(flags.queryDurationMs === undefined ? {} : { queryDurationMs: flags.queryDurationMs }),
    }),
};

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function milliseconds(value: string, flag: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) fail(`${flag} takes a whole number of milliseconds ≥ 0`);
  return ms;
}

function readFlags(argv: string[]): { kind: string; flags: Flags } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string', default: '0' },
        'sample-scale': { type: 'string', default: '1' },
        'require-tenant': { type: 'boolean', default: false },
        'samples-tenant': { type: 'string' },
        'loki-version': { type: 'string' },
        flavor: { type: 'string', default: 'elasticsearch' },
        region: { type: 'string', default: 'us-east-1' },
        'latency-ms': { type: 'string', default: '0' },
        'query-duration-ms': { type: 'string' },
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const [kind, ...extra] = parsed.positionals;
  if (!kind || extra.length > 0) fail('say which backend to simulate, once');
  const port = Number(parsed.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail('--port takes a port number');
  const sampleScale = Number(parsed.values['sample-scale']);
  if (!Number.isFinite(sampleScale) || sampleScale < 0) fail('--sample-scale takes a number ≥ 0');
  const flavor = parsed.values.flavor;
  if (flavor !== 'elasticsearch' && flavor !== 'opensearch') {
    fail('--flavor takes elasticsearch or opensearch');
  }
  const latencyMs = milliseconds(parsed.values['latency-ms'], '--latency-ms');
  const duration = parsed.values['query-duration-ms'];
  const queryDurationMs =
    duration === undefined ? undefined : milliseconds(duration, '--query-duration-ms');
  return {
    kind,
    flags: {
      port,
      sampleScale,
      requireTenant: parsed.values['require-tenant'],
      samplesTenant: parsed.values['samples-tenant'],
      lokiVersion: parsed.values['loki-version'],
      flavor,
      region: parsed.values.region,
      latencyMs,
      queryDurationMs,
    },
  };
}

async function main(): Promise<void> {
  const { kind, flags } = readFlags(process.argv.slice(2));
  const start = KINDS[kind];
  if (!start) fail(`unknown kind "${kind}"`);
  const sim = await start(flags);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`${kind} simulator on ${sim.url}`);
}

main().catch((error: unknown) => {
  console.error('the simulator cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
