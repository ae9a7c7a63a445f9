/** One Elasticsearch query DSL clause, e.g. `{ match: { message: 'x' } }`. */
export type EsQuery = Record<string, unknown>;

/**
 * An Elasticsearch field type as `_field_caps` names it. Kibana's special cases: `keyword` (term and
 * wildcard queries), `date`/`date_nanos` (ranges) and `nested` (paths for nested queries).
 */
export type EsFieldType =
  | 'keyword'
  | 'constant_keyword'
  | 'wildcard'
  | 'text'
  | 'match_only_text'
  | 'date'
  | 'date_nanos'
  | 'long'
  | 'integer'
  | 'double'
  | 'float'
  | 'boolean'
  | 'ip'
  | 'nested'
  | 'object'
  | (string & {});

export interface SearchDslOptions {
  /** Field name → type, from `_field_caps`. A field missing here is sent by name, as Kibana does. */
  fields?: Record<string, EsFieldType>;
  /** Normalized name → Elasticsearch field, e.g. `namespace` → `kubernetes.namespace_name`. */
  fieldMap?: Record<string, string>;
  /** Kibana's `dateFormatTZ`: the `time_zone` of date values that are not epoch digits. */
  dateFormatTZ?: string;
  /** Kibana's `caseInsensitive`: adds `case_insensitive` to term and wildcard queries. */
  caseInsensitive?: boolean;
  /** Kibana's `filtersInMustClause`: `and` goes to `bool.must` (scored) instead of `bool.filter`. */
  filtersInMustClause?: boolean;
  /** Kibana's `nestedIgnoreUnmapped`: `ignore_unmapped` on nested queries. */
  nestedIgnoreUnmapped?: boolean;
}
