import type { EncodingThresholds } from '../reportTypes';
import { versionAtLeast } from './serverProfile';

/**
 * The encoding thresholds the server really uses, from CONFIG GET (`*-max-listpack-*` on 7.0+,
 * `*-max-ziplist-*` before; 7.0 still answers the old names as aliases), or the defaults of its
 * version when CONFIG is refused.
 */
export function thresholdsFromConfig(config: Record<string, string> | null, version: string): EncodingThresholds {
  const setListpack = versionAtLeast(version, '7.2');
  const read = (name: string, fallback: number): number => {
    const value = config?.[name] ?? config?.[name.replace('listpack', 'ziplist')];
    const n = Number(value);
    return value !== undefined && Number.isFinite(n) ? n : fallback;
  };
  return {
    source: config ? `CONFIG GET on Redis ${version}` : `defaults of Redis ${version} (CONFIG GET was refused)`,
    hashEntries: read('hash-max-listpack-entries', 128),
    hashValue: read('hash-max-listpack-value', 64),
    zsetEntries: read('zset-max-listpack-entries', 128),
    zsetValue: read('zset-max-listpack-value', 64),
    setIntsetEntries: read('set-max-intset-entries', 512),
    setListpackEntries: setListpack ? read('set-max-listpack-entries', 128) : null,
    setListpackValue: setListpack ? read('set-max-listpack-value', 64) : null,
  };
}
