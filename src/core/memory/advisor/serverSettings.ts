import { infoField, infoNumber } from '../../redis/server/info';
import type { ServerProfile } from '../live/serverProfile';

/**
 * The settings the advisor judges, from CONFIG GET when allowed, else from what INFO also tells
 * (`maxmemory`, `maxmemory_policy`, `aof_enabled`); null where neither says.
 */
export interface ServerSettings {
  node: string;
  maxmemory: number | null;
  policy: string | null;
  /** The `save` points ("" when RDB snapshots are off). */
  save: string | null;
  appendonly: boolean | null;
  lazyfree: Record<string, boolean> | null;
  activedefrag: boolean | null;
  usedMemory: number;
  rssMemory: number;
  fragmentationRatio: number;
  /** CONFIG GET was refused: some checks were skipped. */
  configRefused: boolean;
}

export function serverSettings(profile: ServerProfile): ServerSettings {
  const { config, info } = profile;
  const maxmemoryText = config?.maxmemory ?? infoField(info, 'maxmemory');
  const aof = config?.appendonly ?? (infoField(info, 'aof_enabled') === undefined ? undefined : infoField(info, 'aof_enabled') === '1' ? 'yes' : 'no');
  const lazyfree = config ? Object.fromEntries(Object.entries(config).filter(([name]) => name.startsWith('lazyfree-')).map(([name, value]) => [name, value === 'yes'])) : null;
  return {
    node: profile.node,
    maxmemory: maxmemoryText === undefined ? null : Number(maxmemoryText),
    policy: config?.['maxmemory-policy'] ?? infoField(info, 'maxmemory_policy') ?? null,
    save: config?.save ?? null,
    appendonly: aof === undefined ? null : aof === 'yes',
    lazyfree,
    activedefrag: config?.activedefrag === undefined ? null : config.activedefrag === 'yes',
    usedMemory: infoNumber(info, 'used_memory'),
    rssMemory: infoNumber(info, 'used_memory_rss'),
    fragmentationRatio: infoNumber(info, 'mem_fragmentation_ratio', 1),
    configRefused: config === null,
  };
}
