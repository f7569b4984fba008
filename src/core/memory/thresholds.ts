import type { EncodingThresholds } from './reportTypes';

/**
 * The default encoding thresholds of the Redis version that wrote an RDB file (the file does not
 * record the server's configuration): 128 entries / 64 bytes for hashes and zsets, 512 integers
 * for intsets, and from 7.2 (RDB 11) 128 / 64 for set listpacks.
 */
export function defaultThresholds(rdbVersion: number, redisVersion?: string): EncodingThresholds {
  const setListpack = rdbVersion >= 11;
  return {
    source: `defaults of Redis ${redisVersion ?? rdbVersionLabel(rdbVersion)}`,
    hashEntries: 128,
    hashValue: 64,
    zsetEntries: 128,
    zsetValue: 64,
    setIntsetEntries: 512,
    setListpackEntries: setListpack ? 128 : null,
    setListpackValue: setListpack ? 64 : null,
  };
}

function rdbVersionLabel(rdbVersion: number): string {
  return rdbVersion >= 11 ? '7.2' : rdbVersion === 10 ? '7.0' : '5.0–6.2';
}
