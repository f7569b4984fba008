import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProxyJump, resolveSshChain, resolveSshHost, type ResolvedSshHost } from './sshConfig';
import { readConfigLines, type ConfigFileSystem, type ConfigLine } from './sshConfigParser';
import { nodeConfigFileSystem } from './sshConfigFiles';
import { SshTunnelError } from './sshErrors';
import type { SshHop } from './sshTunnel';

/** How a connection reaches its SSH server, as saved with it (secrets apart). */
export interface SshSettings {
  /** A `Host` alias of the user's OpenSSH configuration, or a host name. */
  host: string;
  /** Beat the configuration's `Port` and `User`, as `ssh -p`/`user@` do. */
  port?: number;
  username?: string;
  /** Password (a secret), a private key file (its passphrase a secret), or the agent; by default the configuration's keys, then the agent. */
  auth?: 'password' | 'privateKey' | 'agent';
  privateKeyFile?: string;
  /** Jump hosts (`[user@]host[:port],…`), beating the configuration's ProxyJump. */
  proxyJump?: string;
}

const AUTH_METHODS = ['password', 'privateKey', 'agent'];

/** What is wrong with SSH settings read from (possibly hand-edited) settings, in one sentence; undefined when nothing is. */
export function sshSettingsProblem(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return '"ssh" must be an object such as { "host": "bastion" }';
  const s = raw as Record<string, unknown>;
  if (typeof s.host !== 'string' || !s.host.trim()) return '"ssh.host" must name the SSH server or a Host alias of ~/.ssh/config';
  if (s.port !== undefined && (typeof s.port !== 'number' || !Number.isInteger(s.port) || s.port < 1 || s.port > 65535)) return `"ssh.port" ${JSON.stringify(s.port)} is not a port from 1 to 65535`;
  if (s.username !== undefined && (typeof s.username !== 'string' || !s.username)) return '"ssh.username" must be a non-empty string';
  if (s.auth !== undefined && !AUTH_METHODS.includes(s.auth as string)) return `"ssh.auth" must be one of ${AUTH_METHODS.join(', ')}, not ${JSON.stringify(s.auth)}`;
  if (s.privateKeyFile !== undefined && (typeof s.privateKeyFile !== 'string' || !s.privateKeyFile)) return '"ssh.privateKeyFile" must be a file path';
  if (s.proxyJump !== undefined) {
    if (typeof s.proxyJump !== 'string') return '"ssh.proxyJump" must be a string such as "user@bastion:22"';
    try {
      parseProxyJump(s.proxyJump, '"ssh.proxyJump"');
    } catch (error) {
      return (error as Error).message.replace(/\.$/, '');
    }
  }
  return undefined;
}

export interface SshSecrets {
  sshPassword?: string;
  sshPassphrase?: string;
}

export interface SshEnvironment {
  homeDir: string;
  localUser: string;
  /** The OpenSSH client configuration; ~/.ssh/config by default. */
  configFile?: string;
  /** `SSH_AUTH_SOCK`. */
  agentSocket?: string;
  fs?: ConfigFileSystem;
}

export interface SshRoute {
  /** Nearest first; the last hop reaches Redis. */
  hops: SshHop[];
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** Where host keys are looked up, as OpenSSH does: the `UserKnownHostsFile`s (~/.ssh/known_hosts and known_hosts2 by default), then the system file. */
  knownHostsFiles: string[];
  /** Where a key the user accepts is remembered: the first user file. */
  rememberKnownHostsFile: string;
  /** Parts of the configuration that were not applied. */
  warnings: string[];
  /** One line to show before connecting, such as `ops@bastion:22 → deploy@10.0.0.9:2222 (key ~/.ssh/id_ed25519)`. */
  summary: string;
}

/** OpenSSH's GlobalKnownHostsFile. */
const SYSTEM_KNOWN_HOSTS = '/etc/ssh/ssh_known_hosts';

/** OpenSSH tries these when the configuration names no IdentityFile. */
const DEFAULT_KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

function readKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new SshTunnelError('bad-key', `Cannot read the private key ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
}

/** The first key file that exists: the configured ones, else OpenSSH's defaults. */
function keyFileOf(host: ResolvedSshHost, env: SshEnvironment): string | undefined {
  const candidates = host.defaultIdentityFiles ? DEFAULT_KEY_FILES.map((name) => path.join(env.homeDir, '.ssh', name)) : host.identityFiles;
  return candidates.find((file) => existsSync(file));
}

function hopFor(host: ResolvedSshHost, auth: Partial<SshHop> & { keyFile?: string }): SshHop {
  const { keyFile, ...rest } = auth;
  return {
    host: host.hostName,
    port: host.port,
    username: host.user,
    ...(keyFile ? { privateKey: readKey(keyFile), privateKeyFile: keyFile } : {}),
    ...rest,
  };
}

/** Jump hosts given with the connection: the first through its own configuration, as `ssh -J` does. */
function explicitChain(settings: SshSettings, lines: ConfigLine[], options: { homeDir: string; localUser: string }): ResolvedSshHost[] {
  const [first, ...later] = parseProxyJump(settings.proxyJump ?? 'none', 'The connection\'s jump hosts');
  const target = { ...resolveSshHost(settings.host, lines, { ...options, user: settings.username, port: settings.port }), proxyJump: [] };
  if (!first) return [target];
  return [
    ...resolveSshChain(first.host, lines, { ...options, user: first.user, port: first.port }),
    ...later.map((hop) => ({ ...resolveSshHost(hop.host, lines, { ...options, user: hop.user, port: hop.port }), proxyJump: [] })),
    target,
  ];
}

/**
 * The hops of a connection's SSH route: the alias resolved through the user's OpenSSH
 * configuration (ProxyJump chains included), with the connection's own settings and secrets for
 * the last hop. Jump hosts log in with their configured keys or the agent, as `ssh -J` does.
 */
export function resolveSshRoute(settings: SshSettings, secrets: SshSecrets, env: SshEnvironment): SshRoute {
  const configFile = env.configFile ?? path.join(env.homeDir, '.ssh', 'config');
  const lines = readConfigLines(configFile, { fs: env.fs ?? nodeConfigFileSystem, homeDir: env.homeDir, includeBase: path.join(env.homeDir, '.ssh') });
  const overrides = { user: settings.username, port: settings.port };
  const resolveOptions = { homeDir: env.homeDir, localUser: env.localUser };
  const chain = settings.proxyJump === undefined ? resolveSshChain(settings.host, lines, { ...resolveOptions, ...overrides }) : explicitChain(settings, lines, resolveOptions);
  const target = chain[chain.length - 1];
  const agent = env.agentSocket ? { agent: env.agentSocket } : {};
  const jumps = chain.slice(0, -1).map((host) => hopFor(host, { keyFile: keyFileOf(host, env), ...agent }));
  let last: SshHop;
  let how: string;
  switch (settings.auth) {
    case 'password':
      if (secrets.sshPassword === undefined) throw new SshTunnelError('authentication', `The SSH login of ${target.user}@${target.hostName} needs its password.`);
      last = hopFor(target, { password: secrets.sshPassword });
      how = 'password';
      break;
    case 'agent':
      if (!env.agentSocket) throw new SshTunnelError('authentication', 'No SSH agent is running (SSH_AUTH_SOCK is not set).');
      last = hopFor(target, agent);
      how = 'agent';
      break;
    default: {
      const keyFile = settings.privateKeyFile ?? keyFileOf(target, env);
      if (settings.auth === 'privateKey' && !keyFile) throw new SshTunnelError('bad-key', 'No private key file is set for the SSH login.');
      last = hopFor(target, { keyFile, ...(secrets.sshPassphrase ? { passphrase: secrets.sshPassphrase } : {}), ...(settings.auth === 'privateKey' ? {} : agent) });
      how = keyFile ? `key ${keyFile}` : 'agent';
    }
  }
  const hops = [...jumps, last];
  const configured = [...new Set(chain.flatMap((h) => h.userKnownHostsFiles))];
  const userKnownHosts = configured.length ? configured : [path.join(env.homeDir, '.ssh', 'known_hosts'), path.join(env.homeDir, '.ssh', 'known_hosts2')];
  return {
    hops,
    keepaliveIntervalMs: target.serverAliveIntervalSeconds * 1000,
    keepaliveCountMax: target.serverAliveCountMax,
    knownHostsFiles: [...userKnownHosts, SYSTEM_KNOWN_HOSTS],
    rememberKnownHostsFile: userKnownHosts[0],
    warnings: [...new Set(chain.flatMap((h) => h.warnings))],
    summary: `${hops.map((h) => `${h.username}@${h.host}:${h.port}`).join(' → ')} (${how})`,
  };
}
