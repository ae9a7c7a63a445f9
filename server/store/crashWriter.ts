import { openSqliteStore } from './sqlite';

/**
 * Saves dashboards and updates them as fast as it can, printing each save once its promise
 * resolved (acknowledged), until it is killed: sqlite.crash.test.ts SIGKILLs it mid-stream.
 */
const store = openSqliteStore(process.argv[2]!);
const padding = 'x'.repeat(8_000);
for (let n = 0; ; n++) {
  const created = await store.create('dashboard', {
    title: `crash ${n}`,
    description: '',
    body: { n, padding },
  });
  const updated = await store.update('dashboard', created.id, 1, {
    title: `crash ${n} v2`,
    description: '',
    body: { n, padding, v: 2 },
  });
  process.stdout.write(`${updated.id} ${n}\n`);
}
