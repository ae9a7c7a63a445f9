import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import picomatch from 'picomatch';

/** How deep `**` may reach below the static part of a glob. */
const MAX_DEPTH = 8;

/** The directory part before the first glob character: where the walk starts. */
function staticBase(pattern: string): string {
  const base: string[] = [];
  for (const part of pattern.split('/')) {
    if (/[*?[\]{}()!]/.test(part)) break;
    base.push(part);
  }
  return base.join('/') || '/';
}

/**
 * Files matching any of the globs (Node 20 has no fs.glob), as absolute paths. The walk goes
 * no deeper than the glob can match, since it runs on every poll; unreadable folders are
 * skipped.
 */
export async function expandGlobs(patterns: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const raw of patterns) {
    const pattern = resolve(raw);
    const isMatch = picomatch(pattern, { dot: true });
    const base = staticBase(pattern);
    if (base === pattern) {
      found.add(pattern);
      continue;
    }
    const below = pattern.slice(base.length).split('/').filter(Boolean);
    const maxDepth = below.some((part) => part.includes('**')) ? MAX_DEPTH : below.length - 1;
    const walk = async (dir: string, depth: number): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (depth < maxDepth) await walk(path, depth + 1);
        } else if ((entry.isFile() || entry.isSymbolicLink()) && isMatch(path)) {
          found.add(path);
        }
      }
    };
    await walk(base, 0);
  }
  return [...found].sort();
}
