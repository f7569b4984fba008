import { keyspaceHitRatio } from './dashboardMetrics';
import type { CommandStat, KeyspaceDb, MetricSample, NodeSnapshot, SlowlogConfig, SlowlogEntry } from '../../protocol/dashboardData';

/**
 * The "all nodes" view of a Cluster (or of a master with its replicas): work and resources are
 * summed over every node, keys only over masters (a replica holds copies of its master's keys).
 */

/** `hitRatio` is the merged snapshot's, so that the chart and the card show one number. */
export function mergeSamples(t: number, samples: readonly MetricSample[], hitRatio: number | null): MetricSample {
  const sum = (pick: (s: MetricSample) => number): number => samples.reduce((acc, s) => acc + pick(s), 0);
  return {
    t,
    opsPerSec: sum((s) => s.opsPerSec),
    usedMemory: sum((s) => s.usedMemory),
    usedMemoryRss: sum((s) => s.usedMemoryRss),
    connectedClients: sum((s) => s.connectedClients),
    blockedClients: sum((s) => s.blockedClients),
    hitRatio,
    lookupsPerSec: sum((s) => s.lookupsPerSec),
    netInKbps: sum((s) => s.netInKbps),
    netOutKbps: sum((s) => s.netOutKbps),
  };
}

export function mergeSnapshots(snapshots: readonly NodeSnapshot[]): NodeSnapshot | undefined {
  if (snapshots.length === 0) return undefined;
  const sum = (pick: (s: NodeSnapshot) => number): number => snapshots.reduce((acc, s) => acc + pick(s), 0);
  const distinct = (pick: (s: NodeSnapshot) => string): string => [...new Set(snapshots.map(pick))].join(', ');
  const masters = snapshots.filter((s) => s.role === 'master');
  const hits = sum((s) => s.keyspaceHits);
  const misses = sum((s) => s.keyspaceMisses);
  const usedMemory = sum((s) => s.usedMemory);
  return {
    version: distinct((s) => s.version),
    mode: distinct((s) => s.mode),
    role: `${masters.length} master${masters.length === 1 ? '' : 's'}, ${snapshots.length - masters.length} replica${snapshots.length - masters.length === 1 ? '' : 's'}`,
    uptimeSeconds: Math.min(...snapshots.map((s) => s.uptimeSeconds)),
    connectedClients: sum((s) => s.connectedClients),
    blockedClients: sum((s) => s.blockedClients),
    usedMemory,
    usedMemoryRss: sum((s) => s.usedMemoryRss),
    // Any node without a limit makes the whole unbounded.
    maxMemory: snapshots.some((s) => s.maxMemory === 0) ? 0 : sum((s) => s.maxMemory),
    maxMemoryPolicy: distinct((s) => s.maxMemoryPolicy),
    fragmentationRatio: usedMemory > 0 ? sum((s) => s.usedMemoryRss) / usedMemory : 0,
    hitRatio: keyspaceHitRatio(hits, misses),
    keyspaceHits: hits,
    keyspaceMisses: misses,
    evictedKeys: sum((s) => s.evictedKeys),
    expiredKeys: sum((s) => s.expiredKeys),
    persistence: {
      // The oldest save is the one that matters when a node fails.
      rdbLastSaveTime: Math.min(...snapshots.map((s) => s.persistence.rdbLastSaveTime)),
      rdbLastBgsaveStatus: snapshots.every((s) => s.persistence.rdbLastBgsaveStatus === 'ok') ? 'ok' : 'err',
      rdbChangesSinceLastSave: sum((s) => s.persistence.rdbChangesSinceLastSave),
      rdbBgsaveInProgress: snapshots.some((s) => s.persistence.rdbBgsaveInProgress),
      aofEnabled: snapshots.some((s) => s.persistence.aofEnabled),
      aofLastWriteStatus: snapshots.every((s) => s.persistence.aofLastWriteStatus === 'ok') ? 'ok' : 'err',
      aofRewriteInProgress: snapshots.some((s) => s.persistence.aofRewriteInProgress),
    },
    replication: {
      connectedReplicas: sum((s) => s.replication.connectedReplicas),
      replicas: snapshots.flatMap((s) => s.replication.replicas),
    },
    keyspace: mergeKeyspace((masters.length > 0 ? masters : snapshots).flatMap((s) => s.keyspace)),
  };
}

function mergeKeyspace(dbs: readonly KeyspaceDb[]): KeyspaceDb[] {
  const byDb = new Map<number, { keys: number; expires: number; ttlWeighted: number }>();
  for (const d of dbs) {
    const acc = byDb.get(d.db) ?? { keys: 0, expires: 0, ttlWeighted: 0 };
    acc.keys += d.keys;
    acc.expires += d.expires;
    acc.ttlWeighted += d.avgTtlMs * d.expires;
    byDb.set(d.db, acc);
  }
  return [...byDb.entries()]
    .sort(([a], [b]) => a - b)
    .map(([db, { keys, expires, ttlWeighted }]) => ({
      db,
      keys,
      expires,
      avgTtlMs: expires > 0 ? Math.round(ttlWeighted / expires) : 0,
      ttlCoverage: keys > 0 ? expires / keys : 0,
    }));
}

export function mergeCommandStats(perNode: readonly (readonly CommandStat[])[]): CommandStat[] {
  const byCommand = new Map<string, CommandStat>();
  for (const stats of perNode) {
    for (const s of stats) {
      const acc = byCommand.get(s.command) ?? { command: s.command, calls: 0, usec: 0, usecPerCall: 0, rejectedCalls: 0, failedCalls: 0 };
      acc.calls += s.calls;
      acc.usec += s.usec;
      acc.rejectedCalls += s.rejectedCalls;
      acc.failedCalls += s.failedCalls;
      byCommand.set(s.command, acc);
    }
  }
  for (const acc of byCommand.values()) acc.usecPerCall = acc.calls > 0 ? acc.usec / acc.calls : 0;
  return [...byCommand.values()];
}

/** The newest `limit` entries of all nodes, each labelled with its node, newest first. */
export function mergeSlowlogs(perNode: readonly { nodeId: string; entries: readonly SlowlogEntry[] }[], limit = Infinity): SlowlogEntry[] {
  const all: SlowlogEntry[] = [];
  for (const { nodeId, entries } of perNode) {
    for (const e of entries) {
      // A literal, not `{ ...e, nodeId }`: spreading hundreds of entries every tick is measurably slower.
      all.push({ id: e.id, time: e.time, durationUsec: e.durationUsec, args: e.args, commandLine: e.commandLine, clientAddress: e.clientAddress, clientName: e.clientName, nodeId } satisfies Required<SlowlogEntry>);
    }
  }
  return all.sort((a, b) => b.time - a.time || b.id - a.id).slice(0, limit);
}

/** The nodes' common slowlog settings; a setting the nodes disagree on is unknown (null). */
export function mergeSlowlogConfigs(configs: readonly SlowlogConfig[]): SlowlogConfig {
  const common = (pick: (c: SlowlogConfig) => number | null): number | null => {
    const values = new Set(configs.map(pick));
    return values.size === 1 ? [...values][0] : null;
  };
  return { slowerThanUsec: common((c) => c.slowerThanUsec), maxLen: common((c) => c.maxLen) };
}
