import type { Level } from '../../model';
import { stripAnsi } from './ansi';

const NAMES: Record<string, Level> = {
  trace: 'trace',
  debug: 'debug',
  dbug: 'debug',
  info: 'info',
  information: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  eror: 'error',
  fatal: 'fatal',
  panic: 'fatal',
  critical: 'fatal',
  crit: 'fatal',
  emerg: 'fatal',
  alert: 'fatal',
};

/** A level as backends and shippers name it (`warning`, `ERR`, `crit`), or undefined. */
export function levelFromName(name: string): Level | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(NAMES, key) ? NAMES[key] : undefined;
}

/** pino and bunyan write numeric levels. */
function fromNumber(n: number): Level {
  if (n >= 60) return 'fatal';
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  if (n >= 20) return 'debug';
  return 'trace';
}

const FIELD =
  /"(?:level|lvl|severity|log\.level)"\s*:\s*(?:"([A-Za-z]+)"|(\d+))|\b(?:level|lvl|severity)=("?)([A-Za-z]+)\3/i;
const KEYWORD =
  /\b(TRACE|DEBUG|INFO|WARN(?:ING)?|ERROR|FATAL|PANIC|CRITICAL)\b|\[(trace|debug|info|warn|warning|error|fatal)\]/i;
/** The lines of a Java stack trace that follow its first: each is its own log entry. */
const STACK =
  /^(?:\s+at [\w$./<>-]+\(|\s+\.\.\. \d+ (?:common frames omitted|more)$|Caused by: |[\w$.]+(?:Exception|Error)(?:: |\(|$))/;
/** klog, the format of Kubernetes' own components: `E1124 23:11:00.123456 1 file.go:42] …` */
const KLOG = /^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6}/;
const KLOG_LEVELS: Record<string, Level> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };
/** ingress-nginx and nginx combined: `"GET /x HTTP/1.1" 503 …` */
const HTTP_STATUS = /" ([1-5]\d\d) (?:\d+|-)(?: |$)/;

/** Cheap enough to run once per line at ingest: a few regex tests, no parsing. */
export function detectLevel(line: string): Level {
  const cut = line.length > 2048 ? line.slice(0, 2048) : line;
  // Colour codes such as ESC[31mERROR glue a letter to the level word.
  const head = stripAnsi(cut, ' ');
  const field = FIELD.exec(head);
  if (field) {
    if (field[2] !== undefined) return fromNumber(Number(field[2]));
    const name = (field[1] ?? field[4] ?? '').toLowerCase();
    const level = NAMES[name];
    if (level) return level;
  }
  const klog = KLOG.exec(head);
  if (klog?.[1]) return KLOG_LEVELS[klog[1]] ?? 'unknown';
  const status = HTTP_STATUS.exec(head);
  if (status?.[1]) {
    const code = Number(status[1]);
    return code >= 500 ? 'error' : code >= 400 ? 'warn' : 'info';
  }
  const keyword = KEYWORD.exec(head);
  if (keyword) return NAMES[(keyword[1] ?? keyword[2] ?? '').toLowerCase()] ?? 'unknown';
  if (STACK.test(head)) return 'error';
  return 'unknown';
}
