/** The `patterns` report: JSON (the shape docs/patterns.md documents) or an aligned table. */
import type { PatternRow } from '../../core/patterns/patternReport';
import { formatCount } from '../../core/redis/bytes/formatCount';
import { formatBytes } from '../../core/redis/keyspace/keyMetadata';

/** `{ "patterns": [ … ] }`; live fields only when a server was read. Lines are 1-based. */
export function formatPatternsJson(rows: readonly PatternRow[], withLive: boolean): string {
  const patterns = rows.map((row) => ({
    pattern: row.pattern,
    glob: row.glob,
    sites: (row.code?.sites ?? []).map((s) => ({ file: s.file, line: s.line + 1, command: s.command, access: s.access, ttl: s.ttl })),
    types: row.code?.types ?? [],
    ...(withLive
      ? {
          keys: row.live?.keys ?? 0,
          keysExact: row.live?.keysExact ?? false,
          withTtl: row.live?.withTtl ?? 0,
          sampled: row.live?.sampled ?? 0,
          memoryBytes: row.live?.memoryBytes ?? 0,
          typesSeen: row.live?.typesSeen ?? {},
          inferred: row.inferred,
        }
      : {}),
  }));
  return `${JSON.stringify({ patterns }, null, 2)}\n`;
}

export function formatPatternsTable(rows: readonly PatternRow[], withLive: boolean): string {
  if (rows.length === 0) return 'No key patterns found.\n';
  const header = withLive ? ['PATTERN', 'SITES', 'TYPES', 'KEYS', 'WITH TTL', 'MEMORY', 'SEEN'] : ['PATTERN', 'SITES', 'TYPES', 'TTL AT SITES', 'FIRST SITE'];
  const lines = rows.map((row) => {
    const sites = row.code?.sites ?? [];
    const base = [row.pattern, row.inferred ? '(data)' : String(sites.length), (row.code?.types ?? []).join(',') || '-'];
    if (!withLive) {
      const ttl = [...new Set(sites.map((s) => s.ttl).filter((t) => t !== null))].join(',') || '-';
      return [...base, ttl, sites[0] ? `${sites[0].file}:${sites[0].line + 1}` : '-'];
    }
    const live = row.live;
    if (!live) return [...base, '0', '-', '-', '-'];
    const share = live.keys > 0 ? ` (${Math.round((100 * live.withTtl) / live.keys)}%)` : '';
    const memory = live.memoryErrorBytes > 0 ? `${formatBytes(live.memoryBytes)} ±${formatBytes(live.memoryErrorBytes)}` : formatBytes(live.memoryBytes);
    const seen = Object.entries(live.typesSeen).map(([t, n]) => `${t}:${n}`).join(',') || '-';
    return [...base, `${live.keysExact ? '' : '≥ '}${formatCount(live.keys)}`, `${formatCount(live.withTtl)}${share}`, memory, seen];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return `${[render(header), ...lines.map(render)].join('\n')}\n`;
}
