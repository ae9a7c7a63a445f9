import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../model';
import { dashboardsApi } from '../../api/saved';
import { startLogsiftBehindFetch } from '../../test/logsiftServer';
import { addPanelTo } from './addPanel';
import { withPanel } from './panelFromPane';

const pane = { datasource: 'local', also: [], language: 'logql' as const, query: '{app="cart"}' };
/** PUTs that meet another user's save first: each one is preceded by a rename. */
let racingPuts = 0;
let env: Awaited<ReturnType<typeof startLogsiftBehindFetch>>;

beforeAll(async () => {
  env = await startLogsiftBehindFetch(async (request, logsift) => {
    if (request.method !== 'PUT' || racingPuts === 0) return;
    racingPuts--;
    const id = new URL(request.url).pathname.split('/').pop() ?? '';
    const now = (await logsift.app.inject({ url: `/api/v1/dashboards/${id}` })).json<Dashboard>();
    await logsift.app.inject({
      method: 'PUT',
      url: `/api/v1/dashboards/${id}`,
      payload: { title: `${now.title}!`, panels: now.panels, version: now.version },
    });
  });
});
afterAll(() => env.close());

describe('adding a panel to a dashboard', () => {
  it('adds to the newer version when someone saved meanwhile, keeping their change', async () => {
    const d = await dashboardsApi.create({ title: 'Shop' });
    racingPuts = 1;
    const outcome = await addPanelTo(d.id, (current) =>
      withPanel(current, pane, { kind: 'logs', title: 'Cart lines' }),
    );
    expect('saved' in outcome && outcome.saved).toMatchObject({ title: 'Shop!', version: 3 });
    const stored = await dashboardsApi.get(d.id);
    expect(stored.panels.map((p) => p.title)).toEqual(['Cart lines']);
  });

  it('hands a second conflict to the user instead of retrying forever', async () => {
    const d = await dashboardsApi.create({ title: 'Busy' });
    racingPuts = 2;
    const outcome = await addPanelTo(d.id, (current) =>
      withPanel(current, pane, { kind: 'stat', title: 'Count' }),
    );
    expect('conflict' in outcome && outcome.conflict).toMatchObject({
      title: 'Busy!!',
      version: 3,
    });
    expect((await dashboardsApi.get(d.id)).panels).toEqual([]);
  });
});
