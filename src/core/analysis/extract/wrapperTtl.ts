/**
 * The TTL policy a key command inside a wrapper function gives its key, read from the described
 * arguments (the wrapper's calls are descriptions, not extracted calls): SET's option in any
 * client's form, SETEX/PSETEX, an EXPIRE-family command, a later EXPIRE of the same key in the
 * wrapper, none, or unknown when the options come from elsewhere.
 */
import type { ValueDesc } from '../clients/descriptors';
import { EXPIRE_COMMANDS } from './commands';
import type { KeyCommand } from './keyCommands';
import type { TtlPolicy } from './keyTemplateTypes';

const OPTION_POLICIES: Record<string, TtlPolicy> = { ex: 'EX', px: 'PX', exat: 'EXAT', pxat: 'PXAT', keepttl: 'KEEPTTL' };
const FIXED_POLICIES: Record<string, TtlPolicy> = { setex: 'EX', psetex: 'PX', persist: 'none' };

/** `expiredLater`: the EXPIRE-family command the wrapper sends on the same key after this one, if any. */
export function wrapperTtl(command: string, meta: KeyCommand, options: readonly ValueDesc[], expiredLater: string | undefined): TtlPolicy | null {
  if (meta.access !== 'write') return null;
  if (EXPIRE_COMMANDS.has(command)) return command.toUpperCase() as TtlPolicy;
  const fixed = FIXED_POLICIES[command];
  if (fixed) return fixed;
  if (!meta.creates) return null;
  const option = command === 'set' ? setOption(options) : undefined;
  if (option) return option;
  return expiredLater ? (expiredLater.toUpperCase() as TtlPolicy) : 'none';
}

function setOption(options: readonly ValueDesc[]): TtlPolicy | undefined {
  for (const option of options) {
    if (option.v === 'string') {
      const policy = OPTION_POLICIES[option.value.toLowerCase()];
      if (policy) return policy;
    } else if (option.v === 'object') {
      if (!option.props) return 'unknown';
      for (const prop of option.props) {
        const name = prop.key.toLowerCase();
        if (OPTION_POLICIES[name]) return OPTION_POLICIES[name];
        if (name !== 'expiration') continue;
        const value = prop.value;
        if (value.v === 'string') return OPTION_POLICIES[value.value.toLowerCase()] ?? 'unknown';
        const type = value.v === 'object' ? value.props?.find((p) => p.key === 'type')?.value : undefined;
        return type?.v === 'string' ? (OPTION_POLICIES[type.value.toLowerCase()] ?? 'unknown') : 'unknown';
      }
    } else if (option.v !== 'literal' && option.v !== 'keyword') {
      // A variable or a call: what it holds is only known at run time (a TTL parameter passed as `'EX', ttl` is a literal token first).
      return 'unknown';
    }
  }
  return undefined;
}
