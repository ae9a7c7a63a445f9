import type { DashboardBody, Principal, Problem, SavedQueryBody } from '../../../model';
import type { ServerContext } from '../context';

/**
 * What a schema cannot know: the datasources this server has and its minimum refresh.
 * Each check answers problems with paths, so a refusal lists them beside the schema's.
 */

type Path = (string | number)[];

/**
 * A datasource id must be one this principal may use (one hidden from it is refused as one
 * that does not exist); a `$name` must be a datasource variable.
 */
function datasourceProblems(
  ctx: ServerContext,
  principal: Principal,
  refs: { ref: string; path: Path }[],
  variables: ReadonlySet<string>,
): Problem[] {
  const configured = ctx.datasources.list(principal).map((ds) => ds.id);
  return refs.flatMap(({ ref, path }): Problem[] => {
    if (ref.startsWith('$')) {
      return variables.has(ref.slice(1))
        ? []
        : [
            {
              path: path.join('.'),
              message: `${ref} is not a datasource variable of this dashboard`,
            },
          ];
    }
    return configured.includes(ref)
      ? []
      : [
          {
            path: path.join('.'),
            message: `no datasource "${ref}" on this server (it has ${configured.join(', ')})`,
          },
        ];
  });
}

export function savedQueryProblems(
  ctx: ServerContext,
  principal: Principal,
  body: SavedQueryBody,
): Problem[] {
  const refs = body.datasources.map((ref, i) => ({ ref, path: ['datasources', i] }));
  return datasourceProblems(ctx, principal, refs, new Set());
}

export function minRefreshMs(ctx: ServerContext): number {
  return Math.round(ctx.config.dashboards.minRefreshSeconds * 1000);
}

/** `prefix` is where the dashboard sits in the request (`dashboard` in an import file). */
export function dashboardProblems(
  ctx: ServerContext,
  principal: Principal,
  body: DashboardBody,
  prefix: string[] = [],
): Problem[] {
  const problems: Problem[] = [];
  const min = minRefreshMs(ctx);
  if (body.refreshMs !== null && body.refreshMs < min) {
    problems.push({
      path: [...prefix, 'refreshMs'].join('.'),
      message: `auto-refresh every ${body.refreshMs / 1000} s is more often than this server allows (at least every ${min / 1000} s)`,
    });
  }
  const variables = new Set(
    body.variables.filter((v) => v.kind === 'datasource').map((v) => v.name),
  );
  const refs = [
    ...body.variables.flatMap((v, i) =>
      v.kind === 'field'
        ? [{ ref: v.datasource, path: [...prefix, 'variables', i, 'datasource'] }]
        : [],
    ),
    ...body.panels.flatMap((panel, i) =>
      panel.datasources.map((ref, j) => ({
        ref,
        path: [...prefix, 'panels', i, 'datasources', j],
      })),
    ),
  ];
  return [...problems, ...datasourceProblems(ctx, principal, refs, variables)];
}
