import { SortableTable, type Column } from '../shared/sortableTable';
import { button, el } from '../shared/dom';
import { formatBytes, formatInteger } from '../shared/format';
import type { CodeSiteData, DistributionData as Distribution, KeyEntryData as KeyEntry, MemoryReportData as MemoryReport, PatternData as PatternEntry, RecommendationData as Recommendation } from '../../core/protocol/memory';

const byNumber =
  <R>(pick: (row: R) => number) =>
  (a: R, b: R): number =>
    pick(a) - pick(b);
const byText =
  <R>(pick: (row: R) => string) =>
  (a: R, b: R): number =>
    pick(a).localeCompare(pick(b));

/** A TTL or idle time, short: none, ms, s, h or d. */
function durationText(ttlMs: number | null): string {
  if (ttlMs === null) return 'none';
  if (ttlMs < 1000) return `${ttlMs} ms`;
  const seconds = Math.round(ttlMs / 1000);
  if (seconds < 3600) return `${seconds} s`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** A key name cell: text only, with the full name as a tooltip when the cell cuts it off. */
const nameCell = (name: string): Node => el('span', { className: 'name', text: name, title: name });

/** What the report's names link to; a link is absent where the host cannot open it (a dump's keys). */
export interface ReportLinks {
  openKey?: (key: string, db: number) => void;
  openSite: (file: string, line: number) => void;
}

/** A key name that opens the key editor when the report is live, plain text otherwise. */
function keyCell(key: { key: string; db: number }, links: ReportLinks): Node {
  const open = links.openKey;
  if (!open) return nameCell(key.key);
  return button(key.key, () => open(key.key, key.db), { className: 'name link', title: `Open ${key.key} in the key editor`, attrs: { 'data-open-key': key.key } });
}

/** Links to the lines that build a pattern's keys: the first few, then "+N". */
function sitesCell(sites: CodeSiteData[] | undefined, links: ReportLinks): Node {
  const list = sites ?? [];
  const shown = list.slice(0, 3).map((site) => button(`${site.file}:${site.line}`, () => links.openSite(site.file, site.line), { className: 'link', attrs: { 'data-open-site': `${site.file}:${site.line}` } }));
  return el('span', { className: 'sites' }, [...shown, list.length > 3 ? el('span', { className: 'muted', text: ` +${list.length - 3}` }) : null]);
}

function section(label: string, children: Node[]): HTMLElement {
  return el('section', { attrs: { 'aria-label': label } }, [el('h2', { text: label }), ...children]);
}

export function patternsSection(patterns: PatternEntry[], links: ReportLinks): HTMLElement {
  const columns: Column<PatternEntry>[] = [
    { id: 'pattern', label: 'Pattern', compare: byText((p) => p.pattern), cell: (p) => nameCell(p.pattern) },
    { id: 'keys', label: 'Keys', numeric: true, compare: byNumber((p) => p.keys), cell: (p) => formatInteger(p.keys) },
    { id: 'memory', label: 'Memory', numeric: true, compare: byNumber((p) => p.memoryBytes), cell: (p) => `${formatBytes(p.memoryBytes)}${p.memoryErrorBytes ? ` ± ${formatBytes(p.memoryErrorBytes)}` : ''}` },
    { id: 'average', label: 'Average', numeric: true, compare: byNumber((p) => p.averageBytes), cell: (p) => formatBytes(p.averageBytes) },
    { id: 'max', label: 'Max', numeric: true, compare: byNumber((p) => p.maxBytes), cell: (p) => formatBytes(p.maxBytes) },
    { id: 'ttl', label: 'With TTL', numeric: true, compare: byNumber((p) => p.withTtl / Math.max(1, p.keys)), cell: (p) => `${Math.round((p.withTtl / Math.max(1, p.keys)) * 100)} %` },
    { id: 'types', label: 'Types', cell: (p) => Object.entries(p.types).map(([type, n]) => `${type} ${formatInteger(n)}`).join(', ') },
    ...(patterns.some((p) => p.sites?.length) ? [{ id: 'sites', label: 'Code', cell: (p: PatternEntry) => sitesCell(p.sites, links) }] : []),
  ];
  const table = new SortableTable(columns, { column: 'memory', descending: true }, { caption: 'Patterns', empty: 'No keys.' });
  table.setRows(patterns);
  return section('Patterns', [table.element]);
}

export function topKeysSection<K extends KeyEntry>(label: string, keys: K[], sortedBy: string, links: ReportLinks, extra: Column<K>[] = []): HTMLElement {
  const columns: Column<K>[] = [
    { id: 'key', label: 'Key', compare: byText((k) => k.key), cell: (k) => keyCell(k, links) },
    { id: 'db', label: 'DB', numeric: true, compare: byNumber((k) => k.db), cell: (k) => String(k.db) },
    { id: 'type', label: 'Type', compare: byText((k) => `${k.type}/${k.encoding}`), cell: (k) => `${k.type} (${k.encoding})` },
    { id: 'memory', label: 'Memory', numeric: true, compare: byNumber((k) => k.memoryBytes), cell: (k) => (k.memoryEstimated ? `~${formatBytes(k.memoryBytes)}` : formatBytes(k.memoryBytes)) },
    { id: 'elements', label: 'Elements', numeric: true, compare: byNumber((k) => k.elements), cell: (k) => formatInteger(k.elements) },
    { id: 'ttl', label: 'TTL', numeric: true, compare: byNumber((k) => k.ttlMs ?? Number.POSITIVE_INFINITY), cell: (k) => durationText(k.ttlMs) },
    ...extra,
  ];
  const table = new SortableTable(columns, { column: sortedBy, descending: true }, { caption: label, empty: 'No keys.' });
  table.setRows(keys);
  return section(label, [table.element]);
}

/** Hot keys (LFU) or idle keys (LRU), when the dump recorded them: the policy decides which. */
export function keyActivitySection(report: MemoryReport, links: ReportLinks): HTMLElement | null {
  if (report.hotKeys.length > 0) {
    return topKeysSection('Hot keys (LFU)', report.hotKeys, 'freq', links, [{ id: 'freq', label: 'LFU counter', numeric: true, compare: byNumber((k) => k.lfuFreq), cell: (k) => String(k.lfuFreq) }]);
  }
  if (report.idleKeys.length > 0) {
    return topKeysSection('Idle keys (LRU)', report.idleKeys, 'idle', links, [{ id: 'idle', label: 'Idle', numeric: true, compare: byNumber((k) => k.idleSeconds), cell: (k) => durationText(k.idleSeconds * 1000) }]);
  }
  return null;
}

function distributionTable(caption: string, rows: Distribution[]): HTMLElement {
  const columns: Column<Distribution>[] = [
    { id: 'name', label: caption, compare: byText((d) => d.name), cell: (d) => d.name },
    { id: 'keys', label: 'Keys', numeric: true, compare: byNumber((d) => d.keys), cell: (d) => formatInteger(d.keys) },
    { id: 'memory', label: 'Memory', numeric: true, compare: byNumber((d) => d.memoryBytes), cell: (d) => formatBytes(d.memoryBytes) },
  ];
  const table = new SortableTable(columns, { column: 'memory', descending: true }, { caption, empty: 'No keys.' });
  table.setRows(rows);
  return table.element;
}

export function distributionsSection(report: MemoryReport): HTMLElement {
  const ttl = report.ttl;
  const buckets: [string, number][] = [['No expiry', ttl.none], ['< 1 hour', ttl.under1h], ['< 1 day', ttl.under1d], ['< 1 week', ttl.under1w], ['Longer', ttl.more]];
  const ttlTable = el('table', { className: 'data-table' }, [
    el('caption', { className: 'visually-hidden', text: 'TTL distribution' }),
    el('thead', {}, [el('tr', {}, [el('th', { text: 'TTL', attrs: { scope: 'col' } }), el('th', { className: 'num', text: 'Keys', attrs: { scope: 'col' } })])]),
    el('tbody', {}, buckets.map(([name, keys]) => el('tr', {}, [el('td', { text: name }), el('td', { className: 'num', text: formatInteger(keys) })]))),
  ]);
  return section('Types, encodings and TTLs', [el('div', { className: 'columns' }, [distributionTable('Type', report.types), distributionTable('Encoding', report.encodings), ttlTable])]);
}

/** Evidence values as "name: value" lines (text; nested values as JSON). */
function evidenceList(evidence: Record<string, unknown>): HTMLElement {
  return el(
    'dl',
    { className: 'evidence' },
    Object.entries(evidence).flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: typeof value === 'string' ? value : JSON.stringify(value) })]),
  );
}

export function recommendationsSection(recommendations: Recommendation[], links: ReportLinks): HTMLElement {
  if (recommendations.length === 0) return section('Recommendations', [el('p', { className: 'muted', text: 'Nothing to recommend.' })]);
  return section('Recommendations', [
    el(
      'ul',
      { className: 'recommendations' },
      recommendations.map((r) =>
        el('li', { className: `severity-${r.severity}`, attrs: { 'data-id': r.id } }, [
          el('strong', { text: r.severity === 'warning' ? 'Warning: ' : 'Note: ' }),
          el('span', { text: r.message }),
          r.sites.length > 0 ? el('div', { className: 'rec-sites' }, [el('span', { className: 'muted', text: 'Written at ' }), sitesCell(r.sites, links)]) : null,
          evidenceList(r.evidence),
        ]),
      ),
    ),
  ]);
}

/** How the figures were obtained (sampling, estimates, what a server version could not do). */
export function notesSection(notes: string[]): HTMLElement | null {
  if (notes.length === 0) return null;
  return section('About these figures', [el('ul', { className: 'notes' }, notes.map((note) => el('li', { text: note })))]);
}
