/**
 * non-atomic-expire through the project's own key wrappers: `await incrementHashField(key, ip)` then
 * `await setExpiration(key, ttl)`, helpers that each send one command (HINCRBY, then EXPIRE) on the key
 * they are given. Paired like direct calls: in the same function, the latest earlier write of the same key.
 */
import { EXPIRE_COMMANDS, WRITE_COMMANDS } from '../extract/commands';
import type { WrapperSiteFact } from '../extract/facts';

const LOOKBACK = 64;

export interface WrapperPair {
  write: WrapperSiteFact;
  expire: WrapperSiteFact;
}

export function wrapperExpirePairs(sites: readonly WrapperSiteFact[]): WrapperPair[] {
  const byScope = new Map<string, WrapperSiteFact[]>();
  for (const site of sites) {
    const list = byScope.get(site.scopeKey);
    if (list) list.push(site);
    else byScope.set(site.scopeKey, [site]);
  }
  const pairs: WrapperPair[] = [];
  for (const list of byScope.values()) {
    list.sort((a, b) => a.call.start.offset - b.call.start.offset);
    list.forEach((expire, i) => {
      if (!EXPIRE_COMMANDS.has(expire.site.command.toLowerCase())) return;
      // A bound on the look-back keeps a function of thousands of helper calls linear.
      for (let j = i - 1; j >= 0 && j >= i - LOOKBACK; j--) {
        const write = list[j];
        // A wrapper that writes and expires in its own body is judged there, on its direct calls.
        if (write.call.start.offset === expire.call.start.offset || write.site.template !== expire.site.template) continue;
        const command = write.site.command.toLowerCase();
        if (EXPIRE_COMMANDS.has(command)) return;
        if (!WRITE_COMMANDS.has(command)) continue;
        // The latest write set a TTL itself (or how it sets one is unknown): nothing to pair.
        if (write.site.ttl === null || write.site.ttl === 'none') pairs.push({ write, expire });
        return;
      }
    });
  }
  return pairs;
}
