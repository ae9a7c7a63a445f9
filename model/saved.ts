import { z } from 'zod';
import { DatasourceKindSchema, LanguageSchema, MAX_QUERY_CHARS } from './api';

/**
 * Saved queries, dashboards and short links (issue 7): what /api/v1/saved-queries,
 * /api/v1/dashboards and /api/v1/links take and answer. Every stored object carries `id`
 * and `version`; a write names the version it was based on and a stale one answers 409.
 */

/**
 * Ids are an allow-list, never a path: generated ones are 22 characters of base64url
 * (128 random bits, unguessable); anything else (`../`, `%2e`, NUL) is refused with 400.
 */
export const OBJECT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const ObjectIdSchema = z
  .string()
  .regex(OBJECT_ID_PATTERN, 'an id is 8 to 64 letters, digits, "-" or "_"');

export const MAX_PANELS = 100;
export const MAX_VARIABLES = 20;
export const MAX_LINKS = 20;
export const MAX_TITLE_CHARS = 200;
export const MAX_DESCRIPTION_CHARS = 2000;
/** Short links hold an Explore or dashboard URL; a URL longer than this is not a link. */
export const MAX_LINK_URL_CHARS = 16 * 1024;

// Control characters have no place in a title and are how odd bytes (NUL) sneak into storage.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'control characters are not allowed');

/** Grafana-style relative times (`now-1h`, `now`) or epoch milliseconds, as the query routes take. */
export const SavedRangeSchema = z.strictObject({
  from: z.union([z.number().int().nonnegative(), text(64).min(1)]),
  to: z.union([z.number().int().nonnegative(), text(64).min(1)]),
});
export type SavedRange = z.infer<typeof SavedRangeSchema>;

/** A datasource id, or `$name` of a dashboard's datasource variable. */
export const DatasourceRefSchema = z
  .string()
  .regex(/^\$?[A-Za-z0-9_.-]{1,64}$/, 'a datasource id or $variable');

export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
const VariableNameSchema = z
  .string()
  .regex(
    VARIABLE_NAME_PATTERN,
    'a variable name is a letter or _ then up to 31 letters, digits or _',
  );

// ---------------------------------------------------------------- saved queries

export const SavedQueryBodySchema = z.strictObject({
  name: text(MAX_TITLE_CHARS).min(1, 'a name is required'),
  description: text(MAX_DESCRIPTION_CHARS).default(''),
  /** The first is the one picked; more make a federated search. */
  datasources: z.array(DatasourceRefSchema).min(1).max(10),
  language: LanguageSchema,
  query: z.string().max(MAX_QUERY_CHARS),
  range: SavedRangeSchema,
});
export type SavedQueryBody = z.infer<typeof SavedQueryBodySchema>;

// ---------------------------------------------------------------- ownership and sharing

/** Group names as the sign-in gives them (built-in users' `groups`, a proxy header, an OIDC claim). */
export const GroupNameSchema = z
  .string()
  .min(1)
  .max(256)
  .refine((s) => !CONTROL.test(s), 'control characters are not allowed');
export const MAX_SHARED_GROUPS = 50;

/**
 * Who may see and change a saved query or dashboard besides its owner. Viewers run it and
 * open it; editors (`canEdit`) also save new versions and restore old ones. Only the owner
 * changes the sharing or deletes (a delete drops the history an editor's mistake could be
 * restored from). With sign-in off everyone is the same unrestricted person and may do all.
 */
export const SharingSchema = z.discriminatedUnion('kind', [
  /** Only the owner. */
  z.strictObject({ kind: z.literal('private') }),
  /** Members of any of these groups. */
  z.strictObject({
    kind: z.literal('groups'),
    groups: z
      .array(GroupNameSchema)
      .min(1, 'name at least one group')
      .max(MAX_SHARED_GROUPS, `at most ${MAX_SHARED_GROUPS} groups`),
    canEdit: z.boolean(),
  }),
  /** Everyone signed in to this Logsift. */
  z.strictObject({ kind: z.literal('public'), canEdit: z.boolean() }),
]);
export type Sharing = z.infer<typeof SharingSchema>;

/** What the asking person may do with an object: told by the server, shown by the UI. */
export type Access = 'owner' | 'edit' | 'view';

/** Beside a POST or PUT body (like `version`): the sharing to set; absent keeps it. */
export const SharingWriteSchema = z.object({ sharing: SharingSchema.optional() });

const StoredMetaSchema = z.object({
  id: ObjectIdSchema,
  version: z.number().int().positive(),
  /** ISO 8601. */
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The `Principal.id` of its creator (`anonymous` for objects saved with sign-in off). */
  owner: z.string(),
  sharing: SharingSchema,
  access: z.enum(['owner', 'edit', 'view']),
});
export type StoredMeta = z.infer<typeof StoredMetaSchema>;

export const SavedQuerySchema = SavedQueryBodySchema.extend(StoredMetaSchema.shape);
export type SavedQuery = z.infer<typeof SavedQuerySchema>;

// ---------------------------------------------------------------- dashboards

export const PANEL_KINDS = ['logs', 'histogram', 'timeseries', 'table', 'stat'] as const;
export const PanelKindSchema = z.enum(PANEL_KINDS);
export type PanelKind = z.infer<typeof PanelKindSchema>;

/** A 12-column grid; rows are a fixed height the UI chooses. */
export const GRID_COLUMNS = 12;
export const GridPosSchema = z.strictObject({
  x: z
    .number()
    .int()
    .min(0)
    .max(GRID_COLUMNS - 1),
  y: z.number().int().min(0).max(10_000),
  w: z.number().int().min(1).max(GRID_COLUMNS),
  h: z.number().int().min(1).max(100),
});
export type GridPos = z.infer<typeof GridPosSchema>;

export const PanelSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a panel id is 1 to 32 letters, digits, - or _'),
    title: text(MAX_TITLE_CHARS),
    kind: PanelKindSchema,
    datasources: z.array(DatasourceRefSchema).min(1).max(10),
    language: LanguageSchema,
    /** May hold `$name` / `${name}` of the dashboard's variables, quoted per language when run. */
    query: z.string().max(MAX_QUERY_CHARS),
    /** `table` (top values): the field counted. */
    field: text(256).min(1).optional(),
    /** `logs`: lines shown; `table`: values shown. */
    limit: z.number().int().min(1).max(1000).optional(),
    grid: GridPosSchema,
  })
  .refine((p) => p.kind !== 'table' || p.field !== undefined, {
    path: ['field'],
    message: 'a table panel names the field whose top values it shows',
  });
export type Panel = z.infer<typeof PanelSchema>;

export const VariableSchema = z.discriminatedUnion('kind', [
  /** Values of a field (`namespace`, `pod`) from a datasource, as the values route lists them. */
  z.strictObject({
    kind: z.literal('field'),
    name: VariableNameSchema,
    label: text(MAX_TITLE_CHARS).optional(),
    datasource: DatasourceRefSchema,
    field: text(256).min(1),
    current: text(1024).optional(),
  }),
  /** One of the configured datasources, optionally only of one kind. */
  z.strictObject({
    kind: z.literal('datasource'),
    name: VariableNameSchema,
    label: text(MAX_TITLE_CHARS).optional(),
    datasourceKind: DatasourceKindSchema.optional(),
    current: text(64).optional(),
  }),
]);
export type Variable = z.infer<typeof VariableSchema>;

/** Only web links and paths inside Logsift: `javascript:`, `data:` and the like are refused. */
export const DashboardLinkSchema = z.strictObject({
  title: text(MAX_TITLE_CHARS).min(1),
  url: text(2048).refine(
    (u) => /^https?:\/\/[^\s]+$/i.test(u) || /^\/(?![/\\])[^\s]*$/.test(u),
    'a link is an http(s) URL or a path inside Logsift starting with /',
  ),
});
export type DashboardLink = z.infer<typeof DashboardLinkSchema>;

export const DashboardBodySchema = z
  .strictObject({
    title: text(MAX_TITLE_CHARS).min(1, 'a title is required'),
    description: text(MAX_DESCRIPTION_CHARS).default(''),
    range: SavedRangeSchema.default({ from: 'now-1h', to: 'now' }),
    /** Auto-refresh every this many milliseconds, or null for off; not below the server's minimum. */
    refreshMs: z.number().int().positive().nullable().default(null),
    variables: z.array(VariableSchema).max(MAX_VARIABLES).default([]),
    panels: z
      .array(PanelSchema)
      .max(MAX_PANELS, `a dashboard holds at most ${MAX_PANELS} panels`)
      .default([]),
    links: z.array(DashboardLinkSchema).max(MAX_LINKS).default([]),
  })
  .superRefine((d, ctx) => {
    const names = new Set<string>();
    d.variables.forEach((v, i) => {
      if (names.has(v.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variables', i, 'name'],
          message: `duplicate variable "${v.name}"`,
        });
      }
      names.add(v.name);
    });
    const ids = new Set<string>();
    d.panels.forEach((p, i) => {
      if (ids.has(p.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['panels', i, 'id'],
          message: `duplicate panel id "${p.id}"`,
        });
      }
      ids.add(p.id);
      if (p.grid.x + p.grid.w > GRID_COLUMNS) {
        ctx.addIssue({
          code: 'custom',
          path: ['panels', i, 'grid'],
          message: `x + w must be at most ${GRID_COLUMNS}`,
        });
      }
    });
  });
export type DashboardBody = z.infer<typeof DashboardBodySchema>;
/** What a client sends: defaults may be left out. */
export type DashboardBodyInput = z.input<typeof DashboardBodySchema>;

export const DashboardSchema = z.intersection(DashboardBodySchema, StoredMetaSchema);
export type Dashboard = DashboardBody & StoredMeta;

/** A dashboard as the list shows it, without its panels. */
export interface DashboardSummary extends StoredMeta {
  title: string;
  description: string;
  panelCount: number;
}

/** PUT bodies: the object as edited and the version it was based on. */
export const VersionedWriteSchema = z.object({ version: z.number().int().positive() });

export interface ListResponse<T> {
  items: T[];
  /** Every match, however many `limit` let through. */
  total: number;
}

export const ListQuerySchema = z.strictObject({
  search: z.string().max(256).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export interface VersionInfo {
  version: number;
  /** ISO 8601: when this version was saved. */
  createdAt: string;
  title: string;
}

/** The 409 answer: the stored object as it is now, so the UI can offer a choice. */
export interface ConflictAnswer<T> {
  error: { code: 'conflict'; message: string };
  current: T;
}

// ---------------------------------------------------------------- import / export

export const DASHBOARD_EXPORT_SCHEMA = 'logsift.dashboard';
export const DASHBOARD_EXPORT_VERSION = 1;

export const DashboardExportSchema = z.strictObject({
  schema: z.literal(DASHBOARD_EXPORT_SCHEMA),
  schemaVersion: z.literal(DASHBOARD_EXPORT_VERSION, {
    error: `this Logsift reads schemaVersion ${DASHBOARD_EXPORT_VERSION}`,
  }),
  exportedAt: z.string().optional(),
  dashboard: DashboardBodySchema,
});
export type DashboardExport = z.infer<typeof DashboardExportSchema>;

/** One thing wrong with an imported or saved object, where it is. */
export interface Problem {
  /** Dotted path into the JSON (`dashboard.panels.3.title`), empty for the whole. */
  path: string;
  message: string;
}

/** A 400 that lists every problem at once, not only the first. */
export interface ProblemsAnswer {
  error: { code: 'bad_query'; message: string };
  problems: Problem[];
}

// ---------------------------------------------------------------- short links

/**
 * A short link holds a path inside Logsift (relative to its base path): Explore (`/?…`) or a
 * dashboard (`/dashboards/<id>?…`). Never another site: `/s/<id>` must not be an open redirect.
 */
export const LinkRequestSchema = z.strictObject({
  url: z
    .string()
    .max(MAX_LINK_URL_CHARS)
    .regex(
      /^\/(?:dashboards(?:\/[A-Za-z0-9_-]+)?|queries)?(?:\?[^\s#\\]*)?$/,
      'a short link is for a Logsift page: /?… (Explore) or /dashboards/<id>?…',
    ),
});
export type LinkRequest = z.infer<typeof LinkRequestSchema>;
export interface LinkResponse {
  id: string;
  /** `/s/<id>`, relative to Logsift's base path. */
  path: string;
}

// ---------------------------------------------------------------- settings

/** GET /api/v1/settings: what the UI must know of the server's configuration. */
export interface SettingsResponse {
  dashboards: { minRefreshMs: number };
  storage: { driver: 'sqlite' | 'postgres'; available: boolean; message?: string };
}
