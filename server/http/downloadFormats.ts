import type { ApiErrorBody, DownloadFormat, LogRecord } from '../../model';

/** `2026-11-24T12:00:00.000000270Z`: RFC 3339 in UTC, with every nanosecond the record has. */
export function rfc3339Nanos(ts: string): string {
  const ns = BigInt(ts);
  const seconds = ns / 1_000_000_000n;
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}.${fraction}Z`;
}

/**
 * One CSV cell, RFC 4180 quoted when it holds a quote, comma or line break. A cell a
 * spreadsheet would run as a formula (starting = + - @, or a tab or carriage return that
 * hides one) gets a leading ' so it is shown as text: log lines are written by anyone.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvRow = (cells: string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** How a download's records are written, record by record, with a header where it has one. */
export interface DownloadWriter {
  contentType: string;
  extension: string;
  /** The text for these records; the first call may open with a header. */
  records(records: LogRecord[]): string;
  /** What ends the file: a header never written when there were no records. */
  end(): string;
  /**
   * The last lines when the download lacks something (it stopped early, or one source of a
   * federated one failed), so a cut file cannot pass for a whole one.
   */
  incomplete(error: ApiErrorBody): string;
}

const incomplete = (error: ApiErrorBody) =>
  `logsift: the download is incomplete: ${error.code}: ${error.message}`;

function logWriter(): DownloadWriter {
  return {
    contentType: 'text/plain; charset=utf-8',
    extension: 'log',
    records: (records) => records.map((r) => `${rfc3339Nanos(r.ts)} ${r.line}\n`).join(''),
    end: () => '',
    incomplete: (error) => `${incomplete(error)}\n`,
  };
}

function ndjsonWriter(): DownloadWriter {
  return {
    contentType: 'application/x-ndjson; charset=utf-8',
    extension: 'ndjson',
    records: (records) => records.map((r) => `${JSON.stringify(r)}\n`).join(''),
    end: () => '',
    // Not a record: the API's error shape, which a reader of the lines can tell apart.
    incomplete: (error) => `${JSON.stringify({ error })}\n`,
  };
}

/**
 * Columns: time, source, level, then each label and field name seen in the first records
 * written (labels first, each set sorted; a name in both is one column, the label's value
 * first), then line. Names that first appear later have no column: a CSV cannot grow
 * columns once its header is written, and holding every record back to learn them all would
 * hold the whole download in memory.
 */
function csvWriter(): DownloadWriter {
  let names: string[] | undefined;
  const header = (records: LogRecord[]) => {
    const labels = new Set(records.flatMap((r) => Object.keys(r.labels)));
    const fields = new Set(records.flatMap((r) => Object.keys(r.fields)));
    names = [...[...labels].sort(), ...[...fields].filter((n) => !labels.has(n)).sort()];
    return csvRow(['time', 'source', 'level', ...names, 'line']);
  };
  return {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    records(records) {
      if (records.length === 0) return '';
      const head = names ? '' : header(records);
      const columns = names ?? [];
      const rows = records.map((r) =>
        csvRow([
          rfc3339Nanos(r.ts),
          r.source,
          r.level,
          ...columns.map((n) => r.labels[n] ?? r.fields[n] ?? ''),
          r.line,
        ]),
      );
      return head + rows.join('');
    },
    end: () => (names ? '' : header([])),
    incomplete: (error) => (names ? '' : header([])) + csvRow([incomplete(error)]),
  };
}

export function downloadWriter(format: DownloadFormat): DownloadWriter {
  if (format === 'ndjson') return ndjsonWriter();
  if (format === 'csv') return csvWriter();
  return logWriter();
}
