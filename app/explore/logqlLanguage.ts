import { HighlightStyle, LRLanguage, syntaxHighlighting } from '@codemirror/language';
import { styleTags, tags as t } from '@lezer/highlight';
import { parser } from '@grafana/lezer-logql';

/** LogQL highlighting from Grafana's grammar; colours follow Grafana's dark theme. */
export const logqlLanguage = LRLanguage.define({
  name: 'logql',
  parser: parser.configure({
    props: [
      styleTags({
        Identifier: t.labelName,
        String: t.string,
        'Number Duration Bytes': t.number,
        'Eq Neq Re Nre PipeExact PipeMatch Gtr Gte Lss Lte Eql Pipe': t.operator,
        'Json Logfmt Regexp Pattern Unpack LineFormat LabelFormat Drop Keep Decolorize': t.keyword,
        'And Or By Without Bool On Ignoring': t.keyword,
        'CountOverTime Rate BytesOverTime BytesRate Sum Avg Min Max Count Topk Bottomk': t.function(
          t.name,
        ),
        'Range OpenBrace CloseBrace': t.bracket,
      }),
    ],
  }),
});

export const logqlHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: t.labelName, color: '#6ccf8e' },
    { tag: t.string, color: '#ce9178' },
    { tag: t.number, color: '#b5cea8' },
    { tag: t.operator, color: '#c586c0' },
    { tag: t.keyword, color: '#569cd6' },
    { tag: t.function(t.name), color: '#dcdcaa' },
  ]),
);
