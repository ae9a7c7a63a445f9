import type { Dashboard, DashboardBodyInput, Language, Panel } from '../../../model';
import { variableParams } from '../../state/urlState';
import { dashboardBody } from './panelFromPane';

export interface EditorQuery {
  datasource: string;
  also: readonly string[];
  language: Language;
  query: string;
}

/**
 * The panel's datasources as the editor has them. A `$ds` reference stays a reference when the
 * editor kept the datasource that variable stands for, so the panel still follows the variable.
 */
export function editedDatasources(
  panel: Pick<Panel, 'datasources'>,
  editor: EditorQuery,
  variables: Readonly<Record<string, string>>,
): string[] {
  const picked = [editor.datasource, ...editor.also.filter((d) => d !== editor.datasource)];
  return picked.map((id, i) => {
    const ref = panel.datasources[i];
    return ref?.startsWith('$') && variables[ref.slice(1)] === id ? ref : id;
  });
}

/** The dashboard with one panel's datasources, language and query replaced by the editor's. */
export function withEditedPanel(
  d: Dashboard,
  panelId: string,
  editor: EditorQuery,
  variables: Readonly<Record<string, string>>,
): DashboardBodyInput | undefined {
  const panel = d.panels.find((p) => p.id === panelId);
  if (!panel) return undefined;
  const edited: Panel = {
    ...panel,
    datasources: editedDatasources(panel, editor, variables),
    language: editor.language,
    query: editor.query,
  };
  return { ...dashboardBody(d), panels: d.panels.map((p) => (p.id === panelId ? edited : p)) };
}

/** The dashboard's page with the variables the panel was edited with. */
export function dashboardPath(dashboardId: string, variables: Readonly<Record<string, string>>) {
  const vars = variableParams(variables);
  return `/dashboards/${encodeURIComponent(dashboardId)}${vars ? `?${vars}` : ''}`;
}
