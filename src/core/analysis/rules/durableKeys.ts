/**
 * Writes of records that live as long as what they describe (`user:42`, `accountKeyPrefix + id`, a
 * `processRecord(…)` value, any write of `class UpstashStore extends MastraStorage`) are usually kept
 * on purpose without a TTL: Redis as the store of record. Names of things meant to expire (sessions,
 * caches, tokens, locks) win over them, wherever they appear.
 */
import type { ArgFact, CallFact } from '../extract/facts';
import { writeWords } from '../extract/identifierWords';

const DURABLE = new Set([
  'user', 'users', 'account', 'accounts', 'email', 'emails', 'profile', 'profiles', 'settings', 'config', 'member', 'members',
  'customer', 'customers', 'storage', 'brain', 'table', 'tables', 'record', 'records', 'entity', 'entities',
  'snapshot', 'snapshots', 'persistence', 'persist', 'database', 'db', 'repository', 'repo', 'migration', 'migrations',
  'migrated', 'migrate', 'tenant', 'tenants', 'subdomain', 'subdomains', 'domain', 'domains', 'organization', 'organizations',
  'org', 'orgs', 'workspace', 'workspaces', 'team', 'teams',
  // A chat server's records: the rooms, channels and threads a conversation lives in.
  'thread', 'threads', 'conversation', 'conversations', 'channel', 'channels', 'room', 'rooms', 'chat', 'chats',
]);
const TRANSIENT = new Set([
  'session', 'sessions', 'sess', 'cache', 'cached', 'token', 'tokens', 'otp', 'code', 'codes', 'nonce', 'lock', 'locks', 'mutex',
  'tmp', 'temp', 'rate', 'ratelimit', 'limit', 'limiter', 'throttle', 'verify', 'verification', 'reset', 'confirm', 'confirmation',
  'challenge', 'pending', 'idempotency', 'seen', 'dedupe', 'health', 'heartbeat', 'presence', 'online', 'ttl', 'expiring',
]);

/**
 * The write of `key` names a durable record and nothing transient: in the key (its literal parts and
 * the names it is built from), the value written, or the class and function it is written from.
 */
export function writesDurableRecord(call: CallFact, key: ArgFact | undefined): boolean {
  const value = call.command === 'mset' ? undefined : call.args[1];
  const found = writeWords(call, key, value);
  return found.some((w) => DURABLE.has(w)) && !found.some((w) => TRANSIENT.has(w));
}
