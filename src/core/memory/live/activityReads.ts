import { infoField } from '../../redis/server/info';
import type { ServerProfile } from './serverProfile';
import { isLfuPolicy, versionAtLeast } from './serverProfile';

/**
 * How the details pipeline reads a key's activity without disturbing it, decided from what the
 * masters said before the scan: `OBJECT FREQ` under an LFU eviction policy (the server refuses
 * it otherwise, and refuses `OBJECT IDLETIME` under LFU), and `CLIENT NO-TOUCH ON` around the
 * element counts only when every master's INFO `redis_version` is 7.2 or later (the command does
 * not exist before; on Redis 7.0 it would fail the pipeline's first reply and the counts would
 * still touch the keys). The policy comes from CONFIG GET, or from INFO's `maxmemory_policy` when
 * the ACL forbids CONFIG.
 */
export interface ActivityReads {
  activity: 'freq' | 'idle';
  noTouch: boolean;
}

export function activityReadsFor(profiles: readonly Pick<ServerProfile, 'version' | 'config' | 'info'>[]): ActivityReads {
  const first = profiles[0];
  const policy = first?.config?.['maxmemory-policy'] ?? (first ? infoField(first.info, 'maxmemory_policy') : undefined);
  return {
    activity: isLfuPolicy(policy) ? 'freq' : 'idle',
    noTouch: profiles.length > 0 && profiles.every((p) => versionAtLeast(p.version, '7.2')),
  };
}
