import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite';
import { describeSavedStore } from './storeContract';

describeSavedStore('sqlite', async () =>
  openSqliteStore(mkdtempSync(join(tmpdir(), 'logsift-store-'))),
);
