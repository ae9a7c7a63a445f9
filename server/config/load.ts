import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { LogsiftConfigSchema, type LogsiftConfig } from './schema';

export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(
      `${path} has ${problems.length} mistake${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}

export function parseConfig(text: string, path: string): LogsiftConfig {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      path,
      doc.errors.map((e) => e.message.split('\n')[0] ?? e.message),
    );
  }
  const result = LogsiftConfigSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) throw new ConfigError(path, describeIssues(result.error.issues));
  return result.data;
}

/** Reads and checks the whole file; every mistake is listed at once, so one fix round suffices. */
export async function loadConfig(path: string): Promise<LogsiftConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  return parseConfig(text, path);
}
