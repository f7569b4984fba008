import assert from 'node:assert/strict';
import { activityReadsFor } from '../../../../../src/core/memory/live/activityReads';
import { parseInfo } from '../../../../../src/core/redis/server/info';

/** A master as INFO and CONFIG GET describe it; `config: null` when the ACL forbids CONFIG. */
function master(version: string, policy: string, config: 'readable' | 'forbidden' = 'readable'): { version: string; info: ReturnType<typeof parseInfo>; config: Record<string, string> | null } {
  const info = parseInfo(`# Server\r\nredis_version:${version}\r\n# Memory\r\nmaxmemory_policy:${policy}\r\n`);
  return { version, info, config: config === 'readable' ? { 'maxmemory-policy': policy } : null };
}

describe('how a live analysis reads key activity, by server version and policy', () => {
  it('Redis 7.0: no CLIENT NO-TOUCH (it does not exist before 7.2)', () => {
    assert.deepEqual(activityReadsFor([master('7.0.15', 'noeviction')]), { activity: 'idle', noTouch: false });
    assert.deepEqual(activityReadsFor([master('7.0.15', 'allkeys-lfu')]), { activity: 'freq', noTouch: false });
  });

  it('Redis 7.2 and 7.4: CLIENT NO-TOUCH around the counts', () => {
    assert.deepEqual(activityReadsFor([master('7.2.0', 'allkeys-lru')]), { activity: 'idle', noTouch: true });
    assert.deepEqual(activityReadsFor([master('7.2.4', 'volatile-lfu')]), { activity: 'freq', noTouch: true });
    assert.deepEqual(activityReadsFor([master('7.4.1', 'allkeys-lfu')]), { activity: 'freq', noTouch: true });
    assert.deepEqual(activityReadsFor([master('8.0.2', 'volatile-ttl')]), { activity: 'idle', noTouch: true });
  });

  it('older servers and release candidates', () => {
    assert.equal(activityReadsFor([master('6.2.14', 'allkeys-lfu')]).noTouch, false);
    // Unstable builds before 7.2 report 7.1.x.
    assert.equal(activityReadsFor([master('7.1.242', 'noeviction')]).noTouch, false);
    assert.equal(activityReadsFor([master('7.2-rc1', 'noeviction')]).noTouch, true);
  });

  it('a Cluster uses NO-TOUCH only when every master has it', () => {
    assert.equal(activityReadsFor([master('7.4.1', 'noeviction'), master('7.0.15', 'noeviction')]).noTouch, false);
    assert.equal(activityReadsFor([master('7.4.1', 'noeviction'), master('7.2.4', 'noeviction')]).noTouch, true);
    assert.deepEqual(activityReadsFor([]), { activity: 'idle', noTouch: false });
  });

  it('when the ACL forbids CONFIG, the policy comes from INFO', () => {
    assert.equal(activityReadsFor([master('7.0.15', 'allkeys-lfu', 'forbidden')]).activity, 'freq');
    assert.equal(activityReadsFor([master('7.0.15', 'allkeys-lru', 'forbidden')]).activity, 'idle');
  });
});
