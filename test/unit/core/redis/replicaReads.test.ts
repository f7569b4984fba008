import assert from 'node:assert/strict';
import { normalizeConnectionConfig, type ConnectionConfig } from '../../../../src/core/redis/connection/connectionConfig';
import { replicaConnectReason, replicaFallbackNote, replicaProblem, replicaReadPlan } from '../../../../src/core/redis/connection/replicaReads';

function normalized(extra: Record<string, unknown>): ConnectionConfig {
  const result = normalizeConnectionConfig({ id: 'c1', kind: 'sentinel', masterName: 'mymaster', ...extra });
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('readFromReplicas: the opt-in of a saved connection', () => {
  it('keeps `true` and drops anything else (false, hand-typed strings or numbers): those read the master', () => {
    assert.equal(normalized({ readFromReplicas: true }).readFromReplicas, true);
    for (const value of [false, 'true', 'yes', 1, null, {}]) {
      const config = normalized({ readFromReplicas: value });
      assert.equal('readFromReplicas' in config, false, `readFromReplicas: ${JSON.stringify(value)} is dropped`);
      assert.deepEqual(replicaReadPlan(config), { replica: false });
    }
    assert.equal('readFromReplicas' in normalized({}), false);
  });

  it('reads a replica only for a Sentinel connection that opts in; says why otherwise', () => {
    assert.deepEqual(replicaReadPlan({ kind: 'sentinel', readFromReplicas: true }), { replica: true });
    assert.deepEqual(replicaReadPlan({ kind: 'sentinel' }), { replica: false });
    assert.deepEqual(replicaReadPlan({ kind: 'cluster' }), { replica: false });
    assert.deepEqual(replicaReadPlan({ kind: 'standalone', readFromReplicas: false }), { replica: false });
    const standalone = replicaReadPlan({ kind: 'standalone', readFromReplicas: true });
    assert.equal(standalone.replica, false);
    assert.match((standalone as { note: string }).note, /needs a Sentinel or Cluster connection: read the master\.$/);
    const cluster = replicaReadPlan({ kind: 'cluster', readFromReplicas: true });
    assert.equal(cluster.replica, false);
    assert.match((cluster as { note: string }).note, /Cluster.*read every master\.$/);
  });

  /** INFO replication of a Redis 7.0 replica, with the link status given. */
  const replicaInfo = (link: string): string =>
    ['# Replication', 'role:slave', 'master_host:127.0.0.1', 'master_port:6380', `master_link_status:${link}`, 'master_last_io_seconds_ago:1', 'master_sync_in_progress:0', 'slave_read_repl_offset:1234', 'slave_priority:100', 'slave_read_only:1', 'connected_slaves:0', ''].join('\r\n');

  it('a replica is usable only while its link to the master is up and it still is a replica', () => {
    assert.equal(replicaProblem(replicaInfo('up')), undefined);
    assert.equal(replicaProblem(replicaInfo('down')), 'its link to the master is down (master_link_status:down)');
    assert.match(replicaProblem('# Replication\r\nrole:master\r\nconnected_slaves:0\r\n') ?? '', /answers as a master, not a replica/);
  });

  it('says in one sentence why the master is read', () => {
    assert.equal(replicaFallbackNote('prod', 'Sentinel names no replica that is up'), 'No replica of "prod" can be read (Sentinel names no replica that is up), so the analysis reads the master.');
    // The server's own trailing period does not end the sentence early.
    assert.equal(replicaFallbackNote('prod', 'WRONGPASS invalid username-password pair or user is disabled.'), 'No replica of "prod" can be read (WRONGPASS invalid username-password pair or user is disabled), so the analysis reads the master.');
  });

  it('names the connect failure in words about the replica', () => {
    assert.equal(replicaConnectReason(new Error('All sentinels are unreachable and retry is disabled.')), 'Sentinel names no replica that is up');
    // With a last error the Sentinels themselves failed: their words are kept.
    assert.equal(replicaConnectReason(new Error('All sentinels are unreachable and retry is disabled. Last error: connect ECONNREFUSED 127.0.0.1:26379')), 'All sentinels are unreachable and retry is disabled. Last error: connect ECONNREFUSED 127.0.0.1:26379');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6381'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 6381 });
    assert.equal(replicaConnectReason(refused), 'replica 127.0.0.1:6381 refuses connections');
    // A replica killed after the client reached it: ioredis only says the connection closed.
    assert.equal(replicaConnectReason(new Error('Connection is closed.')), 'the replica closed the connection');
  });
});
