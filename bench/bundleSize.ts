import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist/public';

/** Gzipped bytes of the JS the first page loads: the entry script and its modulepreloads. */
export function firstPageJsGzipBytes(): { files: string[]; bytes: number } | undefined {
  const indexPath = join(DIST, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const html = readFileSync(indexPath, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  let bytes = 0;
  for (const file of files) {
    const relative = file.replace(/^\.?\//, '');
    bytes += gzipSync(readFileSync(join(DIST, relative))).length;
  }
  return { files, bytes };
}

export function benchBundle(): string[] {
  const size = firstPageJsGzipBytes();
  if (!size) return ['bundle: dist/public missing — run `npm run build` first'];
  return [
    `bundle: entry JS and its modulepreloads ${(size.bytes / 1024).toFixed(1)} KB gzip (${size.files.length} files; Explore's lazy chunk is counted by the ui line)`,
  ];
}
