/** "2,140 lines/s", with one decimal under ten so a slow tail does not read as zero. */
export function formatRate(linesPerSecond: number): string {
  const shown =
    linesPerSecond < 10
      ? linesPerSecond.toLocaleString('en-US', { maximumFractionDigits: 1 })
      : Math.round(linesPerSecond).toLocaleString('en-US');
  return `${shown} lines/s`;
}

export function pausedText(pending: number): string {
  return `Paused · ${pending.toLocaleString('en-US')} new`;
}
