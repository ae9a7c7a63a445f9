import type { TargetInfo } from '../api/queries';
import { testIds } from '../testIds';

interface IndexPickerProps {
  targets: readonly TargetInfo[];
  /** Absent: the datasource's whole pattern. */
  value: string | undefined;
  onChange(target: string | undefined): void;
}

/** One index or data stream of a pattern-based datasource (Elasticsearch), as Kibana's data view picker. */
export function IndexPicker({ targets, value, onChange }: IndexPickerProps) {
  return (
    <label className="picker">
      <span className="muted">Index</span>
      <select
        data-testid={testIds.targetPicker}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">All (the datasource's pattern)</option>
        {targets.map((t) => (
          <option key={t.name} value={t.name}>
            {t.kind === 'data_stream' ? `${t.name} (data stream)` : t.name}
          </option>
        ))}
      </select>
    </label>
  );
}
