/**
 * "3:20", "1:02:03": minutes and seconds, with hours when needed, in the locale's digits.
 * Intl.DurationFormat is not in every runtime the kit supports, so the parts are joined here.
 */
export function formatDuration(totalSeconds: number, locale?: string): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const plain = new Intl.NumberFormat(locale, { useGrouping: false });
  const padded = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${plain.format(h)}:${padded.format(m)}:${padded.format(s)}` : `${plain.format(m)}:${padded.format(s)}`;
}
