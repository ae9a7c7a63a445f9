import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildParserFile } from '@lezer/generator';
import { fileTests } from '@lezer/generator/test';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { parser } from './parser';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

async function formatted(source: string, file: string): Promise<string> {
  const config = await resolveConfig(file);
  return format(source, { ...config, filepath: file });
}

describe('insights.grammar', () => {
  it('matches the committed parser (run npm run grammar after editing the grammar)', async () => {
    const { parser: generated, terms } = buildParserFile(
      readFileSync(here('insights.grammar'), 'utf8'),
      { fileName: 'query/insights/insights.grammar', moduleStyle: 'es', typeScript: true },
    );
    const parserFile = here('parser.ts');
    const termsFile = here('parser.terms.ts');
    expect(await formatted(generated, parserFile)).toBe(readFileSync(parserFile, 'utf8'));
    expect(await formatted(terms, termsFile)).toBe(readFileSync(termsFile, 'utf8'));
  });
});

describe('insights.grammar trees (testdata/grammar.txt)', () => {
  const file = here('testdata/grammar.txt');
  for (const { name, run } of fileTests(readFileSync(file, 'utf8'), file)) {
    it(name, () => run(parser));
  }
});
