/**
 * The key sites of one file, from the calls the analyzer extracted (no second parse): each key
 * argument with a meaningful template, its command, read or write, the type the command implies,
 * and the TTL policy at the site — a SET option, a separate EXPIRE-family call on the same key
 * later in the same function or batch, none, or unknown when options are built at run time.
 */
import type { ArgFact, CallFact, WrapperSiteFact } from './facts';
import { keyCommand } from './keyCommands';
import type { KeySite, TtlPolicy } from './keyTemplateTypes';
import { EXPIRE_COMMANDS } from './commands';

const OPTION_POLICIES: Record<string, TtlPolicy> = { ex: 'EX', px: 'PX', exat: 'EXAT', pxat: 'PXAT', keepttl: 'KEEPTTL' };
const FIXED_POLICIES: Record<string, TtlPolicy> = { setex: 'EX', psetex: 'PX', persist: 'none' };

/** The key sites of the calls, and those wrapper calls make (see wrapperSites.ts), in line order. */
export function collectKeySites(calls: readonly CallFact[], wrapperSites: readonly WrapperSiteFact[] = []): KeySite[] {
  const expires = calls.filter((c) => EXPIRE_COMMANDS.has(c.command) && c.args.length > 0);
  const out: KeySite[] = [];
  for (const call of calls) {
    const meta = call.keys && keyCommand(call.command);
    if (!meta || !call.keys) continue;
    for (const [i, key] of call.keys.entries()) {
      if (key.template === null) continue;
      out.push({
        template: key.template,
        command: call.command.toUpperCase(),
        access: meta.access,
        type: meta.type,
        ttl: meta.access === 'write' ? ttlPolicy(call, meta.creates, i, expires) : null,
        confidence: call.client.confidence,
        line: call.report.start.line,
        column: call.report.start.column,
        offset: call.call.start.offset,
        endOffset: call.call.end.offset,
      });
    }
  }
  if (wrapperSites.length === 0) return out;
  for (const { site, report, call, named } of wrapperSites) {
    if (named) continue;
    out.push({ ...site, line: report.start.line, column: report.start.column, offset: call.start.offset, endOffset: call.end.offset });
  }
  // Stable: sites of one line keep the order of their calls.
  return out.sort((a, b) => a.line - b.line);
}

function ttlPolicy(call: CallFact, createsData: boolean, keyIndex: number, expires: readonly CallFact[]): TtlPolicy | null {
  if (EXPIRE_COMMANDS.has(call.command)) return call.command.toUpperCase() as TtlPolicy;
  const fixed = FIXED_POLICIES[call.command];
  if (fixed) return fixed;
  // DEL, RENAME, COPY, SPOP, HDEL, LINSERT: the data (and its TTL) already exists or goes away.
  if (!createsData) return null;
  if (call.command === 'set') {
    const option = setOption(call.args.slice(2));
    if (option) return option;
  }
  const key = call.keys?.[keyIndex];
  const later = expires.find((e) => e.order > call.order && sameScope(call, e) && sameKey(call, key, e));
  return later ? (later.command.toUpperCase() as TtlPolicy) : 'none';
}

/** SET's TTL option in any client's form: `'EX', 60` (ioredis), `{ EX: 60 }` (node-redis 4, upstash `{ ex }`), `{ expiration: { type: 'EX' } }` (node-redis 5). */
function setOption(options: readonly ArgFact[]): TtlPolicy | undefined {
  for (const arg of options) {
    if (arg.kind === 'string') {
      const policy = OPTION_POLICIES[arg.value.toLowerCase()];
      if (policy) return policy;
    } else if (arg.kind === 'object') {
      if (!arg.props) return 'unknown';
      for (const prop of arg.props) {
        const name = prop.key.toLowerCase();
        const value = prop.value;
        if (value.kind === 'keyword' && value.value !== 'true') continue;
        if (OPTION_POLICIES[name]) return OPTION_POLICIES[name];
        if (name !== 'expiration') continue;
        if (value.kind === 'string') return OPTION_POLICIES[value.value.toLowerCase()] ?? 'unknown';
        const type = value.kind === 'object' ? value.props?.find((p) => p.key === 'type')?.value : undefined;
        return type?.kind === 'string' ? (OPTION_POLICIES[type.value.toLowerCase()] ?? 'unknown') : 'unknown';
      }
    } else if (arg.kind === 'other' || arg.kind === 'spread') {
      // Options from a variable or a call: what they hold is only known at run time.
      return 'unknown';
    }
  }
  return undefined;
}

function sameScope(write: CallFact, later: CallFact): boolean {
  if (write.client.chainKey !== null && write.client.chainKey === later.client.chainKey) return true;
  if (!write.scope) return later.scopeKey === 'module';
  return later.call.start.offset >= write.scope.start.offset && later.call.end.offset <= write.scope.end.offset;
}

function sameKey(write: CallFact, key: { template: string | null; span: { start: { offset: number } } } | undefined, expire: CallFact): boolean {
  const expireKey = expire.keys?.[0];
  if (key?.template && expireKey?.template === key.template) return true;
  const text = (a: ArgFact | undefined): string | undefined => a?.text.replace(/\s+/g, '');
  const own = write.args.find((a) => a.span.start.offset === key?.span.start.offset);
  return own !== undefined && text(own) === text(expire.args[0]);
}
