import { bulkRoute } from './bulk';
import { createIndexRoute } from './createIndex';
import { noHandler, wrongMethod } from './errors';
import { fieldCapsRoute, health, resolveIndex, root } from './metaRoutes';
import type { Flavor } from './options';
import type { Handler, SimRequest } from './route';
import {
  closePit,
  count,
  createPointInTime,
  deletePointInTime,
  msearch,
  openPit,
  search,
} from './searchRoutes';

interface Route {
  methods: string[];
  /** Segments; `{target}` is an index expression (not starting with `_`, except `_all`). */
  path: string;
  handle: Handler;
  flavor?: Flavor;
}

const READ = ['GET', 'POST'];

const ROUTES: Route[] = [
  { methods: ['GET', 'HEAD'], path: '/', handle: root },
  { methods: ['GET'], path: '/_cluster/health', handle: health },
  { methods: ['GET'], path: '/_cluster/health/{target}', handle: health },
  { methods: READ, path: '/_search', handle: search },
  { methods: READ, path: '/{target}/_search', handle: search },
  { methods: READ, path: '/_msearch', handle: msearch },
  { methods: READ, path: '/{target}/_msearch', handle: msearch },
  { methods: READ, path: '/_count', handle: count },
  { methods: READ, path: '/{target}/_count', handle: count },
  { methods: READ, path: '/_field_caps', handle: fieldCapsRoute },
  { methods: READ, path: '/{target}/_field_caps', handle: fieldCapsRoute },
  { methods: ['GET'], path: '/_resolve/index/{target}', handle: resolveIndex },
  { methods: ['PUT'], path: '/{target}', handle: createIndexRoute },
  { methods: ['POST', 'PUT'], path: '/_bulk', handle: bulkRoute },
  { methods: ['POST', 'PUT'], path: '/{target}/_bulk', handle: bulkRoute },
  { methods: ['POST'], path: '/{target}/_pit', handle: openPit, flavor: 'elasticsearch' },
  { methods: ['DELETE'], path: '/_pit', handle: closePit, flavor: 'elasticsearch' },
  {
    methods: ['POST'],
    path: '/{target}/_search/point_in_time',
    handle: createPointInTime,
    flavor: 'opensearch',
  },
  {
    methods: ['DELETE'],
    path: '/_search/point_in_time',
    handle: deletePointInTime,
    flavor: 'opensearch',
  },
  {
    methods: ['DELETE'],
    path: '/_search/point_in_time/_all',
    handle: deletePointInTime,
    flavor: 'opensearch',
  },
];

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (pattern === '/') return path === '/' ? {} : undefined;
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = decodeURIComponent(got[i] ?? '');
    if (w === '{target}') {
      if (g === '' || (g.startsWith('_') && g !== '_all')) return undefined;
      params.target = g;
    } else if (w !== g) return undefined;
  }
  return params;
}

/** The handler for a request, 405 for a known path with another method, else no handler. */
export function route(req: SimRequest): Handler {
  const candidates = ROUTES.filter((r) => !r.flavor || r.flavor === req.state.options.flavor)
    .map((r) => ({ r, params: matchPath(r.path, req.path) }))
    .filter((c) => c.params !== undefined);
  const found = candidates.find((c) => c.r.methods.includes(req.method));
  if (found) {
    Object.assign(req.params, found.params);
    return found.r.handle;
  }
  if (candidates.length > 0) {
    throw wrongMethod(req.path, req.method, [...new Set(candidates.flatMap((c) => c.r.methods))]);
  }
  throw noHandler(req.path, req.method);
}
