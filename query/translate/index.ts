export { COMMON_LOKI_LABELS, translateQuery } from './translate';
