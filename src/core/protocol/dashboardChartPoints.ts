import type { MetricSample } from './dashboardData';

/** A sample, or a tick where the node did not answer: the lines break there instead of bridging it. */
export type ChartPoint = MetricSample | { t: number; gap: true };

/**
 * More than this many intervals between two points means at least one tick is missing (the
 * node failed, the connection was down, or polling was paused while the panel was hidden).
 */
const MISSED_TICK_FACTOR = 1.5;

/**
 * The points with a gap inserted wherever ticks are missing, so that uPlot (which breaks a line
 * at a null value) draws an outage as an outage instead of a straight line across it. Works on
 * the live points and on the history the host sends, which holds only the ticks that answered.
 */
export function withMissedTicksAsGaps(points: readonly ChartPoint[], intervalMs: number): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const point of points) {
    const previous = out[out.length - 1];
    if (previous && !('gap' in previous) && !('gap' in point) && point.t - previous.t > MISSED_TICK_FACTOR * intervalMs) {
      out.push({ t: previous.t + intervalMs, gap: true });
    }
    out.push(point);
  }
  return out;
}
