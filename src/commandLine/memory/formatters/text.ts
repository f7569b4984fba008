import { formatBytes, type KeyEntry, type MemoryReport } from '../../../core/memory';

/** One table: a header row and rows of cells, rendered as aligned text. */
interface Table {
  title: string;
  head: string[];
  rows: string[][];
  /** Columns aligned right (numbers). */
  right: number[];
}

function ttlText(ttlMs: number | null): string {
  if (ttlMs === null) return '-';
  const s = Math.round(ttlMs / 1000);
  if (s < 3600) return `${s}s`;
  if (s < 86400) return `${(s / 3600).toFixed(1)}h`;
  return `${(s / 86400).toFixed(1)}d`;
}

const n = (value: number): string => value.toLocaleString('en-US');

function keyRows(keys: KeyEntry[]): string[][] {
  return keys.map((k) => [k.key, String(k.db), k.type, k.encoding, `${k.memoryEstimated ? '~' : ''}${formatBytes(k.memoryBytes)}`, n(k.elements), ttlText(k.ttlMs)]);
}

function tables(report: MemoryReport): Table[] {
  const keyHead = ['Key', 'DB', 'Type', 'Encoding', 'Memory', 'Elements', 'TTL'];
  const total = report.totalKeys || 1;
  return [
    {
      title: 'Key patterns',
      head: ['Pattern', 'Keys', 'Memory', 'Average', 'Max', 'With TTL', 'Types'],
      rows: report.patterns.map((p) => [p.pattern, n(p.keys), formatBytes(p.memoryBytes), formatBytes(p.averageBytes), formatBytes(p.maxBytes), `${Math.round((100 * p.withTtl) / p.keys)}%`, Object.entries(p.types).map(([t, c]) => `${t} ${c}`).join(', ')]),
      right: [1, 2, 3, 4, 5],
    },
    { title: 'Top keys by memory', head: keyHead, rows: keyRows(report.topKeys), right: [1, 4, 5] },
    { title: 'Top keys by element count', head: keyHead, rows: keyRows(report.topKeysByElements), right: [1, 4, 5] },
    {
      title: 'Types and encodings',
      head: ['Type/encoding', 'Keys', 'Memory'],
      rows: report.encodings.map((d) => [d.name, n(d.keys), formatBytes(d.memoryBytes)]),
      right: [1, 2],
    },
    {
      title: 'TTL',
      head: ['Expires', 'Keys', 'Share'],
      rows: (
        [
          ['no expiry', report.ttl.none],
          ['< 1 hour', report.ttl.under1h],
          ['< 1 day', report.ttl.under1d],
          ['< 1 week', report.ttl.under1w],
          ['later', report.ttl.more],
        ] as const
      ).map(([label, keys]) => [label, n(keys), `${Math.round((100 * keys) / total)}%`]),
      right: [1, 2],
    },
    ...(report.idleKeys.length ? [{ title: 'Idle keys (LRU)', head: ['Key', 'Idle', 'Memory'], rows: report.idleKeys.map((k) => [k.key, `${n(k.idleSeconds)}s`, formatBytes(k.memoryBytes)]), right: [1, 2] }] : []),
    ...(report.hotKeys.length ? [{ title: 'Hot keys (LFU)', head: ['Key', 'LFU counter', 'Memory'], rows: report.hotKeys.map((k) => [k.key, String(k.lfuFreq), formatBytes(k.memoryBytes)]), right: [1, 2] }] : []),
  ];
}

/** The report as aligned text tables, after `summary` (where it came from) and before its notes. */
export function formatTable(report: MemoryReport, summary: readonly string[]): string {
  const estimate = report.sampling ? ` ± ${formatBytes(report.sampling.memoryErrorBytes)} (${n(report.sampling.measuredKeys)} of ${n(report.sampling.scannedKeys)} keys measured)` : '';
  const out = [...summary, `Keys: ${n(report.totalKeys)}   Memory: ${formatBytes(report.totalMemoryBytes)}${estimate}   Thresholds: ${report.thresholds.source}`, ''];
  for (const table of tables(report)) {
    const widths = table.head.map((h, i) => Math.max(h.length, ...table.rows.map((row) => row[i].length)));
    const line = (cells: string[]): string => cells.map((cell, i) => (table.right.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
    out.push(table.title, line(table.head), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line), '');
  }
  out.push('Recommendations');
  if (report.recommendations.length === 0) out.push('  none');
  for (const r of report.recommendations) {
    out.push(`  [${r.severity}] ${r.id}: ${r.message}`);
    for (const site of r.sites) out.push(`      at ${site.file}:${site.line}`);
  }
  if (report.notes.length > 0) out.push('', 'Notes', ...report.notes.map((note) => `  - ${note}`));
  return `${out.join('\n')}\n`;
}
