/**
 * Keys named for records that live as long as what they describe (`user:42`, `accountKeyPrefix + id`,
 * `email:${address}`) are usually kept on purpose without a TTL: Redis as the store of record.
 * Names of things meant to expire (sessions, caches, tokens, locks) win over them.
 */
import type { ArgFact } from '../extract/facts';

const DURABLE = new Set(['user', 'users', 'account', 'accounts', 'email', 'emails', 'profile', 'profiles', 'settings', 'config', 'member', 'members', 'customer', 'customers', 'storage', 'brain']);
const TRANSIENT = new Set([
  'session', 'sessions', 'sess', 'cache', 'cached', 'token', 'tokens', 'otp', 'code', 'codes', 'nonce', 'lock', 'locks', 'mutex',
  'tmp', 'temp', 'rate', 'ratelimit', 'limit', 'limiter', 'throttle', 'verify', 'verification', 'reset', 'confirm', 'confirmation',
  'challenge', 'pending', 'idempotency', 'seen', 'dedupe', 'health', 'heartbeat', 'presence', 'online', 'ttl', 'expiring',
]);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The key's text (its literal parts and the names it is built from) names a durable record and nothing transient. */
export function namesDurableRecord(key: ArgFact): boolean {
  if (key.kind === 'spread' || key.kind === 'function') return false;
  const found = words(key.kind === 'string' ? key.value : key.text);
  return found.some((w) => DURABLE.has(w)) && !found.some((w) => TRANSIENT.has(w));
}
