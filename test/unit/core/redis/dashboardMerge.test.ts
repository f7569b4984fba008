import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mergeCommandStats, mergeSamples, mergeSlowlogConfigs, mergeSlowlogs, mergeSnapshots } from '../../../../src/core/redis/server/dashboardMerge';
import { buildSnapshot } from '../../../../src/core/redis/server/dashboardMetrics';
import type { MetricSample, SlowlogEntry } from '../../../../src/core/protocol/dashboardData';
import { parseInfo } from '../../../../src/core/redis/server/info';

function sample(overrides: Partial<MetricSample>): MetricSample {
  return { t: 0, opsPerSec: 0, usedMemory: 0, usedMemoryRss: 0, connectedClients: 0, blockedClients: 0, hitRatio: null, lookupsPerSec: 0, netInKbps: 0, netOutKbps: 0, ...overrides };
}

describe('merged view of several nodes', () => {
  it('sums rates and takes the hit ratio of the merged snapshot (the card\'s)', () => {
    const merged = mergeSamples(7, [
      sample({ opsPerSec: 100, usedMemory: 10, hitRatio: 1, lookupsPerSec: 30, netInKbps: 1 }),
      sample({ opsPerSec: 50, usedMemory: 20, hitRatio: 0, lookupsPerSec: 10, netInKbps: 2 }),
      sample({ opsPerSec: 5, hitRatio: null }),
    ], 0.75);
    assert.equal(merged.t, 7);
    assert.equal(merged.opsPerSec, 155);
    assert.equal(merged.usedMemory, 30);
    assert.equal(merged.hitRatio, 0.75);
    assert.equal(merged.netInKbps, 3);
    assert.equal(mergeSamples(0, [sample({})], null).hitRatio, null);
  });
  it('counts keys only on masters (replicas hold copies) and describes the roles', () => {
    const master = buildSnapshot(parseInfo(readFileSync(path.join(__dirname, '../../../fixtures/info/sentinel-master.txt'), 'utf8')));
    const replica = buildSnapshot(parseInfo(readFileSync(path.join(__dirname, '../../../fixtures/info/replica.txt'), 'utf8')));
    const merged = mergeSnapshots([master, replica]);
    assert.ok(merged);
    assert.equal(merged.role, '1 master, 1 replica');
    assert.deepEqual(merged.keyspace.map((d) => [d.db, d.keys]), master.keyspace.map((d) => [d.db, d.keys]));
    assert.equal(merged.connectedClients, master.connectedClients + replica.connectedClients);
    assert.equal(merged.usedMemory, master.usedMemory + replica.usedMemory);
    assert.equal(mergeSnapshots([]), undefined);
  });
  it('treats the whole as unbounded when any node has no maxmemory', () => {
    const a = { ...buildSnapshot(parseInfo('maxmemory:100\r\nrole:master\r\n')) };
    const b = { ...buildSnapshot(parseInfo('maxmemory:0\r\nrole:master\r\n')) };
    assert.equal(mergeSnapshots([a, a])?.maxMemory, 200);
    assert.equal(mergeSnapshots([a, b])?.maxMemory, 0);
  });
  it('sums command stats per command and recomputes µs per call', () => {
    const row = (command: string, calls: number, usec: number) => ({ command, calls, usec, usecPerCall: usec / calls, rejectedCalls: 0, failedCalls: 1 });
    const merged = mergeCommandStats([[row('get', 10, 100)], [row('get', 30, 100), row('set', 1, 5)]]);
    assert.deepEqual(merged.find((s) => s.command === 'get'), { command: 'get', calls: 40, usec: 200, usecPerCall: 5, rejectedCalls: 0, failedCalls: 2 });
    assert.equal(merged.length, 2);
  });
  it('merges slowlogs newest first and labels each entry with its node', () => {
    const entry = (id: number, time: number): SlowlogEntry => ({ id, time, durationUsec: 1, args: [], commandLine: '', clientAddress: '', clientName: '' });
    const merged = mergeSlowlogs([
      { nodeId: 'a', entries: [entry(2, 100), entry(1, 90)] },
      { nodeId: 'b', entries: [entry(5, 95)] },
    ]);
    assert.deepEqual(merged.map((e) => `${e.nodeId}#${e.id}`), ['a#2', 'b#5', 'a#1']);
  });
});

describe('mergeSlowlogConfigs', () => {
  it('keeps a setting the nodes share and leaves disagreements unknown', () => {
    assert.deepEqual(
      mergeSlowlogConfigs([
        { slowerThanUsec: 10000, maxLen: 128 },
        { slowerThanUsec: 0, maxLen: 128 },
      ]),
      { slowerThanUsec: null, maxLen: 128 },
    );
  });
});

describe('mergeSlowlogs limit', () => {
  it('keeps only the newest entries across nodes', () => {
    const entry = (id: number, time: number): SlowlogEntry => ({ id, time, durationUsec: 1, args: ['GET', 'k'], commandLine: 'GET k', clientAddress: 'a', clientName: 'n' });
    const merged = mergeSlowlogs([{ nodeId: 'a', entries: [entry(3, 30), entry(1, 10)] }, { nodeId: 'b', entries: [entry(9, 20)] }], 2);
    assert.deepEqual(merged, [{ ...entry(3, 30), nodeId: 'a' }, { ...entry(9, 20), nodeId: 'b' }]);
  });
});
