import { compileLogQL } from '../query';
import { generateBenchLines } from './benchLines';
import { bestOf, formatRate } from './stats';

const LINES = 1_000_000;

export function benchEngine(): string[] {
  const lines = generateBenchLines(LINES);
  const labels = { job: 'bench' };
  const out: string[] = [`engine: ${LINES.toLocaleString('en-US')} generated JSON lines`];

  const filter = compileLogQL('{job="bench"} |= "payments"');
  if (filter.kind !== 'log') throw new Error('expected a log query');
  let kept = 0;
  const filterMs = bestOf(5, () => {
    kept = 0;
    for (const line of lines) if (filter.testLine(line)) kept++;
  });
  out.push(`  |= "payments"              ${formatRate(LINES, filterMs)} (${kept} kept)`);

  const json = compileLogQL('{job="bench"} | json | level="error"');
  if (json.kind !== 'log') throw new Error('expected a log query');
  const jsonMs = bestOf(3, () => {
    kept = 0;
    for (const line of lines) {
      if (json.testLine(line) && json.process(line, labels) !== null) kept++;
    }
  });
  out.push(`  | json | level="error"     ${formatRate(LINES, jsonMs)} (${kept} kept)`);
  return out;
}
