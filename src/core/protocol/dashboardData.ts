/**
 * Plain, JSON-safe data shapes of the server dashboard: the pure INFO/SLOWLOG parsers in
 * src/core/redis produce them and they travel unchanged to the page. They live with the webview
 * protocol (and import nothing) because the page may see only the protocol, never host code.
 */

/** The pseudo node id of the merged view of every node (Cluster, or a master with replicas). */
export const ALL_NODES = '*';

/** One `dbN:keys=…,expires=…,avg_ttl=…` line of `INFO keyspace`. */
export interface KeyspaceDb {
  db: number;
  keys: number;
  expires: number;
  avgTtlMs: number;
  /** expires / keys (0..1); 0 for an empty db. Keys without TTL are never evicted by volatile-* policies. */
  ttlCoverage: number;
}

/** One `cmdstat_<name>:calls=…,usec=…,usec_per_call=…` line of `INFO commandstats`. */
export interface CommandStat {
  /** Lower-case command name; subcommands as Redis 7 reports them (`client|list`). */
  command: string;
  calls: number;
  usec: number;
  usecPerCall: number;
  rejectedCalls: number;
  failedCalls: number;
}

/** A replica as listed by its master (`slaveN:ip=…,port=…,state=…,offset=…,lag=…`). */
export interface ReplicaLink {
  ip: string;
  port: number;
  state: string;
  offset: number;
  lag: number;
}

/** The header of the dashboard: what one INFO reply says about a node right now. */
export interface NodeSnapshot {
  version: string;
  /** `redis_mode`: standalone, sentinel or cluster. */
  mode: string;
  /** `role`: master or slave (a replica); a summary such as "3 masters, 3 replicas" in the merged view. */
  role: string;
  uptimeSeconds: number;
  connectedClients: number;
  blockedClients: number;
  usedMemory: number;
  usedMemoryRss: number;
  /** 0 means "no limit". */
  maxMemory: number;
  maxMemoryPolicy: string;
  fragmentationRatio: number;
  /** Cumulative since start (or CONFIG RESETSTAT); null before the first lookup. */
  hitRatio: number | null;
  keyspaceHits: number;
  keyspaceMisses: number;
  evictedKeys: number;
  expiredKeys: number;
  persistence: {
    rdbLastSaveTime: number;
    rdbLastBgsaveStatus: string;
    rdbChangesSinceLastSave: number;
    rdbBgsaveInProgress: boolean;
    aofEnabled: boolean;
    aofLastWriteStatus: string;
    aofRewriteInProgress: boolean;
  };
  replication: {
    connectedReplicas: number;
    replicas: ReplicaLink[];
    /** Replica side only. */
    masterHost?: string;
    masterPort?: number;
    masterLinkStatus?: string;
    masterLastIoSecondsAgo?: number;
  };
  keyspace: KeyspaceDb[];
}

/** One point of the live charts, derived from two consecutive INFO replies. */
export interface MetricSample {
  /** Host time of the tick, ms since the epoch. Samples of one tick share it across nodes. */
  t: number;
  opsPerSec: number;
  usedMemory: number;
  usedMemoryRss: number;
  connectedClients: number;
  blockedClients: number;
  /** Hits / lookups during the interval (0..1); null when nothing was looked up. */
  hitRatio: number | null;
  /** Keyspace lookups (hits + misses) per second; weights the hit ratio when nodes are merged. */
  lookupsPerSec: number;
  netInKbps: number;
  netOutKbps: number;
}

/** One SLOWLOG entry, with arguments already escaped for display (`\xNN` for non-UTF-8 bytes). */
export interface SlowlogEntry {
  id: number;
  /** Unix time in seconds. */
  time: number;
  durationUsec: number;
  args: string[];
  /** The arguments as one line that pastes into redis-cli (quoted where needed). */
  commandLine: string;
  clientAddress: string;
  clientName: string;
  /** The node that logged it; set only in the merged (all nodes) view. */
  nodeId?: string;
}

/** `slowlog-log-slower-than` (µs; negative disables, 0 logs everything) and `slowlog-max-len`. */
export interface SlowlogConfig {
  slowerThanUsec: number | null;
  maxLen: number | null;
}

/** What one tick learned about one node (or, with {@link ALL_NODES}, about all of them). */
export type NodeTick =
  | {
      nodeId: string;
      ok: true;
      sample: MetricSample;
      snapshot: NodeSnapshot;
      commandStats: CommandStat[];
      slowlog: SlowlogEntry[];
      slowlogConfig: SlowlogConfig;
    }
  | { nodeId: string; ok: false; error: string };

export type NodeTickOk = Extract<NodeTick, { ok: true }>;
