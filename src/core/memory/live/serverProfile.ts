import type { Redis } from 'ioredis';
import { infoField, parseInfo, type InfoSections } from '../../redis/server/info';

/**
 * What a live analysis needs to know about one master before it reads keys: the server version
 * (CLIENT NO-TOUCH needs 7.2), INFO (memory, persistence) and the settings the report and the
 * configuration advisor read with CONFIG GET. CONFIG may be forbidden by the ACL (or renamed on
 * managed services): then `config` is null and the report says the advisor was skipped.
 * Everything here is a read, so it runs on read-only connections.
 */
export interface ServerProfile {
  /** `host:port` of the node. */
  node: string;
  /** `redis_version`, e.g. "7.0.15". */
  version: string;
  info: InfoSections;
  /** CONFIG GET results (name → value), null when CONFIG GET was refused. */
  config: Record<string, string> | null;
  /** Why CONFIG GET failed, in the server's words. */
  configError?: string;
  /** Keys in the selected database (DBSIZE). */
  dbsize: number;
}

/** One pattern per call: CONFIG GET takes several parameters only from Redis 7.0. */
const CONFIG_PATTERNS = ['maxmemory', 'maxmemory-policy', '*-max-listpack-*', '*-max-ziplist-*', 'set-max-intset-entries', 'save', 'appendonly', 'lazyfree-*', 'activedefrag'];

export async function readServerProfile(node: Redis, address: string): Promise<ServerProfile> {
  const pipeline = node.pipeline();
  pipeline.info();
  pipeline.dbsize();
  for (const pattern of CONFIG_PATTERNS) pipeline.call('CONFIG', 'GET', pattern);
  const replies = (await pipeline.exec()) ?? [];
  const [infoError, infoText] = replies[0] ?? [];
  if (infoError) throw infoError;
  const [dbsizeError, dbsize] = replies[1] ?? [];
  if (dbsizeError) throw dbsizeError;
  const info = parseInfo(String(infoText));
  let config: Record<string, string> | null = {};
  let configError: string | undefined;
  for (const [error, value] of replies.slice(2)) {
    if (error) {
      config = null;
      configError = error.message;
      break;
    }
    Object.assign(config, pairs(value));
  }
  return { node: address, version: infoField(info, 'redis_version') ?? '0.0.0', info, config, ...(configError ? { configError } : {}), dbsize: Number(dbsize) };
}

/** CONFIG GET answers a flat [name, value, …] array (RESP2) or a map (RESP3). */
function pairs(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) for (let i = 0; i + 1 < value.length; i += 2) out[String(value[i])] = String(value[i + 1]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
}

/** "7.2.4" ≥ "7.2"? Each part is read as its leading number ("2-rc1" → 2; unstable builds report 7.1.x). */
export function versionAtLeast(version: string, wanted: string): boolean {
  const a = version.split('.').map((part) => parseInt(part, 10) || 0);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < b.length; i++) {
    const x = a[i] ?? 0;
    if (x !== b[i]) return x > b[i];
  }
  return true;
}

/** Whether the eviction policy keeps LFU counters (OBJECT FREQ works, OBJECT IDLETIME does not). */
export function isLfuPolicy(policy: string | undefined): boolean {
  return policy !== undefined && policy.endsWith('-lfu');
}
