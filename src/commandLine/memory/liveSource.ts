import type { RedisAnalysis } from './analyzeRedis';

/** Where a live report came from: the JSON `source`, the table's header, the Markdown title. */

export function liveJsonSource(analysis: RedisAnalysis): Record<string, unknown> {
  return {
    kind: 'redis',
    url: analysis.label,
    mode: analysis.config.kind,
    db: analysis.config.db,
    ...(analysis.readFrom ? { readFrom: analysis.readFrom } : {}),
    redisVersion: analysis.profiles[0]?.version ?? null,
    complete: analysis.complete,
    nodes: analysis.nodes.map((n) => ({ node: n.node, keysScanned: n.done, state: n.state, ...(n.error ? { error: n.error } : {}) })),
    memoryBytes: 'MEMORY USAGE as the server answered it (see notes for which keys are estimates)',
  };
}

export function liveSummary(analysis: RedisAnalysis): string[] {
  const nodes = analysis.nodes.length > 1 ? `, ${analysis.nodes.length} masters` : '';
  const version = analysis.profiles[0]?.version;
  return [`Server: ${analysis.label} (${analysis.config.kind}${nodes}${version ? `, Redis ${version}` : ''}, db ${analysis.config.db})${analysis.complete ? '' : ' — PARTIAL'}`];
}

export function liveTitle(analysis: RedisAnalysis): string {
  return `${analysis.label} (Redis ${analysis.profiles[0]?.version ?? '?'}, db ${analysis.config.db})`;
}
