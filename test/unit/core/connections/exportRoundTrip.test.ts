import assert from 'node:assert/strict';
import { exportConnectionsFile } from '../../../../src/core/connections/exportConnections';
import { parseConnectionsFile } from '../../../../src/core/connections/import/parseConnectionsFile';
import { importSummary, planImport } from '../../../../src/core/connections/importPlan';
import type { ConnectionConfig } from '../../../../src/core/redis/connection/connectionConfig';

const saved: ConnectionConfig[] = [
  { id: 'a1', name: 'Local', kind: 'standalone', host: '127.0.0.1', port: 6379, db: 0, connectTimeoutMs: 10_000, keyDelimiter: ':', readOnly: false },
  {
    id: 'b2',
    name: 'Prod sessions',
    kind: 'sentinel',
    host: 'sentinel-1',
    port: 26379,
    sentinels: [{ host: 'sentinel-1', port: 26379 }, { host: 'sentinel-2', port: 26379 }],
    masterName: 'sessions',
    sentinelUsername: 'watcher',
    username: 'app',
    db: 3,
    tls: { caFile: '/etc/ssl/ca.pem', serverName: 'sessions.example.com' },
    connectTimeoutMs: 5000,
    keyDelimiter: '/',
    readOnly: true,
    label: 'production',
    color: 'charts.red',
    ssh: { host: 'bastion', port: 2222, username: 'ops', auth: 'privateKey', privateKeyFile: '~/.ssh/id_ed25519', proxyJump: 'jump@edge:22' },
  },
  { id: 'c3', name: 'Orders', kind: 'cluster', host: '10.0.0.1', port: 7000, clusterNodes: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7000 }], natMap: { '10.0.0.2:7000': { host: '127.0.0.1', port: 17000 } }, db: 0, connectTimeoutMs: 10_000, keyDelimiter: ':', readOnly: false },
];

describe('Export Connections… and reading the file back', () => {
  const text = exportConnectionsFile(saved, new Date('2026-01-02T03:04:05Z'));

  it('writes every setting but the id, and no secret field', () => {
    const file = JSON.parse(text) as { format: string; version: number; exportedAt: string; connections: object[] };
    assert.deepEqual({ format: file.format, version: file.version, exportedAt: file.exportedAt }, { format: 'redis-specialist-connections', version: 1, exportedAt: '2026-01-02T03:04:05.000Z' });
    assert.deepEqual(file.connections, saved.map(({ id: _id, ...config }) => config));
    assert.doesNotMatch(text, /"id"|password|passphrase/i);
  });

  it('round-trips: importing the export gives the same connections (Sentinel, Cluster, TLS, SSH included)', () => {
    const { format, connections } = parseConnectionsFile('connections.json', text);
    assert.equal(format, 'redis-specialist');
    assert.deepEqual(connections.map((c) => c.config), saved.map(({ id: _id, ...config }) => config));
    assert.ok(connections.every((c) => Object.keys(c.secrets).length === 0));
  });

  it('importing it where the connections are saved adds nothing: all are duplicates', () => {
    const { connections } = parseConnectionsFile('connections.json', text);
    const plan = planImport(connections, saved);
    assert.deepEqual(plan.map((p) => p.duplicateOf), ['Local', 'Prod sessions', 'Orders']);
  });

  it('refuses an entry hand-edited into nonsense, naming it, and a newer version', () => {
    const file = JSON.parse(text) as { connections: Record<string, unknown>[]; version: number };
    file.connections[1].ssh = { host: '' };
    assert.throws(() => parseConnectionsFile('edited.json', JSON.stringify(file)), {
      message: 'edited.json (Redis Specialist): entry 2 ("Prod sessions"): "ssh.host" must name the SSH server or a Host alias of ~/.ssh/config. Nothing was imported.',
    });
    assert.throws(() => parseConnectionsFile('new.json', JSON.stringify({ ...JSON.parse(text), version: 2 })), { message: /new\.json \(Redis Specialist\): it is a version 2 export; .*update the extension\. Nothing was imported\./ });
  });
});

describe('Import Connections: duplicates', () => {
  const imported = (name: string, fields: Partial<ConnectionConfig> = {}): Parameters<typeof planImport>[0][number] => ({
    config: { name, kind: 'standalone', host: '127.0.0.1', port: 6379, db: 0, connectTimeoutMs: 10_000, keyDelimiter: ':', readOnly: false, ...fields },
    secrets: {},
    notes: [],
  });

  it('a duplicate is the same host, port, db and user, or the same name', () => {
    const plan = planImport(
      [
        imported('Elsewhere', { host: 'LOCALHOST' }),
        imported('Same target', { host: '127.0.0.1' }),
        imported('Local', { host: 'other' }),
        imported('Other db', { db: 1 }),
        imported('Other user', { username: 'app' }),
        imported('Other port', { port: 6380 }),
      ],
      [{ ...saved[0] }, { name: 'lh', host: 'localhost', port: 6379, db: 0 }],
    );
    assert.deepEqual(plan.map((p) => [p.connection.config.name, p.duplicateOf]), [
      ['Elsewhere', 'lh'],
      ['Same target', 'Local'],
      ['Local', 'Local'],
      ['Other db', undefined],
      ['Other user', undefined],
      ['Other port', undefined],
    ]);
  });

  it('a connection repeated inside the file is imported once', () => {
    const plan = planImport([imported('A', { port: 1 }), imported('B', { port: 1 }), imported('A', { port: 2 })], []);
    assert.deepEqual(plan.map((p) => p.duplicateOf), [undefined, 'A', 'A']);
  });

  it('the closing message counts imports, duplicates and unchecked ones', () => {
    assert.equal(importSummary(3, 2), 'Imported 3 connections, skipped 2 duplicates.');
    assert.equal(importSummary(1, 1, 2), 'Imported 1 connection, skipped 1 duplicate, left out 2 you unchecked.');
    assert.equal(importSummary(2, 0), 'Imported 2 connections.');
    assert.equal(importSummary(0, 3), 'Imported 0 connections, skipped 3 duplicates.');
  });
});
