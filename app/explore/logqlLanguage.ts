import { LRLanguage } from '@codemirror/language';
import { styleTags, tags as t } from '@lezer/highlight';
import { parser } from '@grafana/lezer-logql';

/** LogQL highlighting tags on Grafana's grammar; the colours are in queryLanguages.ts. */
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
