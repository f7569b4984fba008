import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSnapshot, deriveSample, readCounters, RingBuffer } from '../../../../src/core/redis/server/dashboardMetrics';
import { parseInfo } from '../../../../src/core/redis/server/info';

function captured(name: string): string {
  return readFileSync(path.join(__dirname, '../../../fixtures/info', `${name}.txt`), 'utf8');
}

/** A minimal INFO reply with the counters rates are derived from. */
function infoWith(fields: Record<string, number | string>): ReturnType<typeof parseInfo> {
  const base: Record<string, number | string> = {
    uptime_in_seconds: 100,
    total_commands_processed: 0,
    total_net_input_bytes: 0,
    total_net_output_bytes: 0,
    keyspace_hits: 0,
    keyspace_misses: 0,
    instantaneous_ops_per_sec: 11,
    instantaneous_input_kbps: 1.5,
    instantaneous_output_kbps: 2.5,
    used_memory: 1000,
    connected_clients: 3,
  };
  return parseInfo(`# Stats\r\n${Object.entries({ ...base, ...fields }).map(([k, v]) => `${k}:${v}`).join('\r\n')}\r\n`);
}

describe('buildSnapshot (real replies)', () => {
  it('summarises a standalone master', () => {
    const s = buildSnapshot(parseInfo(captured('standalone')));
    assert.equal(s.mode, 'standalone');
    assert.equal(s.role, 'master');
    assert.match(s.version, /^7\./);
    assert.ok(s.connectedClients >= 1);
    assert.ok(s.usedMemory > 0 && s.usedMemoryRss > 0);
    assert.equal(s.maxMemory, 0);
    assert.equal(s.maxMemoryPolicy, 'noeviction');
    assert.equal(s.keyspaceHits, 1);
    assert.equal(s.keyspaceMisses, 1);
    assert.equal(s.hitRatio, 0.5);
    assert.equal(s.persistence.aofEnabled, false);
    assert.equal(s.persistence.rdbLastBgsaveStatus, 'ok');
    assert.equal(s.replication.masterLinkStatus, undefined);
    assert.deepEqual(s.keyspace.map((d) => d.db), [0, 2]);
  });
  it('shows a replica\'s master link and a cluster node\'s mode', () => {
    const replica = buildSnapshot(parseInfo(captured('replica')));
    assert.equal(replica.role, 'slave');
    assert.equal(replica.replication.masterLinkStatus, 'up');
    assert.ok((replica.replication.masterPort ?? 0) > 0);
    assert.equal(buildSnapshot(parseInfo(captured('cluster-node'))).mode, 'cluster');
    assert.equal(buildSnapshot(parseInfo(captured('sentinel-master'))).replication.connectedReplicas, 1);
  });
  it('has no hit ratio before the first lookup', () => {
    assert.equal(buildSnapshot(infoWith({})).hitRatio, null);
  });
});

describe('deriveSample', () => {
  const at = (seconds: number, fields: Record<string, number>) => {
    const info = infoWith({ server_time_usec: seconds * 1e6, ...fields });
    return { info, counters: readCounters(info, 0) };
  };

  it('falls back to the instantaneous fields on the first tick', () => {
    const { info, counters } = at(10, {});
    const s = deriveSample(5, info, counters, undefined);
    assert.deepEqual(
      { t: s.t, ops: s.opsPerSec, in: s.netInKbps, out: s.netOutKbps, hit: s.hitRatio },
      { t: 5, ops: 11, in: 1.5, out: 2.5, hit: null },
    );
  });
  it('derives rates from counter deltas over the server clock, minus the poller\'s own commands', () => {
    const a = at(10, { total_commands_processed: 1000, total_net_input_bytes: 0, total_net_output_bytes: 0, keyspace_hits: 10, keyspace_misses: 10 });
    const b = at(12, { total_commands_processed: 1402, total_net_input_bytes: 4096, total_net_output_bytes: 2048, keyspace_hits: 40, keyspace_misses: 20 });
    const s = deriveSample(0, b.info, b.counters, a.counters, 2);
    assert.equal(s.opsPerSec, 200);
    assert.equal(s.netInKbps, 2);
    assert.equal(s.netOutKbps, 1);
    assert.equal(s.hitRatio, 40 / 60, 'the ratio since start, as the header card shows it');
    assert.equal(s.lookupsPerSec, 20);
    assert.equal(s.usedMemory, 1000);
    assert.equal(s.connectedClients, 3);
  });
  it('keeps an idle server at zero and has no hit ratio before the first lookup', () => {
    const a = at(10, { total_commands_processed: 50 });
    const b = at(11, { total_commands_processed: 52 });
    const s = deriveSample(0, b.info, b.counters, a.counters, 2);
    assert.equal(s.opsPerSec, 0);
    assert.equal(s.hitRatio, null);
  });
  it('shows the same hit ratio as the header card, also on a tick without lookups', () => {
    // Lookups happened earlier, none during this interval: the card shows 100 %, so must the chart.
    const a = at(10, { total_commands_processed: 50, keyspace_hits: 7, keyspace_misses: 0 });
    const b = at(11, { total_commands_processed: 52, keyspace_hits: 7, keyspace_misses: 0 });
    const s = deriveSample(0, b.info, b.counters, a.counters, 2);
    assert.equal(buildSnapshot(b.info).hitRatio, 1);
    assert.equal(s.hitRatio, buildSnapshot(b.info).hitRatio);
    assert.equal(deriveSample(0, b.info, b.counters, undefined).hitRatio, 1, 'the first tick too');
  });
  it('restarts from the instantaneous fields after a restart or CONFIG RESETSTAT', () => {
    const a = at(10, { total_commands_processed: 5000, uptime_in_seconds: 500 });
    const restarted = at(11, { total_commands_processed: 3, uptime_in_seconds: 1 });
    assert.equal(deriveSample(0, restarted.info, restarted.counters, a.counters).opsPerSec, 11);
    const reset = at(11, { total_commands_processed: 3, uptime_in_seconds: 501 });
    assert.equal(deriveSample(0, reset.info, reset.counters, a.counters).opsPerSec, 11);
  });
  it('uses the host clock when the server has no server_time_usec', () => {
    const info = infoWith({});
    assert.equal(readCounters(info, 1234).timeUsec, 1_234_000);
  });
});

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    assert.deepEqual(ring.toArray(), []);
    for (const n of [1, 2, 3, 4, 5]) ring.push(n);
    assert.deepEqual(ring.toArray(), [3, 4, 5]);
    assert.equal(ring.size, 3);
    ring.clear();
    ring.push(9);
    assert.deepEqual(ring.toArray(), [9]);
  });
  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new RingBuffer(0), /positive integer, got 0/);
    assert.throws(() => new RingBuffer(1.5), RangeError);
  });
});
