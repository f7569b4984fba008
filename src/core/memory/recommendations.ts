import type { FindingGroup, KeyFindings } from './keyFindings';
import type { PatternStats } from './patternStats';
import type { CodeSite, EncodingThresholds, Recommendation } from './reportTypes';

/** Pattern names that usually hold data meant to expire (shared with the configuration advisor). */
export const CACHE_LIKE = /(?:^|[:/|#._-])(?:cache|cached|session|sessions|sess|tmp|temp|token|tokens|otp|nonce|csrf|lock|locks|ratelimit|rate|throttle)(?:$|[:/|#._-])/i;
/** Fields per hash when grouping small string keys (under the 128-entry listpack threshold). */
const FIELDS_PER_HASH = 100;
/** A listpack entry's overhead (encoding + back-length) and a small hash's fixed cost. */
const LISTPACK_ENTRY_OVERHEAD = 4;
const SMALL_HASH_OVERHEAD = 100;

export interface RecommendationLimits {
  bigKeyBytes: number;
  unboundedElements: number;
  smallStringPatternKeys: number;
  smallStringMaxBytes: number;
}

function examples(group: FindingGroup): { key: string; memoryBytes: number; elements: number | null }[] {
  return group.exampleKeys.map(({ key, memoryBytes, elements }) => ({ key, memoryBytes, elements }));
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

const TRIM_ADVICE = {
  list: 'cap them with LTRIM after each LPUSH/RPUSH',
  stream: 'cap them with XADD … MAXLEN ~ n (or MINID) or a periodic XTRIM',
  zset: 'cap them with ZREMRANGEBYRANK or ZREMRANGEBYSCORE after each ZADD',
} as const;

const THRESHOLD_SETTING = { hash: 'hash-max-listpack', zset: 'zset-max-listpack', set: 'set-max-listpack' } as const;

/** Recommendations that need no server configuration, each with its evidence. */
export function recommend(
  findings: KeyFindings,
  patterns: { pattern: string; stats: PatternStats }[],
  thresholds: EncodingThresholds,
  limits: RecommendationLimits,
  sitesOf: (pattern: string) => CodeSite[] = () => [],
): Recommendation[] {
  const out: Recommendation[] = [];
  const push = (r: Omit<Recommendation, 'sites'>, sites: CodeSite[] = []): void => void out.push({ ...r, sites });
  if (findings.big.keys > 0) {
    const biggest = findings.big.exampleKeys[0];
    push({
      id: 'big-key',
      severity: 'warning',
      message: `${findings.big.keys} big key(s) take ${formatBytes(findings.big.memoryBytes)}; the biggest is ${biggest.key} (${formatBytes(biggest.memoryBytes)}). Read them in parts (HSCAN/SSCAN/ZSCAN, LRANGE or GETRANGE ranges) and consider splitting them: deleting or migrating one blocks the server.`,
      evidence: { keys: findings.big.keys, memoryBytes: findings.big.memoryBytes, thresholdBytes: limits.bigKeyBytes, examples: examples(findings.big) },
    });
  }
  for (const type of ['list', 'stream', 'zset'] as const) {
    const group = findings.unbounded[type];
    if (group.keys === 0) continue;
    push({
      id: 'unbounded-collection',
      severity: 'warning',
      message: `${group.keys} ${type}(s) without TTL hold ${limits.unboundedElements.toLocaleString('en-US')}+ elements (up to ${group.maxElements.toLocaleString('en-US')}, ${formatBytes(group.memoryBytes)}) and look unbounded: ${TRIM_ADVICE[type]}.`,
      evidence: { type, keys: group.keys, memoryBytes: group.memoryBytes, maxElements: group.maxElements, examples: examples(group) },
    });
  }
  for (const { pattern, stats } of patterns) {
    const strings = stats.types.string ?? 0;
    if (pattern.includes('*') && strings === stats.keys && strings >= limits.smallStringPatternKeys && stats.memoryBytes / stats.keys <= limits.smallStringMaxBytes) {
      const asHashes = Math.round(stats.keyNameBytes + stats.stringValueBytes + stats.keys * LISTPACK_ENTRY_OVERHEAD + Math.ceil(stats.keys / FIELDS_PER_HASH) * SMALL_HASH_OVERHEAD);
      if (asHashes < stats.memoryBytes) {
        push({
          id: 'small-strings-as-hash',
          severity: 'info',
          message: `${pattern}: ${stats.keys.toLocaleString('en-US')} small string keys take ${formatBytes(stats.memoryBytes)}; stored as fields of hashes of about ${FIELDS_PER_HASH} (under ${thresholds.hashEntries} entries, so listpacks) they would take about ${formatBytes(asHashes)}. Per-key TTLs are lost that way.`,
          evidence: { pattern, keys: stats.keys, memoryBytes: Math.round(stats.memoryBytes), estimatedAsHashesBytes: asHashes, withTtl: Math.round(stats.withTtl) },
        }, sitesOf(pattern));
      }
    }
    const withoutTtl = stats.keys - Math.round(stats.withTtl);
    if (CACHE_LIKE.test(pattern) && withoutTtl > 0) {
      push({
        id: 'cache-without-ttl',
        severity: 'warning',
        message: `${pattern} looks like a cache or session pattern but ${withoutTtl.toLocaleString('en-US')} of its ${stats.keys.toLocaleString('en-US')} keys have no TTL (${formatBytes(stats.memoryBytes)}); set an expiry where they are written (SET … EX, or EXPIRE in the same MULTI).`,
        evidence: { pattern, keys: stats.keys, withoutTtl, memoryBytes: Math.round(stats.memoryBytes) },
      }, sitesOf(pattern));
    }
  }
  for (const type of ['hash', 'zset', 'set'] as const) {
    const group = findings.justOver[type];
    if (group.keys === 0) continue;
    push({
      id: 'just-over-listpack-threshold',
      severity: 'info',
      message: `${group.keys} ${type}(s) (${formatBytes(group.memoryBytes)}) are just over ${THRESHOLD_SETTING[type]}-entries/-value (${thresholds.source}) and use the big encoding; keeping them under the thresholds, or raising them slightly, would store them as compact listpacks.`,
      evidence: { type, keys: group.keys, memoryBytes: group.memoryBytes, maxElements: group.maxElements, thresholds, examples: examples(group) },
    });
  }
  return out;
}
