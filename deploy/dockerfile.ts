/** One Dockerfile instruction, continuation lines joined, the keyword upper-cased. */
export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs before the first FROM, with their defaults. */
  globalArgs: Map<string, string>;
  stages: Stage[];
}

/** Enough of the Dockerfile grammar for the checks: comments, continuations, stages. */
export function parseDockerfile(text: string): Dockerfile {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (!pending && !line)) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!match?.[1]) throw new Error(`cannot read FROM ${args}`);
      stages.push({ from: match[1], name: match[2] ?? String(stages.length), instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage) stage.instructions.push({ keyword: upper, args });
    else if (upper === 'ARG') {
      const [name = '', value = ''] = args.split('=');
      globalArgs.set(name, value);
    }
  }
  return { globalArgs, stages };
}

/** The image a stage finally rests on: stage names followed, `${ARG}` defaults filled in. */
export function baseImage(dockerfile: Dockerfile, stageName: string): string {
  const stage = dockerfile.stages.find((s) => s.name === stageName);
  if (!stage) throw new Error(`no stage ${stageName}`);
  if (dockerfile.stages.some((s) => s.name === stage.from))
    return baseImage(dockerfile, stage.from);
  return stage.from.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string, b: string) => {
    const value = dockerfile.globalArgs.get(a ?? b);
    if (value === undefined) throw new Error(`ARG ${a ?? b} has no default`);
    return value;
  });
}
