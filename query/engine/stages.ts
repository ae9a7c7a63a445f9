import type { Labels } from '../../model';
import type { DropKeepStage, PipelineStage, TemplatePart } from '../ir';
import { labelFilterStage } from './labelFilter';
import {
  jsonParser,
  logfmtParser,
  patternParser,
  regexpParser,
  unpackParser,
  type Extracted,
} from './parsers';
import { lineTest, valueMatcher } from './predicates';

export interface EntryState extends Extracted {
  line: string;
}

/** A stage edits the entry in place; false drops it. */
export type Stage = (entry: EntryState) => boolean;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function renderTemplate(parts: readonly TemplatePart[], entry: Extracted): string {
  let out = '';
  for (const part of parts) {
    out +=
      'text' in part ? part.text : (entry.fields[part.label] ?? entry.labels[part.label] ?? '');
  }
  return out;
}

function dropKeep(stage: DropKeepStage): Stage {
  const tests = stage.labels.map((l) => {
    if (!('kind' in l)) return (name: string) => name === l.name;
    const value = valueMatcher(l.op, l.value);
    return (name: string, v: string) => name === l.name && value(v);
  });
  const hit = (name: string, value: string): boolean => tests.some((t) => t(name, value));
  const keep = stage.kind === 'keep';
  const prune = (set: Labels): Labels => {
    const next: Labels = {};
    for (const name in set) {
      const value = set[name] ?? '';
      if (hit(name, value) === keep) next[name] = value;
    }
    return next;
  };
  return (entry) => {
    entry.labels = prune(entry.labels);
    entry.fields = prune(entry.fields);
    return true;
  };
}

export function compileStage(stage: PipelineStage): Stage {
  switch (stage.kind) {
    case 'lineFilter': {
      const test = lineTest(stage);
      return (entry) => test(entry.line);
    }
    case 'json': {
      const parse = jsonParser(stage);
      return (entry) => {
        parse(entry.line, entry);
        return true;
      };
    }
    case 'logfmt':
      return (entry) => {
        logfmtParser(entry.line, entry);
        return true;
      };
    case 'regexp':
    case 'pattern': {
      const parse =
        stage.kind === 'regexp' ? regexpParser(stage.pattern) : patternParser(stage.pattern);
      return (entry) => {
        parse(entry.line, entry);
        return true;
      };
    }
    case 'unpack':
      return (entry) => {
        entry.line = unpackParser(entry.line, entry);
        return true;
      };
    case 'labelFilter':
      return labelFilterStage(stage.predicate);
    case 'lineFormat':
      return (entry) => {
        entry.line = renderTemplate(stage.template, entry);
        return true;
      };
    case 'labelFormat':
      return (entry) => {
        for (const a of stage.assignments) {
          if ('source' in a) {
            const value = entry.fields[a.source] ?? entry.labels[a.source] ?? '';
            delete entry.fields[a.source];
            if (a.source in entry.labels) entry.labels = withoutKey(entry.labels, a.source);
            entry.fields[a.target] = value;
          } else {
            entry.fields[a.target] = renderTemplate(a.template, entry);
          }
        }
        return true;
      };
    case 'drop':
    case 'keep':
      return dropKeep(stage);
    case 'decolorize':
      return (entry) => {
        entry.line = entry.line.replace(ANSI, '');
        return true;
      };
  }
}

function withoutKey(labels: Labels, key: string): Labels {
  const next = { ...labels };
  delete next[key];
  return next;
}
