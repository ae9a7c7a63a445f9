import type { LogRecord } from '../../model';
import { testIds } from '../testIds';

/** An aggregate answer (Insights `stats`): one row per record, its fields under the columns. */
export function StatsTable({ columns, rows }: { columns: string[]; rows: LogRecord[] }) {
  return (
    <div className="stats-table" data-testid={testIds.statsTable}>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              {columns.map((c) => (
                <td key={c}>{r.fields[c] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
