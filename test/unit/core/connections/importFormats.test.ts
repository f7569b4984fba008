import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConnectionsFile } from '../../../../src/core/connections/import/parseConnectionsFile';
import type { ImportedConnection } from '../../../../src/core/connections/import/importedConnection';

const fixtures = path.join(__dirname, '../../../fixtures/connections-import');
const read = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');
const parse = (name: string): ReturnType<typeof parseConnectionsFile> => parseConnectionsFile(name, read(name));
const byName = (connections: ImportedConnection[], name: string): ImportedConnection => {
  const found = connections.find((c) => c.config.name === name);
  assert.ok(found, `no connection "${name}" in ${connections.map((c) => c.config.name).join(', ')}`);
  return found;
};

describe('Import Connections: each tool\'s file format', () => {
  // Format: RedisInsight's ExportDatabase model, redisinsight/api/src/modules/database/models/export-database.ts,
  // read as its own import does (redisinsight/api/src/modules/database-import/database-import.service.ts).
  describe('RedisInsight export (JSON)', () => {
    const { format, connections } = parse('redisinsight-export.json');

    it('is recognised by content and reads every entry', () => {
      assert.equal(format, 'redisinsight');
      assert.deepEqual(connections.map((c) => c.config.name), ['Cache (prod)', 'Orders cluster', 'Sessions HA', 'Behind bastion', 'Key through bastion']);
    });

    it('keeps host, port, db and user in settings and the password for SecretStorage', () => {
      const cache = byName(connections, 'Cache (prod)');
      assert.deepEqual(
        { kind: cache.config.kind, host: cache.config.host, port: cache.config.port, db: cache.config.db, username: cache.config.username, tls: cache.config.tls },
        { kind: 'standalone', host: 'cache.internal', port: 6380, db: 2, username: 'app', tls: undefined },
      );
      assert.deepEqual(cache.secrets, { password: 'p@ss:w/rd' });
      assert.ok(!JSON.stringify(cache.config).includes('p@ss'), 'no password in the settings part');
    });

    it('maps a Cluster with TLS (server name, unverified certificate) and notes the embedded CA', () => {
      const orders = byName(connections, 'Orders cluster');
      assert.equal(orders.config.kind, 'cluster');
      assert.deepEqual(orders.config.tls, { serverName: 'orders.example.com', allowSelfSigned: true });
      assert.ok(orders.notes.some((n) => /CA certificate is inside the export/.test(n)), orders.notes.join(' '));
    });

    it('maps Sentinel: host and password are the sentinel\'s, sentinelMaster the master\'s', () => {
      const ha = byName(connections, 'Sessions HA');
      assert.equal(ha.config.kind, 'sentinel');
      assert.equal(ha.config.masterName, 'mymaster');
      assert.deepEqual(ha.config.sentinels, [{ host: 'sentinel-1.internal', port: 26379 }]);
      assert.equal(ha.config.sentinelUsername, 'sentinel-user');
      assert.equal(ha.config.username, 'sessions');
      assert.deepEqual(ha.secrets, { password: 'master-secret', sentinelPassword: 'sentinel-secret' });
    });

    it('maps SSH by password, and a key inside the export to a note (the key is not written anywhere)', () => {
      const bastion = byName(connections, 'Behind bastion');
      assert.deepEqual(bastion.config.ssh, { host: 'bastion.example.com', port: 2222, username: 'ops', auth: 'password' });
      assert.deepEqual(bastion.secrets, { sshPassword: 'ssh-secret' });
      const keyed = byName(connections, 'Key through bastion');
      assert.deepEqual(keyed.config.ssh, { host: 'bastion.example.com', username: 'ops' });
      assert.deepEqual(keyed.secrets, { sshPassphrase: 'key-pass' });
      assert.ok(keyed.notes.some((n) => /private key is inside the export/.test(n)));
      assert.ok(!JSON.stringify(keyed.config).includes('PRIVATE KEY'));
    });
  });

  // Format: Another Redis Desktop Manager, src/components/Setting.vue (exportConnection: base64 of the JSON list)
  // and src/components/NewConnectionDialog.vue (the fields of one connection).
  describe('Another Redis Desktop Manager export (connections.ano)', () => {
    const { format, connections } = parse('ardm-connections.ano');

    it('decodes the base64 file, and reads the same list given as plain JSON', () => {
      assert.equal(format, 'another-redis-desktop-manager');
      assert.equal(connections.length, 3);
      assert.deepEqual(parse('ardm-connections.json').connections, connections);
    });

    it('reads auth as the password, the separator, read-only and a port written as text', () => {
      const main = byName(connections, 'Main');
      assert.deepEqual({ host: main.config.host, port: main.config.port, readOnly: main.config.readOnly, keyDelimiter: main.config.keyDelimiter }, { host: 'redis.internal', port: 6379, readOnly: true, keyDelimiter: '::' });
      assert.deepEqual(main.secrets, { password: 'ardm-secret' });
    });

    it('names an unnamed connection host:port and maps Cluster, SSH by key file and TLS files', () => {
      const cluster = byName(connections, '10.1.0.5:6379');
      assert.equal(cluster.config.kind, 'cluster');
      assert.equal(cluster.config.username, 'deploy');
      assert.deepEqual(cluster.config.ssh, { host: 'jump.example.com', port: 22, username: 'ops', auth: 'privateKey', privateKeyFile: '/home/me/.ssh/id_ed25519' });
      assert.deepEqual(cluster.config.tls, { caFile: '/certs/ca.pem', certFile: '/certs/client.crt', keyFile: '/certs/client.key', serverName: 'redis.example.com' });
      assert.deepEqual(cluster.secrets, { sshPassphrase: 'key-pass' });
    });

    it('maps Sentinel: auth is the sentinel\'s password, nodePassword the nodes\'', () => {
      const ha = byName(connections, 'HA');
      assert.equal(ha.config.kind, 'sentinel');
      assert.equal(ha.config.masterName, 'mymaster');
      assert.deepEqual(ha.secrets, { password: 'node-secret', sentinelPassword: 'sentinel-secret' });
    });
  });

  // Format: Tiny RDM, backend/types/connection.go (the yaml: tags) and backend/storage/connections.go (connections.yaml, groups).
  describe('Tiny RDM connections.yaml', () => {
    const { format, connections } = parse('tiny-rdm-connections.yaml');

    it('reads connections and the connections inside groups', () => {
      assert.equal(format, 'tiny-rdm');
      assert.deepEqual(connections.map((c) => c.config.name), ['local', 'prod-cache', 'prod-sessions', 'orders', 'socket']);
      assert.ok(byName(connections, 'prod-cache').notes.includes('In the Tiny RDM group "production".'));
    });

    it('reads last_db, the separator and conn_timeout in seconds; empty ssl/ssh sections are off', () => {
      const local = byName(connections, 'local');
      assert.deepEqual({ db: local.config.db, timeout: local.config.connectTimeoutMs, ssh: local.config.ssh, tls: local.config.tls }, { db: 3, timeout: 60_000, ssh: undefined, tls: undefined });
    });

    it('maps TLS (CA file, SNI) and SSH with a key file and its passphrase', () => {
      const cache = byName(connections, 'prod-cache');
      assert.deepEqual({ host: cache.config.host, port: cache.config.port, username: cache.config.username, keyDelimiter: cache.config.keyDelimiter, timeout: cache.config.connectTimeoutMs }, { host: '10.0.0.9', port: 6380, username: 'app', keyDelimiter: '/', timeout: 15_000 });
      assert.deepEqual(cache.config.tls, { caFile: '/etc/ssl/redis-ca.pem', serverName: 'cache.example.com' });
      assert.deepEqual(cache.config.ssh, { host: 'bastion.example.com', port: 22, username: 'ops', auth: 'privateKey', privateKeyFile: '~/.ssh/id_ed25519' });
      assert.deepEqual(cache.secrets, { password: 'tiny#secret', sshPassphrase: 'key-pass' });
    });

    it('maps Sentinel through SSH by password', () => {
      const sessions = byName(connections, 'prod-sessions');
      assert.deepEqual({ kind: sessions.config.kind, masterName: sessions.config.masterName, sentinelUsername: sessions.config.sentinelUsername }, { kind: 'sentinel', masterName: 'sessions', sentinelUsername: 'watcher' });
      assert.deepEqual(sessions.config.ssh, { host: 'bastion.example.com', username: 'ops', auth: 'password' });
      assert.deepEqual(sessions.secrets, { password: 'node-secret', sentinelPassword: 'sentinel-secret', sshPassword: 'ssh-secret' });
    });

    it('maps Cluster and a Unix socket', () => {
      assert.equal(byName(connections, 'orders').config.kind, 'cluster');
      const socket = byName(connections, 'socket');
      assert.deepEqual({ socket: socket.config.socket, db: socket.config.db }, { socket: '/var/run/redis/redis.sock', db: 1 });
    });
  });

  describe('a list of redis:// and rediss:// URLs', () => {
    const { format, connections } = parse('urls.txt');

    it('reads one URL per line, skipping comments and blank lines; #fragment names it', () => {
      assert.equal(format, 'url-list');
      assert.deepEqual(connections.map((c) => c.config.name), ['localhost:6379', 'Cache TLS', '::1:6390/2']);
    });

    it('decodes user and password, takes TLS from rediss and the db from the path, IPv6 in brackets', () => {
      const tls = byName(connections, 'Cache TLS');
      assert.deepEqual({ host: tls.config.host, port: tls.config.port, db: tls.config.db, username: tls.config.username, tls: tls.config.tls }, { host: 'cache.example.com', port: 6380, db: 4, username: 'app', tls: {} });
      assert.deepEqual(tls.secrets, { password: 's@cret/x' });
      const v6 = byName(connections, '::1:6390/2');
      assert.deepEqual({ host: v6.config.host, port: v6.config.port, db: v6.config.db }, { host: '::1', port: 6390, db: 2 });
    });
  });

  describe('malformed files: one sentence naming the file and the problem, nothing imported', () => {
    const cases: [string, RegExp][] = [
      ['redisinsight-bad-port.json', /^redisinsight-bad-port\.json \(RedisInsight\): entry 1 \("Bad port"\): "port" 70000 is not a whole number from 1 to 65535\. Nothing was imported\.$/],
      ['tiny-rdm-bad-yaml.yaml', /^tiny-rdm-bad-yaml\.yaml \(Tiny RDM\): line 6: Flow sequence in block collection must be sufficiently indented and end with a \] \(not valid YAML\)\. Nothing was imported\.$/],
      ['urls-bad-line.txt', /^urls-bad-line\.txt \(a list of Redis URLs\): line 2: .*not a valid URL.*Nothing was imported\.$/],
      ['ardm-sentinel-without-master.json', /^ardm-sentinel-without-master\.json \(Another Redis Desktop Manager\): entry 1 is a Sentinel connection without "sentinelOptions\.masterName"\. Nothing was imported\.$/],
      ['not-connections.json', /^not-connections\.json is JSON but not a list of connections: it reads RedisInsight's JSON export, .*Nothing was imported\.$/],
      ['notes.txt', /^notes\.txt is not a connections file Redis Specialist knows: it reads RedisInsight's JSON export/],
    ];
    for (const [file, message] of cases) {
      it(file, () => assert.throws(() => parse(file), (error: Error) => error.name === 'ConnectionImportError' && message.test(error.message)));
    }

    it('an empty file and broken JSON say so', () => {
      assert.throws(() => parseConnectionsFile('empty.json', '  \n'), { message: 'empty.json is empty: there is no connection to import.' });
      assert.throws(() => parseConnectionsFile('cut.json', '[{"host": "a",'), { message: /^cut\.json is not valid JSON \(.+\)\. Nothing was imported\.$/ });
    });

    it('a problem in the last entry rejects the whole file (no partial import)', () => {
      const good = JSON.parse(read('redisinsight-export.json')) as object[];
      const text = JSON.stringify([...good, { host: '', port: 6379, connectionType: 'STANDALONE' }]);
      assert.throws(() => parseConnectionsFile('export.json', text), /export\.json \(RedisInsight\): entry 6 has no "host"\. Nothing was imported\./);
    });
  });
});
