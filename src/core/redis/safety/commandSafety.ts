import type { RedisClient } from '../connection/clientFactory';
import { argumentChange, CHANGES_SERVER_STATE, HARMLESS_READS } from './readOnlyRules';

/**
 * What a command does, as the connected server describes it in `COMMAND INFO` — never from a
 * list kept by hand, which would miss module commands (JSON.SET), renamed commands and new
 * versions. Per command: its flags (`write`, `readonly`, `admin`…), its ACL categories
 * (`@write`, `@dangerous`…) and, since Redis 7, key specs and subcommands (`config|set`).
 *
 * Read-only policy (no change to data or server state, nothing that affects other clients), in order:
 * - a command the server does not know → refused, since nothing proves it harmless;
 * - the explicit list of readOnlyRules.ts of what changes server state or reaches other clients
 *   although no flag says so (PUBLISH, SCRIPT LOAD, MEMORY PURGE…), or an argument that makes a
 *   read a change (ACL LOG RESET) → refused;
 * - its explicit list of harmless reads the server flags `admin` (CONFIG GET, CLIENT LIST, SLOWLOG
 *   GET, MEMORY USAGE, ACL WHOAMI…) → allowed;
 * - `write` flag, `@write` category or a key spec that modifies (RW/OW/RM, e.g. EVAL, which has
 *   no `write` flag because a script may or may not write) → refused;
 * - `admin` (CONFIG SET, SHUTDOWN, DEBUG, FAILOVER, ACL SETUSER…) → refused;
 * - anything else → allowed; `@dangerous` ones (KEYS, SORT_RO) marked so that a UI can warn.
 * docs/read-only-commands.md lists the outcome for every command of the test server.
 */

export interface CommandTraits {
  /** Lower-case name; subcommands as `container|sub`. */
  name: string;
  flags: string[];
  /** ACL categories with their `@`. */
  categories: string[];
  write: boolean;
  dangerous: boolean;
  admin: boolean;
  subcommands: Map<string, CommandTraits>;
}

export interface CommandVerdict {
  allowed: boolean;
  /** The command as checked, upper-case (`CONFIG SET`). */
  command: string;
  traits?: CommandTraits;
  /** Why it was refused, as a sentence for the user. */
  reason?: string;
  /** The rule that decided, in a few words (for the generated table of docs/read-only-commands.md). */
  basis: string;
  /** Set for allowed commands that are risky on a busy server (KEYS, INFO on huge servers…). */
  warning?: string;
}

const MODIFYING_KEY_SPEC_FLAGS = new Set(['RW', 'OW', 'RM']);

/** Parses one command entry of a `COMMAND INFO` reply (null for an unknown command). */
export function parseCommandInfoEntry(entry: unknown): CommandTraits | undefined {
  if (!Array.isArray(entry) || entry.length < 3) return undefined;
  const name = String(entry[0]).toLowerCase();
  const flags = strings(entry[2]);
  const categories = strings(entry[6]);
  const subcommands = new Map<string, CommandTraits>();
  for (const sub of Array.isArray(entry[9]) ? entry[9] : []) {
    const traits = parseCommandInfoEntry(sub);
    if (traits) subcommands.set(traits.name, traits);
  }
  const modifiesKeys = keySpecFlags(entry[8]).some((flag) => MODIFYING_KEY_SPEC_FLAGS.has(flag));
  return {
    name,
    flags,
    categories,
    // `may_replicate` is how Redis 6.2 marked EVAL, PUBLISH and friends, before key specs existed.
    write: flags.includes('write') || flags.includes('may_replicate') || categories.includes('@write') || modifiesKeys,
    dangerous: categories.includes('@dangerous'),
    admin: flags.includes('admin') || categories.includes('@admin'),
    subcommands,
  };
}

/**
 * Decides whether `command` (already resolved to its traits, undefined = unknown) may run.
 * `args` are the arguments after the (sub)command name, for rules that depend on them.
 */
export function judgeCommand(readOnly: boolean, command: string, traits: CommandTraits | undefined, args: readonly string[] = []): CommandVerdict {
  const shown = command.toUpperCase();
  const warning = traits?.dangerous ? `${shown} is marked @dangerous by the server: it can block or disrupt a busy server.` : undefined;
  const allow = (basis: string): CommandVerdict => ({ allowed: true, command: shown, traits, basis, ...(warning ? { warning } : {}) });
  const refuse = (basis: string, why: string): CommandVerdict => ({
    allowed: false,
    command: shown,
    traits,
    basis,
    reason: `${shown} ${why}, and this connection is read-only. Turn off "read-only" in the connection settings to run it.`,
  });
  if (!readOnly) return allow('writable connection');
  if (!traits) {
    return { allowed: false, command: shown, basis: 'unknown to the server', reason: `The server does not list ${shown} in COMMAND INFO, so it cannot be shown to be read-only; this connection is read-only.` };
  }
  const stateChange = CHANGES_SERVER_STATE.get(traits.name) ?? argumentChange(traits.name, args);
  if (stateChange) return refuse(`changes server state: ${stateChange} (explicit list)`, stateChange);
  const harmless = HARMLESS_READS.get(traits.name);
  if (harmless) return allow(`harmless read: ${harmless} (explicit list${flaggedAs(traits)})`);
  if (traits.write) return refuse(`writes: ${writeEvidence(traits)}`, traits.flags.includes('write') ? 'changes data' : 'may change data');
  if (traits.admin) return refuse('administrative (`admin` flag), not a known read', 'is an administrative command that can change the server');
  return allow(traits.dangerous ? 'no `write` or `admin` flag (@dangerous: can be slow)' : 'no `write` or `admin` flag');
}

/** Which flag, category or key spec makes a command a write, for the table. */
function writeEvidence(traits: CommandTraits): string {
  if (traits.flags.includes('write')) return '`write` flag';
  if (traits.categories.includes('@write')) return '`@write` category';
  if (traits.flags.includes('may_replicate')) return '`may_replicate` flag';
  return 'a key spec that modifies keys (RW/OW/RM)';
}

function flaggedAs(traits: CommandTraits): string {
  if (traits.admin) return '; the server flags it `admin`';
  if (traits.write) return `; the server marks it with ${writeEvidence(traits)}`;
  return '';
}

/** Sends `COMMAND INFO name…` and returns the raw reply (one entry per name, null when unknown). */
export type CommandInfoSource = (names: string[]) => Promise<unknown[]>;

/** Caches the server's command table entries as they are asked for; one instance per server. */
export class CommandSafety {
  private readonly cache = new Map<string, Promise<CommandTraits | undefined>>();

  constructor(private readonly source: CommandInfoSource) {}

  /** Traits of `command` (and of its `subcommand` when the server documents subcommands). */
  async traitsOf(command: string, subcommand?: string): Promise<CommandTraits | undefined> {
    const name = command.toLowerCase();
    let cached = this.cache.get(name);
    if (!cached) {
      cached = this.source([name]).then((reply) => parseCommandInfoEntry(reply[0]));
      // A failed lookup (connection lost) must not be remembered as "unknown command".
      cached.catch(() => this.cache.delete(name));
      this.cache.set(name, cached);
    }
    const traits = await cached;
    if (!traits || traits.subcommands.size === 0 || subcommand === undefined) return traits;
    // An unknown subcommand of a container (CONFIG FOO) is unknown, not the container's traits.
    return traits.subcommands.get(`${name}|${subcommand.toLowerCase()}`);
  }

  /** The verdict for a whole command line (`['CONFIG', 'SET', 'maxmemory', '1gb']`). */
  async check(readOnly: boolean, args: readonly (string | Buffer)[]): Promise<CommandVerdict> {
    if (args.length === 0) return { allowed: false, command: '', basis: 'empty', reason: 'No command given.' };
    const command = String(args[0]);
    const container = await this.traitsOf(command);
    const sub = container && container.subcommands.size > 0 && args.length > 1 ? String(args[1]) : undefined;
    const traits = sub === undefined ? container : await this.traitsOf(command, sub);
    const rest = args.slice(sub === undefined ? 1 : 2).map(String);
    return judgeCommand(readOnly, sub === undefined ? command : `${command} ${sub}`, traits, rest);
  }

  /** True when `commandName` (optionally a container's subcommand) may be sent on this connection. */
  async isWriteAllowed(readOnly: boolean, commandName: string, subcommand?: string): Promise<boolean> {
    return (await this.check(readOnly, subcommand === undefined ? [commandName] : [commandName, subcommand])).allowed;
  }
}

const perClient = new WeakMap<RedisClient, CommandSafety>();

/** The {@link CommandSafety} of a live client (cached for the client's lifetime). */
export function commandSafetyFor(client: RedisClient): CommandSafety {
  let safety = perClient.get(client);
  if (!safety) {
    safety = new CommandSafety(async (names) => (await client.call('COMMAND', 'INFO', ...names)) as unknown[]);
    perClient.set(client, safety);
  }
  return safety;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => String(v).toLowerCase()) : [];
}

/** The `flags` of every key spec (Redis 7 key specs are flat `[name, value, …]` lists). */
function keySpecFlags(specs: unknown): string[] {
  if (!Array.isArray(specs)) return [];
  const out: string[] = [];
  for (const spec of specs) {
    if (!Array.isArray(spec)) continue;
    for (let i = 0; i + 1 < spec.length; i += 2) {
      if (String(spec[i]).toLowerCase() === 'flags' && Array.isArray(spec[i + 1])) for (const flag of spec[i + 1]) out.push(String(flag).toUpperCase());
    }
  }
  return out;
}
