import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverNodeArgs } from './nodeFlags';

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { scripts: Record<string, string> };

describe('the flags the server runs with', () => {
  it('are the ones npm start passes to node', () => {
    expect(packageJson.scripts['start']).toBe(
      `npm run build && node ${serverNodeArgs().join(' ')}`,
    );
  });
});
