import { LOG_LIMIT } from '../api/queries';
import { testIds } from '../testIds';

const LIMITS = [1_000, 5_000, 10_000, 50_000, 100_000];

interface LineLimitPickerProps {
  /** Undefined: the default. */
  value: number | undefined;
  onChange(limit: number | undefined): void;
}

/** Grafana's line limit: how many lines one Run asks for ("Load older lines" pages on). */
export function LineLimitPicker({ value, onChange }: LineLimitPickerProps) {
  const current = value ?? LOG_LIMIT;
  const choices = LIMITS.includes(current) ? LIMITS : [...LIMITS, current].sort((a, b) => a - b);
  return (
    <label className="picker line-limit" title="Most lines one Run asks for">
      <span className="muted">Limit</span>
      <select
        data-testid={testIds.lineLimit}
        value={current}
        onChange={(e) => {
          const next = Number(e.target.value);
          onChange(next === LOG_LIMIT ? undefined : next);
        }}
      >
        {choices.map((n) => (
          <option key={n} value={n}>
            {n.toLocaleString('en-US')} lines
          </option>
        ))}
      </select>
    </label>
  );
}
