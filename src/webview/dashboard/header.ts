import type { KeyspaceDb, NodeSnapshot } from '../../core/protocol/dashboard';
import { el, replaceChildren } from '../shared/dom';
import { formatBytes, formatDecimal, formatInteger, formatPercent, formatUnixTime, formatUptime } from '../shared/format';

type Row = [label: string, value: string, warn?: boolean];

/** The summary cards and the per-database keyspace table above the charts. */
export class HeaderView {
  readonly element = el('section', { className: 'header', attrs: { 'aria-label': 'Server summary' } });

  render(snapshot: NodeSnapshot | undefined): void {
    if (!snapshot) {
      replaceChildren(this.element, [el('p', { className: 'muted', text: 'Waiting for the first INFO reply…' })]);
      return;
    }
    replaceChildren(this.element, [el('div', { className: 'cards' }, cards(snapshot).map(([title, rows]) => card(title, rows))), keyspace(snapshot)]);
  }
}

function cards(s: NodeSnapshot): [string, Row[]][] {
  const r = s.replication;
  const replicasDown = r.replicas.some((x) => x.state !== 'online');
  const replication: Row[] =
    s.role === 'slave'
      ? [
          ['Master', `${r.masterHost ?? '?'}:${r.masterPort ?? '?'}`],
          ['Link', r.masterLinkStatus ?? 'unknown', r.masterLinkStatus !== 'up'],
          ['Last I/O', r.masterLastIoSecondsAgo === undefined || r.masterLastIoSecondsAgo < 0 ? '–' : `${r.masterLastIoSecondsAgo} s ago`],
        ]
      : [['Replicas', `${r.connectedReplicas}${replicasDown ? ' (not all online)' : ''}`, replicasDown]];
  const p = s.persistence;
  return [
    ['Server', [['Version', s.version], ['Mode', s.mode], ['Uptime', formatUptime(s.uptimeSeconds)]]],
    ['Replication', [['Role', s.role === 'slave' ? 'replica' : s.role], ...replication]],
    [
      'Clients and memory',
      [
        ['Clients', `${formatInteger(s.connectedClients)} (${formatInteger(s.blockedClients)} blocked)`, s.blockedClients > 0],
        ['Used', formatBytes(s.usedMemory), s.maxMemory > 0 && s.usedMemory / s.maxMemory > 0.9],
        ['Limit', s.maxMemory > 0 ? `${formatBytes(s.maxMemory)} (${formatPercent(s.usedMemory / s.maxMemory)} used)` : 'none'],
        ['Policy', s.maxMemoryPolicy],
        ['Fragmentation', formatDecimal(s.fragmentationRatio), s.fragmentationRatio > 1.5 && s.usedMemory > 100 * 1024 * 1024],
      ],
    ],
    [
      'Keyspace',
      [
        ['Hit ratio', formatPercent(s.hitRatio), s.hitRatio !== null && s.hitRatio < 0.8],
        ['Evicted', formatInteger(s.evictedKeys), s.evictedKeys > 0],
        ['Expired', formatInteger(s.expiredKeys)],
      ],
    ],
    [
      'Persistence',
      [
        ['Last RDB save', `${formatUnixTime(p.rdbLastSaveTime)}${p.rdbBgsaveInProgress ? ' (saving…)' : ''}`],
        ['RDB status', p.rdbLastBgsaveStatus, p.rdbLastBgsaveStatus !== 'ok'],
        ['AOF', p.aofEnabled ? `on, last write ${p.aofLastWriteStatus}${p.aofRewriteInProgress ? ' (rewriting…)' : ''}` : 'off', p.aofEnabled && p.aofLastWriteStatus !== 'ok'],
      ],
    ],
  ];
}

function card(title: string, rows: Row[]): HTMLElement {
  const list = el('dl');
  for (const [label, value, warn] of rows) list.append(el('dt', { text: label }), el('dd', { text: value, className: warn ? 'warn' : undefined }));
  return el('div', { className: 'card' }, [el('h2', { text: title }), list]);
}

function keyspace(s: NodeSnapshot): HTMLElement {
  if (s.keyspace.length === 0) return el('p', { className: 'muted', text: 'No keys.' });
  // Under volatile-* policies only keys with a TTL can be evicted: low coverage means a full server.
  const volatile = s.maxMemoryPolicy.startsWith('volatile-');
  const table = el('table', { className: 'keyspace' }, [
    el('thead', {}, [el('tr', {}, ['Database', 'Keys', 'With TTL', 'TTL coverage', 'Average TTL'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]),
    el('tbody', {}, s.keyspace.map((db) => keyspaceRow(db, volatile))),
  ]);
  const note = volatile ? el('p', { className: 'muted', text: `Policy ${s.maxMemoryPolicy}: keys without a TTL are never evicted.` }) : null;
  return el('div', { className: 'keyspace-wrap' }, [el('h2', { text: 'Keyspace and TTL coverage' }), table, note]);
}

function keyspaceRow(db: KeyspaceDb, volatile: boolean): HTMLElement {
  const bar = el('span', { className: 'bar-fill' });
  bar.style.width = `${Math.round(db.ttlCoverage * 100)}%`; // CSSOM, allowed by the CSP (unlike a style attribute)
  const coverage = el('td', { className: volatile && db.ttlCoverage < 1 ? 'warn' : undefined }, [
    el('span', { className: 'bar', attrs: { 'aria-hidden': 'true' } }, [bar]),
    el('span', { text: formatPercent(db.ttlCoverage) }),
  ]);
  return el('tr', {}, [
    el('td', { text: `db${db.db}` }),
    el('td', { className: 'num', text: formatInteger(db.keys) }),
    el('td', { className: 'num', text: formatInteger(db.expires) }),
    coverage,
    el('td', { className: 'num', text: db.avgTtlMs > 0 ? formatUptime(db.avgTtlMs / 1000) : '–' }),
  ]);
}
