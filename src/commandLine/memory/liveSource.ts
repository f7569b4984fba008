import { redactUrl } from '../../core/redis/connection/connectionConfig';
import type { RedisAnalysis } from './analyzeRedis';

/** Where a live report came from: the JSON `source`, the table's header, the Markdown title. */

export function liveJsonSource(analysis: RedisAnalysis, url: string): Record<string, unknown> {
  return {
    kind: 'redis',
    url: redactUrl(url),
    mode: analysis.config.kind,
    db: analysis.config.db,
    redisVersion: analysis.profiles[0]?.version ?? null,
    complete: analysis.complete,
    nodes: analysis.nodes.map((n) => ({ node: n.node, keysScanned: n.done, state: n.state, ...(n.error ? { error: n.error } : {}) })),
    memoryBytes: 'MEMORY USAGE as the server answered it (see notes for which keys are estimates)',
  };
}

export function liveSummary(analysis: RedisAnalysis, url: string): string[] {
  const nodes = analysis.nodes.length > 1 ? `, ${analysis.nodes.length} masters` : '';
  const version = analysis.profiles[0]?.version;
  return [`Server: ${redactUrl(url)} (${analysis.config.kind}${nodes}${version ? `, Redis ${version}` : ''}, db ${analysis.config.db})${analysis.complete ? '' : ' — PARTIAL'}`];
}

export function liveTitle(analysis: RedisAnalysis, url: string): string {
  return `${redactUrl(url)} (Redis ${analysis.profiles[0]?.version ?? '?'}, db ${analysis.config.db})`;
}
