import assert from 'node:assert/strict';
import { initMessage, nodeOptions, TickEncoder, tickMessage } from '../../../src/dashboard/dashboardMessages';
import type { DashboardTick } from '../../../src/core/redis/server/dashboardPoller';
import { ALL_NODES, type MetricSample, type NodeTickOk } from '../../../src/core/protocol/dashboard';

const sample = (t: number): MetricSample => ({ t, opsPerSec: 1, usedMemory: 1, usedMemoryRss: 1, connectedClients: 1, blockedClients: 0, hitRatio: null, lookupsPerSec: 0, netInKbps: 0, netOutKbps: 0 });

describe('dashboard messages', () => {
  it('offers the merged view first only when there are several nodes', () => {
    assert.deepEqual(nodeOptions([{ id: 'a', label: 'A' }]), [{ id: 'a', label: 'A' }]);
    assert.deepEqual(nodeOptions([{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }]).map((n) => n.id), [ALL_NODES, 'a', 'b']);
  });
  it('puts the merged view in the tick message as a node', () => {
    const merged = { nodeId: ALL_NODES, ok: true } as NodeTickOk;
    const tick: DashboardTick = { t: 5, nodes: [{ nodeId: 'a', ok: false, error: 'down' }], merged };
    assert.deepEqual(tickMessage(tick), { type: 'tick', t: 5, nodes: [merged, { nodeId: 'a', ok: false, error: 'down' }] });
    assert.deepEqual(tickMessage({ t: 1, nodes: [] }).nodes, []);
  });
  it('sends the recorded history of every node in the init message', () => {
    const poller = { nodes: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], history: (id: string) => (id === 'b' ? [sample(1), sample(2)] : []) };
    const init = initMessage({ connection: { id: 'c1', name: 'local', readOnly: false }, state: 'connected', intervalMs: 1000, windowSize: 300, poller: poller as never });
    assert.equal(init.type, 'init');
    assert.deepEqual(Object.keys(init.history), [ALL_NODES, 'a', 'b']);
    assert.equal(init.history.b.length, 2);
    const empty = initMessage({ connection: { id: 'c1', name: 'local', readOnly: true }, state: 'disconnected', intervalMs: 1000, windowSize: 300, poller: undefined });
    assert.deepEqual([empty.nodes, empty.history], [[], {}]);
  });
});

describe('TickEncoder', () => {
  const entry = (id: number) => ({ id, time: id, durationUsec: 1, args: ['GET', 'k'], commandLine: 'GET k', clientAddress: 'a', clientName: '' });
  const tick = (t: number, ids: number[]): DashboardTick => ({
    t,
    nodes: [
      { nodeId: 'a', ok: true, sample: sample(t), snapshot: {} as NodeTickOk['snapshot'], commandStats: [], slowlog: ids.map(entry), slowlogConfig: { slowerThanUsec: 0, maxLen: 128 } },
      { nodeId: 'b', ok: false, error: 'down' },
    ],
  });
  it('sends a slowlog only when it changed, and again after a reset', () => {
    const encoder = new TickEncoder();
    const slowlogOf = (m: ReturnType<TickEncoder['encode']>) => (m.nodes[0].ok ? m.nodes[0].slowlog?.map((e) => e.id) : 'failed');
    assert.deepEqual(slowlogOf(encoder.encode(tick(1, [2, 1]))), [2, 1]);
    assert.equal(slowlogOf(encoder.encode(tick(2, [2, 1]))), undefined);
    assert.deepEqual(slowlogOf(encoder.encode(tick(3, [3, 2, 1]))), [3, 2, 1]);
    assert.deepEqual(slowlogOf(encoder.encode(tick(4, []))), []);
    encoder.reset();
    assert.deepEqual(slowlogOf(encoder.encode(tick(5, []))), []);
    assert.deepEqual(encoder.encode(tick(6, [])).nodes[1], { nodeId: 'b', ok: false, error: 'down' });
  });
});
