import type { MetricSample, NodeSnapshot } from '../../protocol/dashboardData';
import { infoField, infoNumber, parseKeyspace, parseReplicas, type InfoSections } from './info';

/** The cumulative INFO counters that rates are derived from, kept between two ticks of a node. */
export interface InfoCounters {
  /** Server clock when INFO ran (µs, `server_time_usec`), or the host clock when the server lacks it. */
  timeUsec: number;
  uptimeSeconds: number;
  totalCommands: number;
  netInputBytes: number;
  netOutputBytes: number;
  keyspaceHits: number;
  keyspaceMisses: number;
}

export function readCounters(info: InfoSections, hostTimeMs: number): InfoCounters {
  return {
    timeUsec: infoNumber(info, 'server_time_usec', hostTimeMs * 1000),
    uptimeSeconds: infoNumber(info, 'uptime_in_seconds'),
    totalCommands: infoNumber(info, 'total_commands_processed'),
    netInputBytes: infoNumber(info, 'total_net_input_bytes'),
    netOutputBytes: infoNumber(info, 'total_net_output_bytes'),
    keyspaceHits: infoNumber(info, 'keyspace_hits'),
    keyspaceMisses: infoNumber(info, 'keyspace_misses'),
  };
}

/**
 * The keyspace hit ratio since the server started (or CONFIG RESETSTAT): hits / (hits + misses),
 * null before the first lookup. The header card and the chart both show this one number, so they
 * never disagree (a per-interval ratio is undefined on every idle tick).
 */
export function keyspaceHitRatio(hits: number, misses: number): number | null {
  return hits + misses > 0 ? hits / (hits + misses) : null;
}

export function buildSnapshot(info: InfoSections): NodeSnapshot {
  const hits = infoNumber(info, 'keyspace_hits');
  const misses = infoNumber(info, 'keyspace_misses');
  const isReplica = infoField(info, 'role') === 'slave';
  return {
    version: infoField(info, 'redis_version') ?? 'unknown',
    mode: infoField(info, 'redis_mode') ?? (infoField(info, 'cluster_enabled') === '1' ? 'cluster' : 'standalone'),
    role: infoField(info, 'role') ?? 'unknown',
    uptimeSeconds: infoNumber(info, 'uptime_in_seconds'),
    connectedClients: infoNumber(info, 'connected_clients'),
    blockedClients: infoNumber(info, 'blocked_clients'),
    usedMemory: infoNumber(info, 'used_memory'),
    usedMemoryRss: infoNumber(info, 'used_memory_rss'),
    maxMemory: infoNumber(info, 'maxmemory'),
    maxMemoryPolicy: infoField(info, 'maxmemory_policy') ?? 'unknown',
    fragmentationRatio: infoNumber(info, 'mem_fragmentation_ratio'),
    hitRatio: keyspaceHitRatio(hits, misses),
    keyspaceHits: hits,
    keyspaceMisses: misses,
    evictedKeys: infoNumber(info, 'evicted_keys'),
    expiredKeys: infoNumber(info, 'expired_keys'),
    persistence: {
      rdbLastSaveTime: infoNumber(info, 'rdb_last_save_time'),
      rdbLastBgsaveStatus: infoField(info, 'rdb_last_bgsave_status') ?? 'unknown',
      rdbChangesSinceLastSave: infoNumber(info, 'rdb_changes_since_last_save'),
      rdbBgsaveInProgress: infoField(info, 'rdb_bgsave_in_progress') === '1',
      aofEnabled: infoField(info, 'aof_enabled') === '1',
      aofLastWriteStatus: infoField(info, 'aof_last_write_status') ?? 'unknown',
      aofRewriteInProgress: infoField(info, 'aof_rewrite_in_progress') === '1',
    },
    replication: {
      connectedReplicas: infoNumber(info, 'connected_slaves'),
      replicas: parseReplicas(info),
      ...(isReplica
        ? {
            masterHost: infoField(info, 'master_host'),
            masterPort: infoNumber(info, 'master_port'),
            masterLinkStatus: infoField(info, 'master_link_status'),
            masterLastIoSecondsAgo: infoNumber(info, 'master_last_io_seconds_ago', -1),
          }
        : {}),
    },
    keyspace: parseKeyspace(info),
  };
}

/**
 * One chart point from two consecutive INFO replies of a node. Rates come from counter deltas
 * over the server's own clock, so they are exact averages over the interval (the
 * `instantaneous_*` fields are a sampled estimate). `selfCommands` is the number of commands the
 * poller itself sent to the node since `previous` (its INFO, SLOWLOG, CONFIG GET): subtracting
 * them keeps an idle server at 0 ops/sec. Without a usable previous reading (first tick, restart,
 * CONFIG RESETSTAT) the instantaneous fields stand in.
 */
export function deriveSample(
  t: number,
  info: InfoSections,
  current: InfoCounters,
  previous: InfoCounters | undefined,
  selfCommands = 0,
): MetricSample {
  const base = {
    t,
    usedMemory: infoNumber(info, 'used_memory'),
    usedMemoryRss: infoNumber(info, 'used_memory_rss'),
    connectedClients: infoNumber(info, 'connected_clients'),
    blockedClients: infoNumber(info, 'blocked_clients'),
    hitRatio: keyspaceHitRatio(current.keyspaceHits, current.keyspaceMisses),
  };
  const seconds = previous ? (current.timeUsec - previous.timeUsec) / 1e6 : 0;
  if (!previous || seconds <= 0 || countersWentBack(previous, current)) {
    return {
      ...base,
      opsPerSec: infoNumber(info, 'instantaneous_ops_per_sec'),
      lookupsPerSec: 0,
      netInKbps: infoNumber(info, 'instantaneous_input_kbps'),
      netOutKbps: infoNumber(info, 'instantaneous_output_kbps'),
    };
  }
  const lookups = current.keyspaceHits - previous.keyspaceHits + current.keyspaceMisses - previous.keyspaceMisses;
  return {
    ...base,
    opsPerSec: Math.max(0, current.totalCommands - previous.totalCommands - selfCommands) / seconds,
    lookupsPerSec: lookups / seconds,
    // Redis' own *_kbps fields are KiB per second; keep the same unit.
    netInKbps: (current.netInputBytes - previous.netInputBytes) / 1024 / seconds,
    netOutKbps: (current.netOutputBytes - previous.netOutputBytes) / 1024 / seconds,
  };
}

function countersWentBack(previous: InfoCounters, current: InfoCounters): boolean {
  return (
    current.uptimeSeconds < previous.uptimeSeconds ||
    current.totalCommands < previous.totalCommands ||
    current.netInputBytes < previous.netInputBytes ||
    current.netOutputBytes < previous.netOutputBytes ||
    current.keyspaceHits < previous.keyspaceHits ||
    current.keyspaceMisses < previous.keyspaceMisses
  );
}

/** A fixed-size window of the newest items (the chart window: window length / tick interval). */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`Ring buffer capacity must be a positive integer, got ${capacity}.`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
