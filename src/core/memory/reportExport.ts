import type { MemoryReport } from './reportTypes';

/** The memory report as files: JSON (the whole report), CSV (patterns and top keys), Markdown (for a ticket or a PR). */

export function reportToJson(report: MemoryReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const CSV_COLUMNS = ['kind', 'name', 'db', 'type', 'encoding', 'keys', 'memoryBytes', 'elements', 'ttlMs', 'withTtl'] as const;

/** One row per pattern and per top key (by memory), RFC 4180 with CRLF line ends. */
export function reportToCsv(report: MemoryReport): string {
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]];
  for (const p of report.patterns) rows.push(['pattern', p.pattern, null, Object.keys(p.types).join(' '), null, p.keys, p.memoryBytes, null, null, p.withTtl]);
  for (const k of report.topKeys) rows.push(['key', k.key, k.db, k.type, k.encoding, 1, k.memoryBytes, k.elements, k.ttlMs, k.ttlMs === null ? 0 : 1]);
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Quotes a field when it holds a comma, quote, line break or edge space; text that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP CSV injection).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A key or pattern name as a Markdown table cell: a code span (never markup), pipes escaped for the table. */
export function markdownCode(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  const longestTicks = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestTicks + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`.replace(/\|/g, '\\|');
}

/** Plain text in a Markdown cell: markup characters escaped, pipes too. */
function markdownText(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/([\\`*_{}[\]()<>#+!|~])/g, '\\$1');
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const ttlText = (ttlMs: number | null): string => (ttlMs === null ? 'none' : `${ttlMs} ms`);

export function reportToMarkdown(report: MemoryReport, title: string): string {
  const parts = [
    `# Memory report: ${markdownText(title)}`,
    `${report.totalKeys} keys, ${report.totalMemoryBytes} bytes.`,
    '## Patterns',
    table(
      ['Pattern', 'Keys', 'Memory (bytes)', 'Average', 'Max', 'With TTL'],
      report.patterns.map((p) => [markdownCode(p.pattern), String(p.keys), String(p.memoryBytes), String(Math.round(p.averageBytes)), String(p.maxBytes), String(p.withTtl)]),
    ),
    '## Top keys by memory',
    table(
      ['Key', 'DB', 'Type', 'Encoding', 'Memory (bytes)', 'Elements', 'TTL'],
      report.topKeys.map((k) => [markdownCode(k.key), String(k.db), k.type, markdownText(k.encoding), String(k.memoryBytes), String(k.elements), ttlText(k.ttlMs)]),
    ),
    '## TTL distribution',
    table(['No expiry', '< 1 h', '< 1 d', '< 1 w', 'More'], [[report.ttl.none, report.ttl.under1h, report.ttl.under1d, report.ttl.under1w, report.ttl.more].map(String)]),
    '## Recommendations',
    report.recommendations.length === 0 ? 'None.' : report.recommendations.map((r) => `- **${r.severity}** (${r.id}): ${markdownText(r.message)}`).join('\n'),
  ];
  return `${parts.join('\n\n')}\n`;
}
