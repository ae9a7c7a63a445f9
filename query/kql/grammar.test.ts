import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildParserFile } from '@lezer/generator';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

async function formatted(source: string, file: string): Promise<string> {
  const config = await resolveConfig(file);
  return format(source, { ...config, filepath: file });
}

describe('kql.grammar', () => {
  it('matches the committed parser (run npm run grammar after editing the grammar)', async () => {
    const { parser, terms } = buildParserFile(readFileSync(here('kql.grammar'), 'utf8'), {
      fileName: 'query/kql/kql.grammar',
      moduleStyle: 'es',
      typeScript: true,
    });
    const parserFile = here('parser.ts');
    const termsFile = here('parser.terms.ts');
    expect(await formatted(parser, parserFile)).toBe(readFileSync(parserFile, 'utf8'));
    expect(await formatted(terms, termsFile)).toBe(readFileSync(termsFile, 'utf8'));
  });
});
