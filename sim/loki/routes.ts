import { detectedFields } from './detectedFields';
import { indexStats, labelNames, labelValues, series } from './metadataRoutes';
import { push } from './pushRoute';
import { instantQuery, queryRange } from './queryRoutes';
import type { Route } from './route';
import { volume } from './volumeRoute';

interface RouteEntry {
  methods: readonly string[];
  handle: Route;
}

const GET_POST = ['GET', 'POST'];
const API = '/loki/api/v1';

const TABLE: Record<string, RouteEntry> = {
  [`${API}/query_range`]: { methods: GET_POST, handle: queryRange },
  [`${API}/query`]: { methods: GET_POST, handle: instantQuery },
  [`${API}/labels`]: { methods: GET_POST, handle: labelNames },
  [`${API}/series`]: { methods: GET_POST, handle: series },
  [`${API}/index/stats`]: { methods: GET_POST, handle: indexStats },
  [`${API}/index/volume`]: { methods: GET_POST, handle: volume },
  [`${API}/detected_fields`]: { methods: GET_POST, handle: detectedFields },
  [`${API}/push`]: { methods: ['POST'], handle: push },
};

const LABEL_VALUES = /^\/loki\/api\/v1\/label\/([^/]+)\/values$/;

/** The route for a path, or undefined for gorilla/mux's 404; the method is checked by the caller. */
export function findRoute(path: string): RouteEntry | undefined {
  const entry = TABLE[path];
  if (entry) return entry;
  const values = LABEL_VALUES.exec(path);
  if (values?.[1]) return { methods: GET_POST, handle: labelValues(decodeURIComponent(values[1])) };
  return undefined;
}
