import assert from 'node:assert/strict';
import { AnalysisLocks, alreadyRunningMessage, type RunningAnalysis } from '../../../../src/core/liveAnalysis/analysisLocks';

function run(label: string): RunningAnalysis & { cancelled: number } {
  const r = { label, cancelled: 0, cancel: () => void r.cancelled++ };
  return r;
}

describe('AnalysisLocks', () => {
  it('refuses a second analysis on the same connection and names the running one', () => {
    const locks = new AnalysisLocks();
    const patterns = run('key patterns');
    const first = locks.acquire('c1', patterns);
    assert.equal(first.acquired, true);
    const second = locks.acquire('c1', run('memory of db0'));
    assert.equal(second.acquired, false);
    assert.equal(second.acquired === false && second.running, patterns);
    assert.equal(alreadyRunningMessage(patterns, 'staging'), 'The key patterns analysis is already running on "staging": one analysis per connection at a time.');
  });

  it('lets another connection run in parallel, and the connection again once released', () => {
    const locks = new AnalysisLocks();
    const a = locks.acquire('c1', run('key patterns'));
    assert.equal(locks.acquire('c2', run('key patterns')).acquired, true);
    assert.ok(a.acquired);
    a.release();
    assert.equal(locks.runningOn('c1'), undefined);
    assert.equal(locks.acquire('c1', run('memory of db1')).acquired, true);
  });

  it('a stale release does not free the lock a later run holds', () => {
    const locks = new AnalysisLocks();
    const first = locks.acquire('c1', run('key patterns'));
    assert.ok(first.acquired);
    first.release();
    const later = run('memory of db0');
    assert.equal(locks.acquire('c1', later).acquired, true);
    first.release();
    assert.equal(locks.runningOn('c1'), later);
  });
});
