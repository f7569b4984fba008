/** Number and time formatting for the dashboard and the key editor, in the user's locale. */

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function formatInteger(n: number): string {
  return integer.format(n);
}

export function formatDecimal(n: number): string {
  return decimal.format(n);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/**
 * 1024-based, as Redis' own `*_human` fields, with at most three integer digits: 1,033,000 bytes
 * read "0.99 MB", never "1,008.79 KB".
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? integer.format(value) : decimal.format(value)} ${BYTE_UNITS[unit]}`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? '–' : `${decimal.format(ratio * 100)} %`;
}

export function formatMicros(usec: number): string {
  if (usec >= 1_000_000) return `${decimal.format(usec / 1_000_000)} s`;
  if (usec >= 1_000) return `${decimal.format(usec / 1_000)} ms`;
  return `${decimal.format(usec)} µs`;
}

export function formatUptime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${Math.floor(seconds % 60)} s`;
  return `${Math.floor(seconds)} s`;
}

/** Unix seconds as a local time, with the date when it is not today. */
export function formatUnixTime(seconds: number, now = new Date()): string {
  if (seconds <= 0) return 'never';
  const date = new Date(seconds * 1000);
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
}
