import { z } from 'zod';
import { LogsiftError, type Language } from '../../../model';
import { compileLogQL, type CompiledLogQuery, type CompiledQuery } from '../../../query';
import type { Datasource, ResolvedQuery, TailSession } from '../datasource';
import { loadCorpus } from './bundled';
import { streamContext } from './context';
import { computeFacets, computeFields, computeValues } from './facets';
import { fileLabels } from './files/k8sPath';
import { FileFollower } from './files/follow';
import { ShopGenerator, SHOP_LINES } from './generator/generate';
import { logHistogram, metricHistogram } from './histogram';
import { runQuery } from './query';
import { streamRanges } from './scan';
import { SharedAnswers } from './sharedAnswers';
import { LogStore } from './store';
import { startTail } from './tail';

export const LocalDatasourceConfigSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must match [A-Za-z0-9_-]{1,64}'),
  name: z.string().max(200).optional(),
  kind: z.literal('local'),
  /** Globs of log files to read and follow; without them the bundled samples are served. */
  paths: z.array(z.string().min(1)).min(1).optional(),
  /** Keep appending sample lines (bundled samples only). */
  replay: z.boolean().optional(),
  maxLines: z.number().int().positive().max(20_000_000).optional(),
});
export type LocalDatasourceConfig = z.infer<typeof LocalDatasourceConfigSchema>;

export interface LocalDatasourceOptions {
  now?: () => number;
  /** Scales the generated sample shop: 0.02 for quick tests, 10 for a million-line bench. */
  sampleScale?: number;
}

const REPLAY_MS = 1_000;
/** The range is matched on its own; the user and a progress callback change no answer. */
const NOT_IN_KEY = new Set(['fromMs', 'toMs', 'user', 'onProgress']);

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted)
    throw new LogsiftError('timeout', 'the query was cancelled or ran out of time');
}

function compile(language: Language, query: string): CompiledQuery {
  if (language !== 'logql') {
    throw new LogsiftError(
      'unsupported',
      `the local datasource answers LogQL; ${language} is not supported yet`,
    );
  }
  return compileLogQL(query);
}

function logQuery(req: { language: Language; query: string }, what: string): CompiledLogQuery {
  const compiled = compile(req.language, req.query);
  if (compiled.kind === 'metric') {
    throw new LogsiftError(
      'bad_query',
      `${what} needs a log query; a metric query like this one is drawn by the histogram`,
      { from: 0, to: req.query.length },
    );
  }
  return compiled;
}

export async function createLocalDatasource(
  config: LocalDatasourceConfig,
  options: LocalDatasourceOptions = {},
): Promise<Datasource> {
  const now = options.now ?? Date.now;
  const store = new LogStore(config.maxLines ?? 2_000_000);
  const stops: (() => Promise<void> | void)[] = [];

  if (config.paths) {
    const follower = new FileFollower(
      config.paths,
      (batch) =>
        store.append({ ...fileLabels(batch.path, config.id), ...batch.labels }, batch.entries),
      now,
    );
    await follower.start();
    stops.push(() => follower.stop());
  } else {
    const started = now();
    for (const s of await loadCorpus(started)) store.append(s.labels, s.entries);
    const shop = new ShopGenerator(42, started);
    const lines = Math.round(SHOP_LINES * (options.sampleScale ?? 1));
    for (const s of shop.history(lines)) store.append(s.labels, s.entries);
    if (config.replay ?? true) {
      let last = started;
      const timer = setInterval(() => {
        const until = now();
        for (const s of shop.live(last, until, 2 + Math.floor(Math.random() * 4))) {
          store.append(s.labels, s.entries);
        }
        last = until;
      }, REPLAY_MS);
      timer.unref();
      stops.push(() => clearInterval(timer));
    }
  }

  const rangesFor = (q: CompiledLogQuery, req: Pick<ResolvedQuery, 'fromMs' | 'toMs'>) =>
    streamRanges(store, q, req.fromMs, req.toMs);
  const source = config.id;
  const tails = new Set<TailSession>();
  const answers = new SharedAnswers(now);
  /** Two requests are the same when all but their range (and who asks) is: one datasource. */
  const share = async <T>(
    method: string,
    req: { fromMs: number; toMs: number },
    signal: AbortSignal,
    compute: () => Promise<T>,
  ): Promise<T> => {
    throwIfAborted(signal);
    const key = JSON.stringify(req, (name, value: unknown) =>
      NOT_IN_KEY.has(name) ? undefined : value,
    );
    return answers.run(`${method} ${key}`, req, compute).answer;
  };
  let closed = false;

  return {
    id: config.id,
    name: config.name ?? config.id,
    kind: 'local',
    languages: ['logql'],
    capabilities: { tail: true, histogram: true, facets: true, explain: true, context: true },
    query(req, signal) {
      return share('query', req, signal, async () => {
        const q = logQuery(req, 'a log list');
        return runQuery(source, q, rangesFor(q, req), req, signal);
      });
    },
    histogram(req, signal) {
      return share('histogram', req, signal, async () => {
        const q = compile(req.language, req.query);
        if (q.kind === 'log') {
          return logHistogram(q, rangesFor(q, req), req.fromMs, req.toMs, req.stepMs, signal);
        }
        const ranges = streamRanges(store, q.log, req.fromMs - q.rangeMs, req.toMs);
        return metricHistogram(q, ranges, req.fromMs, req.toMs, req.stepMs, signal);
      });
    },
    facets(req, signal) {
      return share('facets', req, signal, async () => {
        const q = logQuery(req, 'facets');
        return computeFacets(q, rangesFor(q, req), req.fields, signal, req.size);
      });
    },
    fields(req, signal) {
      return share('fields', req, signal, async () => {
        const q = logQuery({ language: req.language, query: req.query ?? '{job=~".+"}' }, 'fields');
        return computeFields(q, rangesFor(q, req), signal);
      });
    },
    values(req, signal) {
      return share('values', req, signal, async () => {
        const q = logQuery({ language: req.language, query: req.query ?? '{job=~".+"}' }, 'values');
        return computeValues(q, rangesFor(q, req), req.field, signal);
      });
    },
    explain(req) {
      compile(req.language, req.query);
      return [
        {
          method: 'SCAN',
          url: `local://${config.id}`,
          params: {
            query: req.query,
            from: String(req.fromMs),
            to: String(req.toMs),
            limit: String(req.limit),
            direction: req.direction,
          },
        },
      ];
    },
    async context(req, signal) {
      throwIfAborted(signal);
      return streamContext(source, store, req);
    },
    tail(req, sink) {
      const session = startTail(source, store, logQuery(req, 'live tail'), sink);
      tails.add(session);
      return {
        close() {
          tails.delete(session);
          session.close();
        },
      };
    },
    async ready() {
      return !closed;
    },
    async close() {
      closed = true;
      answers.clear();
      for (const session of tails) session.close();
      tails.clear();
      for (const stop of stops) await stop();
    },
  };
}
