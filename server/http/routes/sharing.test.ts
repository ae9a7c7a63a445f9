import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Dashboard,
  DashboardBodyInput,
  ListResponse,
  Principal,
  SavedQuery,
  SavedQueryBody,
  Sharing,
} from '../../../model';
import type { ChangeAudit } from '../../audit/audit';
import { ANONYMOUS_PRINCIPAL } from '../../auth/principal';
import { startTestLogsift, type TestLogsift } from '../../testing';

/**
 * Two people in different groups (alice in ops, bob in dev, carol in ops and dev) and sign-in
 * off (unrestricted): who sees, edits, shares and deletes which saved object.
 */
const PEOPLE: Record<string, Principal> = {
  alice: { id: 'alice', name: 'Alice', groups: ['ops'], unrestricted: false },
  bob: { id: 'bob', name: 'Bob', groups: ['dev'], unrestricted: false },
  carol: { id: 'carol', name: 'Carol', groups: ['dev', 'ops'], unrestricted: false },
  anonymous: ANONYMOUS_PRINCIPAL,
};
type Who = keyof typeof PEOPLE;

let logsift: TestLogsift;
const audit: unknown[] = [];
beforeAll(async () => {
  logsift = await startTestLogsift(
    { datasources: [{ id: 'local', kind: 'local', replay: false }] },
    { sampleScale: 0.001, auditSink: { write: (line) => audit.push(JSON.parse(line)) } },
  );
  // Stands in for sign-in: runs after buildApp's own hook, so it decides who asks.
  logsift.app.addHook('onRequest', async (request) => {
    const who = request.headers['x-test-user'];
    if (typeof who === 'string') request.principal = PEOPLE[who]!;
  });
});
afterAll(() => logsift.close());

const query = (name: string): SavedQueryBody => ({
  name,
  description: '',
  datasources: ['local'],
  language: 'logql',
  query: '{namespace="shop"} |= "error"',
  range: { from: 'now-1h', to: 'now' },
});
const dashboard = (title: string): DashboardBodyInput => ({ title });

function as(who: Who) {
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    logsift.app.inject({
      method,
      url,
      headers: { 'x-test-user': who },
      ...(payload ? { payload } : {}),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: object) => call('POST', url, payload),
    put: (url: string, payload: object) => call('PUT', url, payload),
    del: (url: string) => call('DELETE', url),
  };
}

const QUERIES = '/api/v1/saved-queries';
const DASHBOARDS = '/api/v1/dashboards';

async function savedQuery(who: Who, name: string, sharing?: Sharing): Promise<SavedQuery> {
  const answer = await as(who).post(QUERIES, { ...query(name), ...(sharing ? { sharing } : {}) });
  expect(answer.statusCode).toBe(201);
  return answer.json<SavedQuery>();
}

const listedNames = async (who: Who, search: string) =>
  (await as(who).get(`${QUERIES}?search=${encodeURIComponent(search)}`))
    .json<ListResponse<SavedQuery>>()
    .items.map((q) => q.name)
    .sort();

describe('saved objects per principal', () => {
  it("keeps alice's private query from bob: absent from his list, 404 like a missing id", async () => {
    const mine = await savedQuery('alice', 'priv alice');
    expect(mine).toMatchObject({ owner: 'alice', sharing: { kind: 'private' }, access: 'owner' });
    expect(await listedNames('alice', 'priv ')).toEqual(['priv alice']);
    expect(await listedNames('bob', 'priv ')).toEqual([]);

    const hidden = await as('bob').get(`${QUERIES}/${mine.id}`);
    const missing = await as('bob').get(`${QUERIES}/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({
      error: { code: 'not_found', message: `no saved query with id ${mine.id}` },
    });
    expect(missing.statusCode).toBe(404);
    for (const write of [
      as('bob').put(`${QUERIES}/${mine.id}`, { ...query('taken'), version: 1 }),
      as('bob').del(`${QUERIES}/${mine.id}`),
    ]) {
      expect((await write).statusCode).toBe(404);
    }
    expect((await as('alice').get(`${QUERIES}/${mine.id}`)).json()).toMatchObject({
      name: 'priv alice',
      version: 1,
    });
  });

  it('shows a query shared with a group to its members only, read-only: a write is 403', async () => {
    const shared = await savedQuery('alice', 'grp to dev', {
      kind: 'groups',
      groups: ['dev'],
      canEdit: false,
    });
    expect(await listedNames('bob', 'grp ')).toEqual(['grp to dev']);
    expect(await listedNames('carol', 'grp ')).toEqual(['grp to dev']);
    const seen = await as('bob').get(`${QUERIES}/${shared.id}`);
    expect(seen.json()).toMatchObject({ owner: 'alice', access: 'view' });

    const write = await as('bob').put(`${QUERIES}/${shared.id}`, {
      ...query('bob was here'),
      version: 1,
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error).toEqual({
      code: 'forbidden',
      message:
        'this saved query is shared with you to view only; ask its owner (alice) to let you edit, or save a copy of your own',
    });
    expect((await as('bob').del(`${QUERIES}/${shared.id}?version=1`)).statusCode).toBe(403);
    expect((await as('alice').get(`${QUERIES}/${shared.id}`)).json()).toMatchObject({
      name: 'grp to dev',
      version: 1,
    });
  });

  it('lets group editors save but only the owner change sharing or delete', async () => {
    const shared = await savedQuery('alice', 'edit by dev', {
      kind: 'groups',
      groups: ['dev'],
      canEdit: true,
    });
    const edited = await as('bob').put(`${QUERIES}/${shared.id}`, {
      ...query('edit by dev, bob'),
      version: 1,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, owner: 'alice', access: 'edit' });
    // Sending the sharing unchanged (as a form does) is no change of sharing.
    const same = await as('bob').put(`${QUERIES}/${shared.id}`, {
      ...query('edit by dev, again'),
      version: 2,
      sharing: { kind: 'groups', groups: ['dev'], canEdit: true },
    });
    expect(same.statusCode).toBe(200);
    const widen = await as('bob').put(`${QUERIES}/${shared.id}`, {
      ...query('edit by dev, public'),
      version: 3,
      sharing: { kind: 'public', canEdit: true },
    });
    expect(widen.statusCode).toBe(403);
    expect(widen.json().error.message).toBe(
      'only the owner of this saved query (alice) can change who it is shared with',
    );
    expect((await as('bob').del(`${QUERIES}/${shared.id}?version=3`)).json().error.message).toBe(
      'only the owner of this saved query (alice) can delete it',
    );

    const narrowed = await as('alice').put(`${QUERIES}/${shared.id}`, {
      ...query('edit by dev'),
      version: 3,
      sharing: { kind: 'private' },
    });
    expect(narrowed.json()).toMatchObject({ version: 4, sharing: { kind: 'private' } });
    expect((await as('bob').get(`${QUERIES}/${shared.id}`)).statusCode).toBe(404);
    expect((await as('alice').del(`${QUERIES}/${shared.id}?version=4`)).statusCode).toBe(204);
  });

  it('shows a public query to everyone signed in, editable only when it says so', async () => {
    const viewOnly = await savedQuery('bob', 'pub view', { kind: 'public', canEdit: false });
    const editable = await savedQuery('bob', 'pub edit', { kind: 'public', canEdit: true });
    expect(await listedNames('alice', 'pub ')).toEqual(['pub edit', 'pub view']);
    const put = (id: string, version: number) =>
      as('alice').put(`${QUERIES}/${id}`, { ...query('alice edit'), version });
    expect((await put(viewOnly.id, 1)).statusCode).toBe(403);
    expect((await put(editable.id, 1)).statusCode).toBe(200);
  });

  it('lets sign-in off (unrestricted) see and edit everything; its saves are public and editable', async () => {
    const secret = await savedQuery('bob', 'unr secret');
    const mine = await savedQuery('anonymous', 'unr anonymous');
    expect(mine).toMatchObject({
      owner: 'anonymous',
      sharing: { kind: 'public', canEdit: true },
    });
    expect(await listedNames('anonymous', 'unr ')).toEqual(['unr anonymous', 'unr secret']);
    const edited = await as('anonymous').put(`${QUERIES}/${secret.id}`, {
      ...query('unr secret'),
      version: 1,
      sharing: { kind: 'public', canEdit: false },
    });
    expect(edited.json()).toMatchObject({ access: 'owner', sharing: { kind: 'public' } });
    expect(await listedNames('alice', 'unr ')).toEqual(['unr anonymous', 'unr secret']);
  });

  it('refuses a malformed sharing with its problems listed beside the body', async () => {
    const answer = await as('alice').post(QUERIES, {
      ...query(''),
      sharing: { kind: 'groups', groups: [], canEdit: 'yes' },
    });
    expect(answer.statusCode).toBe(400);
    const paths = (answer.json().problems as { path: string }[]).map((p) => p.path).sort();
    expect(paths).toEqual(['name', 'sharing.canEdit', 'sharing.groups']);
  });
});

describe('dashboards per principal', () => {
  it('hides versions, export and restore like the dashboard; import is owned by the importer', async () => {
    const created = await as('alice').post(DASHBOARDS, {
      ...dashboard('dash ops'),
      sharing: { kind: 'groups', groups: ['ops'], canEdit: false },
    });
    const { id } = created.json<Dashboard>();
    await as('alice').put(`${DASHBOARDS}/${id}`, { ...dashboard('dash ops 2'), version: 1 });
    for (const url of [
      `${DASHBOARDS}/${id}`,
      `${DASHBOARDS}/${id}/versions`,
      `${DASHBOARDS}/${id}/versions/1`,
      `${DASHBOARDS}/${id}/export`,
    ]) {
      expect({ url, status: (await as('bob').get(url)).statusCode }).toEqual({ url, status: 404 });
      expect({ url, status: (await as('carol').get(url)).statusCode }).toEqual({
        url,
        status: 200,
      });
    }
    const restore = (who: Who) =>
      as(who).post(`${DASHBOARDS}/${id}/versions/1/restore`, { version: 2 });
    expect((await restore('bob')).statusCode).toBe(404);
    expect((await restore('carol')).statusCode).toBe(403);
    const restored = await restore('alice');
    expect(restored.json()).toMatchObject({
      title: 'dash ops',
      version: 3,
      sharing: { kind: 'groups', groups: ['ops'] },
    });

    const file = (await as('carol').get(`${DASHBOARDS}/${id}/export`)).json<object>();
    const imported = await as('carol').post(`${DASHBOARDS}/import`, file);
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({
      owner: 'carol',
      sharing: { kind: 'private' },
      access: 'owner',
    });
    const summaries = (await as('carol').get(`${DASHBOARDS}?search=dash%20ops`)).json<
      ListResponse<Dashboard>
    >();
    expect(summaries.items.map((d) => [d.owner, d.access])).toEqual([
      ['carol', 'owner'],
      ['alice', 'view'],
    ]);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'import', user: 'carol', kind: 'dashboard' }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'restore',
        user: 'alice',
        id,
      } satisfies Partial<ChangeAudit>),
    );
  });
});
