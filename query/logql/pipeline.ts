import type { SyntaxNode } from '@lezer/common';
import { LogsiftError } from '../../model';
import type { LabelPredicate, PipelineStage, TemplatePart } from '../ir';
import { decodeString, parseBytes, parseDurationMs, parseTemplate } from './literals';
import { checkRegex, compareOp, filterOp } from './operators';
import { parseMatcher } from './matcher';
import { child, childrenOf, posOf, requireChild, unsupported } from './syntax';

/** Flattens lezer's left-nested PipelineExpr into stages in source order. */
export function parsePipeline(node: SyntaxNode, text: string): PipelineStage[] {
  const stages: PipelineStage[] = [];
  for (const c of childrenOf(node)) {
    if (c.name === 'PipelineExpr') stages.push(...parsePipeline(c, text));
    else if (c.name === 'PipelineStage') stages.push(...parseStage(c, text));
    else throw unsupported(c, text);
  }
  return stages;
}

const str = (node: SyntaxNode, text: string): string =>
  decodeString(text.slice(node.from, node.to), posOf(node));

function parseStage(node: SyntaxNode, text: string): PipelineStage[] {
  const lineFilters = child(node, 'LineFilters');
  if (lineFilters) return parseLineFilters(lineFilters, text);
  const body = childrenOf(node).find((c) => c.name !== 'Pipe');
  if (!body) throw unsupported(node, text);
  const pos = posOf(body);
  switch (body.name) {
    case 'LabelParser':
      return [parseLabelParser(body, text)];
    case 'JsonExpressionParser':
      return [{ kind: 'json', extract: parseExtractions(body, text), pos }];
    case 'LogfmtParser': {
      // --strict and --keep-empty change which lines get __error__ and which keys are kept.
      const flags = child(body, 'LogfmtParserFlags');
      if (flags) throw unsupported(flags, text);
      return [{ kind: 'logfmt', pos }];
    }
    case 'LabelFilter':
      return [{ kind: 'labelFilter', predicate: parsePredicate(body, text), pos }];
    case 'LineFormatExpr': {
      const template = requireChild(body, 'String', text);
      return [
        { kind: 'lineFormat', template: parseTemplate(str(template, text), posOf(template)), pos },
      ];
    }
    case 'LabelFormatExpr':
      return [{ kind: 'labelFormat', assignments: parseLabelFormat(body, text), pos }];
    case 'DropLabelsExpr':
    case 'KeepLabelsExpr':
      return [
        {
          kind: body.name === 'DropLabelsExpr' ? 'drop' : 'keep',
          labels: parseDropKeep(body, text),
          pos,
        },
      ];
    case 'DecolorizeExpr':
      return [{ kind: 'decolorize', pos }];
    default:
      throw unsupported(body, text);
  }
}

function parseLineFilters(node: SyntaxNode, text: string): PipelineStage[] {
  const out: PipelineStage[] = [];
  for (const c of childrenOf(node)) {
    if (c.name === 'LineFilters') out.push(...parseLineFilters(c, text));
    else if (c.name === 'LineFilter') {
      const opNode = requireChild(c, 'Filter', text).firstChild;
      if (!opNode) throw unsupported(c, text);
      const op = filterOp(opNode, text);
      const values: string[] = [];
      const collect = (n: SyntaxNode): void => {
        for (const v of childrenOf(n)) {
          if (v.name === 'String') values.push(str(v, text));
          else if (v.name === 'OrFilter') collect(v);
          else if (v.name !== 'Filter' && v.name !== 'Or') throw unsupported(v, text);
        }
      };
      collect(c);
      if (op === '|~' || op === '!~') for (const v of values) checkRegex(v, posOf(c));
      out.push({ kind: 'lineFilter', op, values, pos: posOf(c) });
    }
  }
  return out;
}

function parseLabelParser(node: SyntaxNode, text: string): PipelineStage {
  const pos = posOf(node);
  const kindNode = node.firstChild;
  const patternNode = child(node, 'String');
  switch (kindNode?.name) {
    case 'Json':
      return { kind: 'json', extract: [], pos };
    case 'Logfmt':
      return { kind: 'logfmt', pos };
    case 'Unpack':
      return { kind: 'unpack', pos };
    case 'Regexp': {
      if (!patternNode) throw unsupported(node, text);
      const pattern = str(patternNode, text);
      checkRegex(pattern, posOf(patternNode));
      if (!/\(\?P?<[A-Za-z_]/.test(pattern)) {
        throw new LogsiftError(
          'bad_query',
          'regexp needs at least one named group like (?P<name>…)',
          posOf(patternNode),
        );
      }
      return { kind: 'regexp', pattern, pos };
    }
    case 'Pattern': {
      if (!patternNode) throw unsupported(node, text);
      return { kind: 'pattern', pattern: str(patternNode, text), pos };
    }
    default:
      throw unsupported(node, text);
  }
}

function parseExtractions(node: SyntaxNode, text: string): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  node.cursor().iterate((ref) => {
    if (ref.name !== 'LabelExtractionExpression') return undefined;
    const id = ref.node.getChild('Identifier');
    const value = ref.node.getChild('String');
    if (id) {
      const name = text.slice(id.from, id.to);
      out.push({ name, path: value ? str(value, text) : name });
    }
    return false;
  });
  return out;
}

function parsePredicate(node: SyntaxNode, text: string): LabelPredicate {
  const parts = childrenOf(node);
  const pos = posOf(node);
  if (parts.length >= 2 && parts[0]?.name === 'LabelFilter') {
    const left = parsePredicate(parts[0], text);
    const right = parts.at(-1);
    if (!right || right.name !== 'LabelFilter') throw unsupported(node, text);
    const joiner = parts.find((p) => p.name === 'Or') ? 'or' : 'and';
    return { kind: joiner, left, right: parsePredicate(right, text), pos };
  }
  const only = parts[0];
  if (!only) throw unsupported(node, text);
  // Parentheses leave one LabelFilter inside another: they only group, as the tree shows.
  if (only.name === 'LabelFilter') return parsePredicate(only, text);
  if (only.name === 'Matcher') {
    const m = parseMatcher(only, text);
    return { kind: 'string', name: m.name, op: m.op, value: m.value, pos };
  }
  if (only.name === 'NumberFilter') {
    const [id, op, literal] = childrenOf(only);
    if (!id || !op || !literal) throw unsupported(only, text);
    const value = Number(text.slice(literal.from, literal.to));
    return {
      kind: 'number',
      name: text.slice(id.from, id.to),
      op: compareOp(op, text),
      value,
      unit: 'none',
      pos,
    };
  }
  if (only.name === 'UnitFilter') {
    const filter = only.firstChild;
    const [id, op, literal] = filter ? childrenOf(filter) : [];
    if (!filter || !id || !op || !literal) throw unsupported(only, text);
    const raw = text.slice(literal.from, literal.to);
    const duration = filter.name === 'DurationFilter';
    const value = duration ? parseDurationMs(raw) : parseBytes(raw);
    if (value === undefined)
      throw new LogsiftError(
        'bad_query',
        `"${raw}" is not a valid ${duration ? 'duration' : 'size'}`,
        posOf(literal),
      );
    return {
      kind: 'number',
      name: text.slice(id.from, id.to),
      op: compareOp(op, text),
      value: duration ? value / 1000 : value,
      unit: duration ? 'duration' : 'bytes',
      pos,
    };
  }
  throw unsupported(only, text);
}

type Assignment = { target: string; source: string } | { target: string; template: TemplatePart[] };

function parseLabelFormat(node: SyntaxNode, text: string): Assignment[] {
  const out: Assignment[] = [];
  node.cursor().iterate((ref) => {
    if (ref.name !== 'LabelFormatMatcher') return undefined;
    const [target, , source] = childrenOf(ref.node);
    if (!target || !source) throw unsupported(ref.node, text);
    const name = text.slice(target.from, target.to);
    if (source.name === 'Identifier')
      out.push({ target: name, source: text.slice(source.from, source.to) });
    else out.push({ target: name, template: parseTemplate(str(source, text), posOf(source)) });
    return false;
  });
  return out;
}

function parseDropKeep(
  node: SyntaxNode,
  text: string,
): ({ name: string } | ReturnType<typeof parseMatcher>)[] {
  const out: ({ name: string } | ReturnType<typeof parseMatcher>)[] = [];
  node.cursor().iterate((ref) => {
    if (ref.name === 'Matcher') {
      out.push(parseMatcher(ref.node, text));
      return false;
    }
    if (ref.name === 'Identifier') out.push({ name: text.slice(ref.from, ref.to) });
    return undefined;
  });
  return out;
}
