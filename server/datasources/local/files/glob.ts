import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';

const MAX_DEPTH = 8;

/** The directory part before the first glob character: where the walk starts. */
function staticBase(pattern: string): string {
  const parts = pattern.split('/');
  const base: string[] = [];
  for (const part of parts) {
    if (/[*?[\]{}()!]/.test(part)) break;
    base.push(part);
  }
  return base.join('/') || '.';
}

/** Files matching any of the globs (Node 20 has no fs.glob). Unreadable folders are skipped. */
export async function expandGlobs(patterns: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const isMatch = picomatch(pattern, { dot: true });
    const base = staticBase(pattern);
    if (base === pattern) {
      found.add(pattern);
      continue;
    }
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > MAX_DEPTH) return;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path, depth + 1);
        else if ((entry.isFile() || entry.isSymbolicLink()) && isMatch(path)) found.add(path);
      }
    };
    await walk(base, 0);
  }
  return [...found].sort();
}
