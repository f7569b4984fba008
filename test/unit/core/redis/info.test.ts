import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { infoField, infoNumber, InfoParseError, parseCommandStats, parseFieldList, parseInfo, parseKeyspace, parseReplicas } from '../../../../src/core/redis/server/info';

/** Real INFO everything replies captured by test/fixtures/info/capture.ts. */
function captured(name: string): string {
  return readFileSync(path.join(__dirname, '../../../fixtures/info', `${name}.txt`), 'utf8');
}

describe('parseInfo (real replies of each topology)', () => {
  it('splits a standalone reply into lower-cased sections with CRLF removed', () => {
    const text = captured('standalone');
    assert.ok(text.includes('\r\n'), 'the capture keeps the server\'s CRLF');
    const info = parseInfo(text);
    for (const section of ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'commandstats', 'errorstats', 'latencystats', 'cluster', 'keyspace']) {
      assert.ok(info[section], `section ${section}`);
    }
    assert.equal(info.server.redis_mode, 'standalone');
    assert.match(info.server.redis_version, /^\d+\.\d+\.\d+$/);
    assert.equal(info.replication.role, 'master');
    assert.ok(!Object.values(info.server).some((v) => v.endsWith('\r')));
    // Values keep everything after the first colon.
    assert.match(info.server.executable, /redis-server$/);
  });
  it('reads the keyspace with TTL coverage, per db', () => {
    assert.deepEqual(
      parseKeyspace(parseInfo(captured('standalone'))).map(({ avgTtlMs: _ttl, ...rest }) => rest),
      [
        { db: 0, keys: 22, expires: 6, ttlCoverage: 6 / 22 },
        { db: 2, keys: 1, expires: 0, ttlCoverage: 0 },
      ],
    );
  });
  it('reads command stats, subcommands included', () => {
    const stats = parseCommandStats(parseInfo(captured('standalone')));
    const set = stats.find((s) => s.command === 'set');
    assert.ok(set);
    assert.equal(set.calls, 22);
    assert.ok(Math.abs(set.usecPerCall - set.usec / set.calls) < 0.01);
    assert.equal(stats.find((s) => s.command === 'config|set')?.calls, 3);
    assert.ok(stats.every((s) => s.rejectedCalls === 0 && s.failedCalls >= 0));
  });
  it('reads a replica\'s link to its master', () => {
    const info = parseInfo(captured('replica'));
    assert.equal(infoField(info, 'role'), 'slave');
    assert.equal(infoField(info, 'master_link_status'), 'up');
    assert.ok(infoNumber(info, 'master_port') > 0);
    assert.deepEqual(parseReplicas(info), []);
    // The replica holds the master's data.
    assert.deepEqual(parseKeyspace(info).map((d) => [d.db, d.keys, d.expires]), [[0, 22, 6], [2, 1, 0]]);
  });
  it('reads the replicas a Sentinel-monitored master lists', () => {
    const info = parseInfo(captured('sentinel-master'));
    const replicas = parseReplicas(info);
    assert.equal(infoNumber(info, 'connected_slaves'), 1);
    assert.equal(replicas.length, 1);
    assert.equal(replicas[0].ip, '127.0.0.1');
    assert.ok(replicas[0].port > 0);
    assert.equal(replicas[0].state, 'online');
  });
  it('reads a cluster node', () => {
    const info = parseInfo(captured('cluster-node'));
    assert.equal(info.server.redis_mode, 'cluster');
    assert.equal(info.cluster.cluster_enabled, '1');
    assert.equal(parseReplicas(info).length, 1);
    const [db0] = parseKeyspace(info);
    assert.equal(db0.db, 0);
    assert.ok(db0.keys > 0 && db0.expires <= db0.keys);
    assert.ok(parseCommandStats(info).some((s) => s.command.startsWith('cluster|')));
  });
});

describe('parseInfo (edge cases)', () => {
  it('accepts LF-only text, fields before any header and empty sections', () => {
    const info = parseInfo('role:master\n# Keyspace\n# Stats\nkeyspace_hits:3\n');
    assert.equal(info[''].role, 'master');
    assert.deepEqual(info.keyspace, {});
    assert.equal(infoNumber(info, 'keyspace_hits'), 3);
    assert.equal(infoNumber(info, 'missing', 7), 7);
  });
  it('handles IPv6 replica addresses and derives µs per call when the server omits it', () => {
    const info = parseInfo('# Replication\r\nslave1:ip=::1,port=7001,state=wait_bgsave,offset=5,lag=2\r\nslave0:ip=10.0.0.2,port=7000,state=online,offset=9,lag=0\r\n# Commandstats\r\ncmdstat_get:calls=4,usec=10\r\n');
    assert.deepEqual(parseReplicas(info).map((r) => `${r.ip}/${r.port}/${r.state}`), ['10.0.0.2/7000/online', '::1/7001/wait_bgsave']);
    assert.equal(parseCommandStats(info)[0].usecPerCall, 2.5);
  });
  it('parses field lists and ignores unknown shapes', () => {
    assert.deepEqual(parseFieldList('keys=1,expires=0,avg_ttl=0,subexpiry=0'), { keys: '1', expires: '0', avg_ttl: '0', subexpiry: '0' });
    assert.deepEqual(parseKeyspace(parseInfo('# Keyspace\r\nnotadb:keys=1\r\n')), []);
  });
  it('rejects text that is not an INFO reply', () => {
    assert.throws(() => parseInfo('ERR unknown command'), (e: unknown) => e instanceof InfoParseError && /Not an INFO reply/.test(e.message));
    assert.throws(() => parseInfo(''), InfoParseError);
    assert.throws(() => parseInfo(42 as unknown as string), /Expected the text reply of INFO, got number/);
  });
});
