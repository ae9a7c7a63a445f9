import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogsiftError, type Principal, type Sharing } from '../../model';
import { accessOf } from './access';
import { StaleVersionError } from './errors';
import type { ObjectKind, ObjectWrite, SavedStore } from './store';

/**
 * The behaviour every SavedStore driver must have, as one vitest suite each driver's test
 * runs against its own database. Objects are told apart by a token unique to the run, so
 * the suite also passes on a database that already holds data (a shared PostgreSQL).
 */
export function describeSavedStore(name: string, open: () => Promise<SavedStore>): void {
  describe(`SavedStore contract: ${name}`, () => {
    let store: SavedStore;
    const token = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const write = (title: string, extra: Partial<ObjectWrite> = {}): ObjectWrite => ({
      title: `${token} ${title}`,
      description: '',
      body: { title, panels: [{ id: 'a', query: '{app="x"} |= "ünï"' }], n: 1.5, ok: true },
      ...extra,
    });
    const create = (kind: ObjectKind, object: ObjectWrite) =>
      store.create(kind, {
        owner: 'anonymous',
        sharing: { kind: 'public', canEdit: true },
        ...object,
      });
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    const refusal = async (promise: Promise<unknown>): Promise<unknown> =>
      promise.then(
        () => {
          throw new Error('expected a refusal');
        },
        (error: unknown) => error,
      );

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('migrates again without harm and answers a ping', async () => {
      await store.migrate();
      await store.migrate();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('creates version 1 under a 22-character id and reads it back whole', async () => {
      const created = await create('dashboard', write('create', { description: 'd' }));
      expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(created.version).toBe(1);
      expect(created.kind).toBe('dashboard');
      expect(created.createdAt).toBe(created.updatedAt);
      expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
      const read = await store.get('dashboard', created.id);
      expect(read).toEqual(created);
      expect(read?.body).toEqual(write('create').body);
      expect(read?.description).toBe('d');
    });

    it('answers undefined for unknown ids and keeps kinds apart', async () => {
      const query = await create('query', write('kinds'));
      expect(await store.get('dashboard', query.id)).toBeUndefined();
      expect(await store.get('query', 'AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
      expect(await store.version('query', 'AAAAAAAAAAAAAAAAAAAAAA', 1)).toBeUndefined();
      expect(await store.version('query', query.id, 2)).toBeUndefined();
      expect(await store.versions('query', 'AAAAAAAAAAAAAAAAAAAAAA')).toEqual([]);
      expect(await store.link('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
    });

    it('lists newest first by last update, with the total of all matches', async () => {
      const tag = `${token}list`;
      const ids: string[] = [];
      for (const n of [1, 2, 3, 4]) {
        ids.push((await create('query', write(`${tag} ${n}`))).id);
        await pause();
      }
      await store.update('query', ids[0]!, 1, write(`${tag} 1 again`));
      const all = await store.list('query', { search: tag, limit: 10, offset: 0 });
      expect(all.total).toBe(4);
      expect(all.items.map((o) => o.id)).toEqual([ids[0], ids[3], ids[2], ids[1]]);
      const page = await store.list('query', { search: tag, limit: 2, offset: 1 });
      expect(page.total).toBe(4);
      expect(page.items.map((o) => o.id)).toEqual([ids[3], ids[2]]);
      const dashboards = await store.list('dashboard', { search: tag, limit: 10, offset: 0 });
      expect(dashboards).toEqual({ items: [], total: 0 });
    });

    it('searches title and description case-insensitively, non-ASCII letters too', async () => {
      const tag = `${token}case`;
      const a = await create('dashboard', write(`${tag} Über STRASSE École`));
      const b = await create(
        'dashboard',
        write(`${tag} plain`, { description: 'Checkout ÅNGSTRÖM errors' }),
      );
      const find = async (search: string) =>
        (await store.list('dashboard', { search, limit: 10, offset: 0 })).items
          .map((o) => o.id)
          .filter((id) => id === a.id || id === b.id);
      expect(await find(`${tag} über`)).toEqual([a.id]);
      expect(await find('strasse école')).toEqual([a.id]);
      expect(await find('ångström')).toEqual([b.id]);
      expect(await find(tag.toUpperCase())).toHaveLength(2);
    });

    it('takes % and _ in a search literally', async () => {
      const tag = `${token}like`;
      const percent = await create('query', write(`${tag} 100% done`));
      await create('query', write(`${tag} 100 x done`));
      const underscore = await create('query', write(`${tag} a_b`));
      await create('query', write(`${tag} axb`));
      const backslash = await create('query', write(`${tag} c:\\logs`));
      const ids = async (search: string) =>
        (await store.list('query', { search, limit: 10, offset: 0 })).items.map((o) => o.id);
      expect(await ids(`${tag} 100%`)).toEqual([percent.id]);
      expect(await ids(`${tag} a_b`)).toEqual([underscore.id]);
      expect(await ids(`${tag} c:\\`)).toEqual([backslash.id]);
      expect(await ids(`${tag}%`)).toEqual([]);
    });

    it('updates only from the current version; a stale one carries the current object', async () => {
      const created = await create('dashboard', write('update v1'));
      await pause();
      const updated = await store.update('dashboard', created.id, 1, write('update v2'));
      expect(updated.version).toBe(2);
      expect(updated.createdAt).toBe(created.createdAt);
      expect(updated.updatedAt > created.updatedAt).toBe(true);
      expect(updated.title).toBe(`${token} update v2`);
      const stale = await refusal(store.update('dashboard', created.id, 1, write('update lost')));
      expect(stale).toBeInstanceOf(StaleVersionError);
      expect(stale).toBeInstanceOf(LogsiftError);
      expect((stale as StaleVersionError).code).toBe('conflict');
      expect((stale as StaleVersionError).current).toEqual(updated);
      expect(await store.get('dashboard', created.id)).toEqual(updated);
      const missing = await refusal(
        store.update('dashboard', 'AAAAAAAAAAAAAAAAAAAAAA', 1, write('nobody')),
      );
      expect((missing as LogsiftError).code).toBe('not_found');
    });

    it('keeps every version, newest first, each readable whole', async () => {
      const created = await create('dashboard', write('history 1', { description: 'one' }));
      await store.update('dashboard', created.id, 1, write('history 2', { description: 'two' }));
      const third = await store.update('dashboard', created.id, 2, write('history 3'));
      const versions = await store.versions('dashboard', created.id);
      expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
      expect(versions.map((v) => v.title)).toEqual([
        `${token} history 3`,
        `${token} history 2`,
        `${token} history 1`,
      ]);
      expect(versions[0]!.createdAt).toBe(third.updatedAt);
      const second = await store.version('dashboard', created.id, 2);
      expect(second).toMatchObject({
        id: created.id,
        kind: 'dashboard',
        version: 2,
        title: `${token} history 2`,
        description: 'two',
        body: write('history 2').body,
        createdAt: created.createdAt,
      });
    });

    it('restores an old version by saving its content as a new one', async () => {
      const created = await create('dashboard', write('restore 1'));
      await store.update('dashboard', created.id, 1, write('restore 2'));
      const old = await store.version('dashboard', created.id, 1);
      const restored = await store.update('dashboard', created.id, 2, {
        title: old!.title,
        description: old!.description,
        body: old!.body,
      });
      expect(restored.version).toBe(3);
      expect(restored.title).toBe(created.title);
      expect(restored.body).toEqual(created.body);
      expect((await store.versions('dashboard', created.id)).map((v) => v.version)).toEqual([
        3, 2, 1,
      ]);
    });

    it('removes with its history; with a version only while it is current', async () => {
      const created = await create('query', write('remove'));
      await store.update('query', created.id, 1, write('remove 2'));
      const stale = await refusal(store.remove('query', created.id, 1));
      expect(stale).toBeInstanceOf(StaleVersionError);
      expect((stale as StaleVersionError).current.version).toBe(2);
      await store.remove('query', created.id, 2);
      expect(await store.get('query', created.id)).toBeUndefined();
      expect(await store.versions('query', created.id)).toEqual([]);
      expect(await store.version('query', created.id, 1)).toBeUndefined();

      const other = await create('query', write('remove any'));
      await store.remove('query', other.id);
      expect(await store.get('query', other.id)).toBeUndefined();
      const missing = await refusal(store.remove('query', other.id));
      expect((missing as LogsiftError).code).toBe('not_found');
    });

    it('lets exactly one of several concurrent updates from the same version win', async () => {
      const created = await create('dashboard', write('race'));
      const results = await Promise.allSettled(
        [1, 2, 3, 4, 5].map((n) => store.update('dashboard', created.id, 1, write(`race ${n}`))),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(4);
      for (const r of lost) expect(r.reason).toBeInstanceOf(StaleVersionError);
      const now = await store.get('dashboard', created.id);
      expect(now?.version).toBe(2);
      expect(now?.title).toBe(won[0]!.value.title);
      expect(await store.versions('dashboard', created.id)).toHaveLength(2);
    });

    it('stores short links under unguessable ids', async () => {
      const url = `/dashboards/abcdefgh?from=now-1h&q=${encodeURIComponent('{app="ü"}')}`;
      const id = await store.createLink(url);
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(await store.link(id)).toBe(url);
      const ids = await Promise.all(
        Array.from({ length: 1000 }, (_, n) => store.createLink(`/?n=${n}`)),
      );
      expect(new Set(ids).size).toBe(1000);
      for (const each of ids) expect(each).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(await store.link(ids[999]!)).toBe('/?n=999');
    });

    it('records owner and sharing; a write changes sharing only when it names one', async () => {
      const ops: Sharing = { kind: 'groups', groups: ['ops', 'on-call'], canEdit: false };
      const created = await store.create('dashboard', {
        ...write('sharing'),
        owner: 'alice',
        sharing: ops,
      });
      expect(created).toMatchObject({ owner: 'alice', sharing: ops });
      expect(await store.get('dashboard', created.id)).toEqual(created);
      const kept = await store.update('dashboard', created.id, 1, write('sharing 2'));
      expect(kept).toMatchObject({ owner: 'alice', sharing: ops, version: 2 });
      const everyone: Sharing = { kind: 'public', canEdit: true };
      const changed = await store.update('dashboard', created.id, 2, {
        ...write('sharing 2'),
        sharing: everyone,
      });
      expect(changed).toMatchObject({ owner: 'alice', sharing: everyone, version: 3 });
      // Access is not versioned: an old version reads with today's sharing.
      expect(await store.version('dashboard', created.id, 1)).toMatchObject({
        owner: 'alice',
        sharing: everyone,
      });
    });

    it('lists to each principal exactly what accessOf lets it see', async () => {
      const tag = `${token}seen`;
      const shared = async (title: string, owner: string, sharing: Sharing) =>
        store.create('query', { ...write(`${tag} ${title}`), owner, sharing });
      const objects = [
        await shared('alice private', 'alice', { kind: 'private' }),
        await shared('alice to ops', 'alice', { kind: 'groups', groups: ['ops'], canEdit: false }),
        await shared('alice to dev+ops', 'alice', {
          kind: 'groups',
          groups: ['dev', 'ops'],
          canEdit: true,
        }),
        // LIKE wildcards and quotes in a group name match nothing but themselves.
        await shared('bob to o_s', 'bob', {
          kind: 'groups',
          groups: ['o_s', "it's"],
          canEdit: false,
        }),
        await shared('bob private', 'bob', { kind: 'private' }),
        await shared('alice public', 'alice', { kind: 'public', canEdit: false }),
        await shared('from before', 'anonymous', { kind: 'public', canEdit: true }),
      ];
      const principal = (id: string, groups: string[], unrestricted = false): Principal => ({
        id,
        name: id,
        groups,
        unrestricted,
      });
      const people = [
        principal('alice', []),
        principal('bob', ['ops']),
        principal('carol', ['dev', "it's"]),
        principal('dave', []),
        principal('erin', ['%', '_']),
        principal('anonymous', [], true),
      ];
      for (const person of people) {
        const expected = objects
          .filter((o) => accessOf(person, o) !== undefined)
          .map((o) => o.id)
          .sort();
        const listed = await store.list('query', {
          search: tag,
          limit: 100,
          offset: 0,
          viewer: person,
        });
        expect({ who: person.id, ids: listed.items.map((o) => o.id).sort() }).toEqual({
          who: person.id,
          ids: expected,
        });
        expect(listed.total).toBe(expected.length);
        const page = await store.list('query', {
          search: tag,
          limit: 1,
          offset: 1,
          viewer: person,
        });
        expect(page.total).toBe(expected.length);
        expect(page.items).toHaveLength(expected.length > 1 ? 1 : 0);
      }
      expect(people.map((p) => objects.filter((o) => accessOf(p, o)).length)).toEqual([
        5, 6, 4, 2, 2, 7,
      ]);
    });

    it('replaces the shared groups when the sharing changes', async () => {
      const tag = `${token}regroup`;
      const created = await store.create('dashboard', {
        ...write(tag),
        owner: 'alice',
        sharing: { kind: 'groups', groups: ['ops'], canEdit: false },
      });
      const seen = async (groups: string[]) =>
        (
          await store.list('dashboard', {
            search: tag,
            limit: 10,
            offset: 0,
            viewer: { id: 'bob', name: 'bob', groups, unrestricted: false },
          })
        ).total;
      expect([await seen(['ops']), await seen(['dev'])]).toEqual([1, 0]);
      await store.update('dashboard', created.id, 1, {
        ...write(tag),
        sharing: { kind: 'groups', groups: ['dev'], canEdit: true },
      });
      expect([await seen(['ops']), await seen(['dev'])]).toEqual([0, 1]);
      await store.update('dashboard', created.id, 2, {
        ...write(tag),
        sharing: { kind: 'private' },
      });
      expect([await seen(['ops']), await seen(['dev'])]).toEqual([0, 0]);
    });

    it.each<ObjectKind>(['query', 'dashboard'])(
      'round-trips odd text in %s titles',
      async (kind) => {
        const title = `${token} <script>alert(1)</script> "quotes" 'single' \\ 💥 ${'é'.repeat(3)}`;
        const created = await create(kind, { title, description: '%_\\', body: { title } });
        const read = await store.get(kind, created.id);
        expect(read?.title).toBe(title);
        expect(read?.description).toBe('%_\\');
        expect(read?.body).toEqual({ title });
      },
    );
  });
}
