import type { RedisClient } from './clientFactory';

/**
 * What a command does, as the connected server describes it in `COMMAND INFO` — never from a
 * list kept by hand, which would miss module commands (JSON.SET), renamed commands and new
 * versions. Per command: its flags (`write`, `readonly`, `admin`…), its ACL categories
 * (`@write`, `@dangerous`…) and, since Redis 7, key specs and subcommands (`config|set`).
 *
 * Read-only policy, and why:
 * - `write` flag, `@write` category or a key spec that modifies (RW/OW/RM, e.g. EVAL, which has
 *   no `write` flag because a script may or may not write) → refused;
 * - `@dangerous` + `admin` (CONFIG SET, SHUTDOWN, FLUSHALL via @write, DEBUG, FAILOVER, ACL SETUSER,
 *   CLIENT KILL…) → refused. The server does not tell CONFIG GET from CONFIG SET (same flags),
 *   so the read-only side of such admin commands is refused too: the safe direction;
 * - `@dangerous` without `admin` (INFO, KEYS, SORT_RO) → allowed, marked dangerous so a UI can warn;
 * - a command the server does not know → refused, since nothing proves it harmless.
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
  /** Why it was refused. */
  reason?: string;
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

/** Decides whether `command` (already resolved to its traits, undefined = unknown) may run. */
export function judgeCommand(readOnly: boolean, command: string, traits: CommandTraits | undefined): CommandVerdict {
  const shown = command.toUpperCase();
  const warning = traits?.dangerous ? `${shown} is marked @dangerous by the server: it can block or disrupt a busy server.` : undefined;
  if (!readOnly) return { allowed: true, command: shown, traits, ...(warning ? { warning } : {}) };
  if (!traits) {
    return { allowed: false, command: shown, reason: `The server does not list ${shown} in COMMAND INFO, so it cannot be shown to be read-only; this connection is read-only.` };
  }
  if (traits.write) {
    return { allowed: false, command: shown, traits, reason: `${shown} changes data and this connection is read-only. Turn off "read-only" in the connection settings to change data.` };
  }
  if (traits.dangerous && traits.admin) {
    return {
      allowed: false,
      command: shown,
      traits,
      reason: `${shown} is an administrative command the server marks @dangerous, and this connection is read-only. Turn off "read-only" in the connection settings to run it.`,
    };
  }
  return { allowed: true, command: shown, traits, ...(warning ? { warning } : {}) };
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
    if (args.length === 0) return { allowed: false, command: '', reason: 'No command given.' };
    const command = String(args[0]);
    const container = await this.traitsOf(command);
    const sub = container && container.subcommands.size > 0 && args.length > 1 ? String(args[1]) : undefined;
    const traits = sub === undefined ? container : await this.traitsOf(command, sub);
    return judgeCommand(readOnly, sub === undefined ? command : `${command} ${sub}`, traits);
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
