import { EsError, esError, validationFailed } from './errors';
import { jsonBody, ok, type Handler, type Reply, type SimRequest } from './route';
import { runSearch } from './search';
import type { View } from './store';

type Json = Record<string, unknown>;

const PIT_SETTING = {
  elasticsearch: 'search.max_keep_alive',
  opensearch: 'point_in_time.max_keep_alive',
};

function settingName(req: SimRequest): string {
  return PIT_SETTING[req.state.options.flavor];
}

/** URI parameters that override or fill the body, as the REST layer merges them. */
function withUriParams(req: SimRequest, body: Json): Json {
  const q = req.query;
  const merged: Json = { ...body };
  for (const name of ['size', 'from'] as const) {
    const value = q.get(name);
    if (value !== null) merged[name] = Number(value);
  }
  const track = q.get('track_total_hits');
  if (track !== null)
    merged.track_total_hits = track === 'true' ? true : track === 'false' ? false : Number(track);
  const uriQuery = q.get('q');
  if (uriQuery !== null) {
    merged.query = {
      query_string: { query: uriQuery, ...(q.get('df') ? { default_field: q.get('df') } : {}) },
    };
  }
  return merged;
}

function targetView(
  req: SimRequest,
  body: Json,
  target: string | undefined,
): { view: View; pitId?: string } {
  const { store, pits } = req.state;
  const pit = body.pit as Json | undefined;
  if (pit) {
    if (target !== undefined) {
      throw validationFailed(
        '[indices] cannot be used with point in time. Do not specify any index with point in time.',
      );
    }
    const id = String(pit.id ?? '');
    const view = pits.use(
      id,
      pit.keep_alive === undefined ? undefined : String(pit.keep_alive),
      settingName(req),
    );
    return { view, pitId: id };
  }
  const resolved = store.resolve(target ?? '_all', req.query.get('ignore_unavailable') === 'true');
  return { view: store.view(resolved.indices) };
}

function searchOnce(req: SimRequest, body: Json, target: string | undefined): Json {
  const { view, pitId } = targetView(req, body, target);
  const answer = runSearch(view, body, req.raw, {
    now: req.state.options.now(),
    maxResultWindow: req.state.options.maxResultWindow,
    shardFailures: req.state.fault?.shardFailures ?? 0,
    pitId,
    shardDocTiebreaker: pitId !== undefined && req.state.options.flavor === 'elasticsearch',
  });
  if (req.query.get('rest_total_hits_as_int') === 'true') {
    const hits = answer.hits as Json;
    hits.total = (hits.total as { value: number } | undefined)?.value ?? 0;
  }
  return answer;
}

export const search: Handler = (req) =>
  ok(searchOnce(req, withUriParams(req, jsonBody(req)), req.params.target));

export const count: Handler = (req) => {
  const body = jsonBody(req);
  const answer = searchOnce(
    req,
    { ...withUriParams(req, { query: body.query }), size: 0, track_total_hits: true },
    req.params.target,
  );
  return ok({
    count: (answer.hits as { total: { value: number } }).total.value,
    _shards: answer._shards,
  });
};

/** `_msearch`: NDJSON pairs of header and body; each answer carries its own status. */
export const msearch: Handler = (req) => {
  const started = Date.now();
  const lines = req.raw.split('\n').filter((l) => l.trim() !== '');
  if (lines.length % 2 !== 0) {
    throw esError(400, {
      type: 'illegal_argument_exception',
      reason: 'The msearch request must be terminated by a newline [\n]',
    });
  }
  const responses: Json[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const header = JSON.parse(lines[i] ?? '{}') as Json;
    const raw = lines[i + 1] ?? '{}';
    const index = header.index === undefined ? req.params.target : [header.index].flat().join(',');
    const sub: SimRequest = { ...req, raw };
    try {
      responses.push({ ...searchOnce(sub, jsonBody(sub), index), status: 200 });
    } catch (error) {
      if (!(error instanceof EsError)) throw error;
      responses.push(error.body as Json);
    }
  }
  return ok({ took: Date.now() - started, responses });
};

/** Elasticsearch: `POST /<target>/_pit?keep_alive=1m` → `{id}`. */
export const openPit: Handler = (req) => {
  const { store, pits } = req.state;
  const keepAlive = pits.keepAlive(req.query.get('keep_alive'), settingName(req));
  const resolved = store.resolve(
    req.params.target ?? '',
    req.query.get('ignore_unavailable') === 'true',
  );
  const { id } = pits.create(store.view(resolved.indices), keepAlive);
  const n = resolved.indices.length;
  return ok({ id, _shards: { total: n, successful: n, skipped: 0, failed: 0 } });
};

/** Elasticsearch: `DELETE /_pit {"id"}`; an unknown id frees nothing and answers 404. */
export const closePit: Handler = (req) => {
  const body = jsonBody(req);
  if (typeof body.id !== 'string') throw validationFailed('id is required');
  const freed = req.state.pits.close(body.id);
  return ok({ succeeded: true, num_freed: freed ? 1 : 0 }, freed ? 200 : 404);
};

/** OpenSearch: `POST /<target>/_search/point_in_time?keep_alive=…` → `{pit_id, _shards, creation_time}`. */
export const createPointInTime: Handler = (req) => {
  const { store, pits } = req.state;
  const keepAlive = pits.keepAlive(req.query.get('keep_alive'), settingName(req));
  const resolved = store.resolve(req.params.target ?? '', false);
  const { id, createdAt } = pits.create(store.view(resolved.indices), keepAlive);
  const n = resolved.indices.length;
  return ok({
    pit_id: id,
    _shards: { total: n, successful: n, skipped: 0, failed: 0 },
    creation_time: createdAt,
  });
};

/** OpenSearch: `DELETE /_search/point_in_time {"pit_id": […]}` or `/_all`. */
export const deletePointInTime: Handler = (req): Reply => {
  const all = req.path.endsWith('/_all');
  const ids = all ? req.state.pits.ids() : [jsonBody(req).pit_id ?? []].flat().map(String);
  if (!all && ids.length === 0) throw validationFailed('no pit ids specified');
  const pits = ids.map((id) => ({ successful: req.state.pits.close(id), pit_id: id }));
  return ok({ pits });
};
