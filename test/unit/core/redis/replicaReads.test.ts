import assert from 'node:assert/strict';
import { normalizeConnectionConfig, type ConnectionConfig } from '../../../../src/core/redis/connection/connectionConfig';
import { replicaReadPlan } from '../../../../src/core/redis/connection/replicaReads';

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
});
