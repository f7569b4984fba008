import { CACHE_LIKE, formatBytes } from '../recommendations';
import type { MemoryReport, Recommendation } from '../reportTypes';
import type { ServerProfile } from '../live/serverProfile';
import { serverSettings, type ServerSettings } from './serverSettings';

/**
 * The server configuration advisor: judges `maxmemory`, the eviction policy, persistence,
 * `lazyfree-*` and fragmentation against the keyspace the report found, following Redis's own
 * documentation (redis.conf, "Key eviction", "Redis persistence", MEMORY DOCTOR). On a Cluster
 * each master is judged; a finding names the nodes it holds on.
 */

export interface AdvisorLimits {
  /** A key this big blocks the server when deleted synchronously (default 1 MiB, as the big-key finding). */
  bigKeyBytes?: number;
}

/** MEMORY DOCTOR's thresholds: a ratio above 1.4 matters once the waste is real (here 100 MiB). */
const FRAGMENTATION_RATIO = 1.4;
const FRAGMENTATION_BYTES = 100 * 1024 * 1024;
/** Under this share of keys with a TTL, a volatile-* policy has almost nothing it may evict. */
const FEW_TTLS = 0.1;
/** Above this share of keys with a TTL (or under an allkeys-* policy), the data looks like a cache. */
const CACHE_TTLS = 0.9;

type Advice = Omit<Recommendation, 'sites'>;

export function adviseServer(report: MemoryReport, profiles: readonly ServerProfile[], limits: AdvisorLimits = {}): Recommendation[] {
  const settings = profiles.map(serverSettings);
  const first = settings[0];
  if (!first) return [];
  const withTtl = report.totalKeys - report.ttl.none;
  const ttlShare = report.totalKeys > 0 ? withTtl / report.totalKeys : 0;
  const cachePatterns = report.patterns.filter((p) => CACHE_LIKE.test(p.pattern)).map((p) => p.pattern);
  const bigKeyBytes = limits.bigKeyBytes ?? 1024 * 1024;
  const bigKeys = report.topKeys.filter((k) => k.memoryBytes >= bigKeyBytes);
  const advice: Advice[] = [
    ...fragmentation(settings),
    ...maxmemory(first, cachePatterns, ttlShare),
    ...evictionPolicy(first, cachePatterns, ttlShare, withTtl),
    ...persistence(first, ttlShare),
    ...lazyfree(first, bigKeys),
  ];
  return advice.map((a) => ({ ...a, sites: [] }));
}

function fragmentation(settings: ServerSettings[]): Advice[] {
  const fragmented = settings.filter((s) => s.fragmentationRatio > FRAGMENTATION_RATIO && s.rssMemory - s.usedMemory > FRAGMENTATION_BYTES);
  if (fragmented.length === 0) return [];
  const worst = fragmented.reduce((a, b) => (b.fragmentationRatio > a.fragmentationRatio ? b : a));
  const defrag = worst.activedefrag === false ? ' Turn on active defragmentation (activedefrag yes; jemalloc builds only),' : worst.activedefrag === true ? ' Active defragmentation is on already;' : ' Consider active defragmentation (activedefrag yes),';
  return [
    {
      id: 'memory-fragmentation',
      severity: 'warning',
      message: `Memory fragmentation on ${fragmented.map((s) => s.node).join(', ')}: the process holds ${formatBytes(worst.rssMemory)} for ${formatBytes(worst.usedMemory)} of data (mem_fragmentation_ratio ${worst.fragmentationRatio}).${defrag} or restart the node (a replica first, then fail over) to return the memory.`,
      evidence: { nodes: fragmented.map((s) => ({ node: s.node, mem_fragmentation_ratio: s.fragmentationRatio, used_memory: s.usedMemory, used_memory_rss: s.rssMemory, activedefrag: s.activedefrag })) },
    },
  ];
}

function maxmemory(s: ServerSettings, cachePatterns: string[], ttlShare: number): Advice[] {
  if (s.maxmemory !== 0) return [];
  const cacheLike = cachePatterns.length > 0 || ttlShare >= CACHE_TTLS;
  return [
    {
      id: 'maxmemory-unset',
      severity: cacheLike ? 'warning' : 'info',
      message: `maxmemory is 0 (no limit) on ${s.node}: Redis grows until the operating system kills it or swaps, and the eviction policy (${s.policy ?? 'unknown'}) never applies. Set maxmemory below the machine's memory, leaving room for replication buffers and for the copy-on-write of a fork while saving.${cacheLike ? ' The keyspace looks like a cache, which is what a limit with eviction is for.' : ''}`,
      evidence: { node: s.node, maxmemory: 0, 'maxmemory-policy': s.policy, used_memory: s.usedMemory, cachePatterns: cachePatterns.slice(0, 5), keysWithTtlShare: round(ttlShare) },
    },
  ];
}

function evictionPolicy(s: ServerSettings, cachePatterns: string[], ttlShare: number, withTtl: number): Advice[] {
  if (!s.policy || !s.maxmemory) return [];
  if (s.policy === 'noeviction' && (cachePatterns.length > 0 || ttlShare >= CACHE_TTLS)) {
    return [
      {
        id: 'eviction-policy-mismatch',
        severity: 'warning',
        message: `maxmemory-policy is noeviction although the data looks like a cache (${cachePatterns.length > 0 ? cachePatterns.slice(0, 3).join(', ') : `${Math.round(ttlShare * 100)} % of the keys expire`}): once maxmemory is reached every write fails with OOM. Use allkeys-lru or allkeys-lfu when every key may be dropped, volatile-lru or volatile-lfu when only keys with a TTL may.`,
        evidence: { node: s.node, 'maxmemory-policy': s.policy, cachePatterns: cachePatterns.slice(0, 5), keysWithTtlShare: round(ttlShare) },
      },
    ];
  }
  if (s.policy.startsWith('volatile-') && ttlShare < FEW_TTLS) {
    return [
      {
        id: 'eviction-policy-mismatch',
        severity: 'warning',
        message: `maxmemory-policy is ${s.policy}, which evicts only keys with a TTL, but only ${withTtl.toLocaleString('en-US')} keys (${Math.round(ttlShare * 100)} %) have one: when memory is full there is almost nothing to evict and writes fail with OOM, as with noeviction. Set TTLs on the cache keys, or use an allkeys-* policy if every key may be dropped.`,
        evidence: { node: s.node, 'maxmemory-policy': s.policy, keysWithTtl: withTtl, keysWithTtlShare: round(ttlShare) },
      },
    ];
  }
  return [];
}

function persistence(s: ServerSettings, ttlShare: number): Advice[] {
  const evictsAnything = s.policy?.startsWith('allkeys-') === true && !!s.maxmemory;
  const pureCache = evictsAnything || ttlShare >= CACHE_TTLS;
  const snapshots = s.save !== null && s.save.trim() !== '';
  if (!pureCache || (!snapshots && s.appendonly !== true)) return [];
  const what = [snapshots ? `RDB snapshots (save ${s.save})` : '', s.appendonly ? 'the append-only file (appendonly yes)' : ''].filter(Boolean).join(' and ');
  return [
    {
      id: 'persistence-on-cache',
      severity: 'info',
      message: `${s.node} persists a keyspace that looks like a pure cache (${evictsAnything ? `maxmemory-policy ${s.policy}` : `${Math.round(ttlShare * 100)} % of the keys expire`}) with ${what}: each save forks (copy-on-write can need up to twice the memory) and writes to disk. If the data is rebuilt from its source anyway, turn persistence off (save "" and appendonly no); keep it if warm restarts matter.`,
      evidence: { node: s.node, save: s.save, appendonly: s.appendonly, 'maxmemory-policy': s.policy, keysWithTtlShare: round(ttlShare) },
    },
  ];
}

function lazyfree(s: ServerSettings, bigKeys: { key: string; memoryBytes: number; ttlMs: number | null }[]): Advice[] {
  if (!s.lazyfree || bigKeys.length === 0) return [];
  const off = ['lazyfree-lazy-user-del', ...(bigKeys.some((k) => k.ttlMs !== null) ? ['lazyfree-lazy-expire'] : []), ...(s.maxmemory ? ['lazyfree-lazy-eviction'] : [])].filter((name) => s.lazyfree?.[name] === false);
  if (off.length === 0) return [];
  return [
    {
      id: 'lazyfree-off',
      severity: 'info',
      message: `${bigKeys.length} key(s) of ${formatBytes(bigKeys[0].memoryBytes)} or more (the biggest is ${bigKeys[0].key}) are freed in the main thread when deleted, expired or evicted, since ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} off: freeing a big collection blocks every client. Delete them with UNLINK, or set ${off.map((name) => `${name} yes`).join(', ')}.`,
      evidence: { node: s.node, off, bigKeys: bigKeys.slice(0, 5).map((k) => ({ key: k.key, memoryBytes: k.memoryBytes })) },
    },
  ];
}

const round = (share: number): number => Math.round(share * 1000) / 1000;
