import { expandTilde, type ConfigLine } from './sshConfigParser';

/**
 * What OpenSSH would use to reach a `Host` alias, from the directives of a client configuration
 * (see sshConfigParser.ts): `Host` patterns with `*`, `?` and `!`, the first value of each
 * keyword wins, `IdentityFile` accumulates, `%` tokens expanded. `Match` blocks are reported as
 * unsupported and skipped.
 */

export interface SshJump {
  host: string;
  user?: string;
  port?: number;
}

export interface ResolvedSshHost {
  /** The name asked for (a `Host` alias or a plain host name). */
  alias: string;
  /** Where to connect: `HostName`, or the alias. */
  hostName: string;
  user: string;
  port: number;
  /** Private key files to try, in order, already expanded. */
  identityFiles: string[];
  /** True when the configuration names no IdentityFile: OpenSSH's default key files are meant. */
  defaultIdentityFiles: boolean;
  /** Hops to go through first, nearest first; empty without `ProxyJump` (or with `ProxyJump none`). */
  proxyJump: SshJump[];
  /** Seconds between keepalive probes; 0 turns them off. */
  serverAliveIntervalSeconds: number;
  serverAliveCountMax: number;
  /** Known-hosts files named by `UserKnownHostsFile`, expanded; empty for the default. */
  userKnownHostsFiles: string[];
  /** Parts of the configuration that were not applied, one sentence each. */
  warnings: string[];
}

export interface ResolveOptions {
  homeDir: string;
  /** The local user name: the default `User`, and `%u`. */
  localUser: string;
  /** Given by the connection itself (`user@host:port`): these beat the configuration, as on the ssh command line. */
  user?: string;
  port?: number;
}

/** One glob of a Host line: `*` any run of characters, `?` one character, case-insensitive. */
export function matchesPattern(name: string, pattern: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/** A Host line's pattern list: some positive pattern matches and no `!` pattern does. */
export function matchesHostLine(name: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesPattern(name, pattern.slice(1))) return false;
    } else if (matchesPattern(name, pattern)) matched = true;
  }
  return matched;
}

/** Keywords whose every occurrence counts, instead of the first. */
const ACCUMULATING = new Set(['identityfile']);

function collect(alias: string, lines: readonly ConfigLine[]): { first: Map<string, ConfigLine>; all: Map<string, ConfigLine[]>; warnings: string[] } {
  const first = new Map<string, ConfigLine>();
  const all = new Map<string, ConfigLine[]>();
  const warnings: string[] = [];
  let active = true; // lines before the first Host apply to every host
  for (const line of lines) {
    if (line.keyword === 'host') {
      active = matchesHostLine(alias, line.args);
      continue;
    }
    if (line.keyword === 'match') {
      active = false;
      warnings.push(`Match blocks are not supported: the one at line ${line.line} of ${line.file} was skipped.`);
      continue;
    }
    if (!active) continue;
    if (ACCUMULATING.has(line.keyword)) all.set(line.keyword, [...(all.get(line.keyword) ?? []), line]);
    else if (!first.has(line.keyword)) first.set(line.keyword, line);
  }
  return { first, all, warnings };
}

/** Expands `%h %p %r %u %d %n %%` as OpenSSH does; any other token is an error. */
export function expandTokens(value: string, tokens: Record<string, string>, where: string): string {
  return value.replace(/%(.)/g, (_whole, letter: string) => {
    if (letter === '%') return '%';
    const replacement = tokens[letter];
    if (replacement === undefined) throw new Error(`${where} uses the token %${letter}, which is not supported here.`);
    return replacement;
  });
}

const where = (line: ConfigLine): string => `${line.keyword} at line ${line.line} of ${line.file}`;

function portNumber(text: string, line: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new Error(`${line} has the port "${text}", which is not a number from 1 to 65535.`);
  return port;
}

/** `ProxyJump` values: `none`, or a comma-separated list of `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
export function parseProxyJump(value: string, place = 'ProxyJump'): SshJump[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return value.split(',').map((raw) => {
    let text = raw.trim();
    if (!text) throw new Error(`${place} has an empty hop in "${value}".`);
    if (text.startsWith('ssh://')) text = text.slice('ssh://'.length).replace(/\/$/, '');
    const at = text.lastIndexOf('@');
    const user = at >= 0 ? text.slice(0, at) : undefined;
    const hostPort = at >= 0 ? text.slice(at + 1) : text;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
    const plain = /^([^:]+)(?::([^:]*))?$/.exec(hostPort);
    const host = bracketed?.[1] ?? plain?.[1];
    const portText = bracketed ? bracketed[2] : plain?.[2];
    if (!host || (user !== undefined && !user)) throw new Error(`${place} has the hop "${raw.trim()}", which is not [user@]host[:port].`);
    return { host, ...(user ? { user } : {}), ...(portText !== undefined ? { port: portNumber(portText, place) } : {}) };
  });
}

export function resolveSshHost(alias: string, lines: readonly ConfigLine[], options: ResolveOptions): ResolvedSshHost {
  const { first, all, warnings } = collect(alias, lines);
  const value = (keyword: string): string | undefined => first.get(keyword)?.args.join(' ');
  const hostNameLine = first.get('hostname');
  const hostName = hostNameLine ? expandTokens(hostNameLine.args.join(' '), { h: alias }, where(hostNameLine)) : alias;
  const portLine = first.get('port');
  const port = options.port ?? (portLine ? portNumber(portLine.args[0] ?? '', where(portLine)) : 22);
  const user = options.user ?? value('user') ?? options.localUser;
  const tokens = { h: hostName, p: String(port), r: user, u: options.localUser, d: options.homeDir, n: alias };
  const identityLines = all.get('identityfile') ?? [];
  const identityFiles = identityLines
    .flatMap((line) => line.args.map((arg) => ({ arg, line })))
    .filter(({ arg }) => arg.toLowerCase() !== 'none')
    .map(({ arg, line }) => expandTilde(expandTokens(arg, tokens, where(line)), options.homeDir));
  const jumpLine = first.get('proxyjump');
  const aliveLine = first.get('serveraliveinterval');
  const countLine = first.get('serveralivecountmax');
  return {
    alias,
    hostName,
    user,
    port,
    identityFiles,
    defaultIdentityFiles: identityLines.length === 0,
    proxyJump: jumpLine ? parseProxyJump(jumpLine.args.join(' '), where(jumpLine)) : [],
    serverAliveIntervalSeconds: aliveLine ? nonNegative(aliveLine) : 0,
    serverAliveCountMax: countLine ? nonNegative(countLine) : 3,
    userKnownHostsFiles: (first.get('userknownhostsfile')?.args ?? []).map((f) => expandTilde(expandTokens(f, tokens, 'UserKnownHostsFile'), options.homeDir)),
    warnings,
  };
}

function nonNegative(line: ConfigLine): number {
  const text = line.args[0] ?? '';
  if (!/^\d+$/.test(text)) throw new Error(`${where(line)} has "${text}", which is not a whole number of seconds.`);
  return Number(text);
}

const MAX_HOPS = 10;

/**
 * Every host on the way to `alias`, nearest first, the target last. As `ssh -J a,b target` does:
 * the first hop is reached through its own ProxyJump, the later hops and the target through the
 * hops before them (their own ProxyJump does not apply).
 */
export function resolveSshChain(alias: string, lines: readonly ConfigLine[], options: ResolveOptions, depth = 0): ResolvedSshHost[] {
  if (depth > MAX_HOPS) throw new Error(`The ProxyJump chain to "${alias}" is longer than ${MAX_HOPS} hops (does it loop?).`);
  const target = resolveSshHost(alias, lines, options);
  if (target.proxyJump.length === 0) return [target];
  const [firstHop, ...laterHops] = target.proxyJump;
  const base = { homeDir: options.homeDir, localUser: options.localUser };
  const chain = resolveSshChain(firstHop.host, lines, { ...base, user: firstHop.user, port: firstHop.port }, depth + 1);
  for (const hop of laterHops) chain.push({ ...resolveSshHost(hop.host, lines, { ...base, user: hop.user, port: hop.port }), proxyJump: [] });
  if (chain.length > MAX_HOPS) throw new Error(`The ProxyJump chain to "${alias}" is longer than ${MAX_HOPS} hops (does it loop?).`);
  return [...chain, target];
}
