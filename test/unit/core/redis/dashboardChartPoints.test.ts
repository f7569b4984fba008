import assert from 'node:assert/strict';
import { withMissedTicksAsGaps, type ChartPoint } from '../../../../src/core/protocol/dashboardChartPoints';
import type { MetricSample } from '../../../../src/core/protocol/dashboardData';

const sample = (t: number): MetricSample => ({ t, opsPerSec: 1, usedMemory: 1, usedMemoryRss: 1, connectedClients: 1, blockedClients: 0, hitRatio: null, lookupsPerSec: 0, netInKbps: 0, netOutKbps: 0 });
const shape = (points: ChartPoint[]): string[] => points.map((p) => ('gap' in p ? `gap@${p.t}` : `${p.t}`));

describe('dashboard chart points: missed ticks become gaps', () => {
  it('leaves ticks at the interval (with jitter) joined', () => {
    assert.deepEqual(shape(withMissedTicksAsGaps([sample(0), sample(1000), sample(2300), sample(3300)], 1000)), ['0', '1000', '2300', '3300']);
  });
  it('breaks the line where the host history skips ticks (an outage, or polling paused)', () => {
    assert.deepEqual(shape(withMissedTicksAsGaps([sample(0), sample(1000), sample(9000), sample(10000)], 1000)), ['0', '1000', 'gap@2000', '9000', '10000']);
  });
  it('adds nothing next to a gap the page already recorded for a failed tick', () => {
    const points: ChartPoint[] = [sample(0), { t: 1000, gap: true }, sample(5000)];
    assert.deepEqual(shape(withMissedTicksAsGaps(points, 1000)), ['0', 'gap@1000', '5000']);
  });
  it('handles empty and single-point histories', () => {
    assert.deepEqual(withMissedTicksAsGaps([], 1000), []);
    assert.deepEqual(shape(withMissedTicksAsGaps([sample(5)], 1000)), ['5']);
  });
});
