import type { ConnectionConfig, ConnectionSecrets } from '../redis/connection/connectionConfig';
import { ConnectionGoneError } from '../redis/connection/savedConnections';
import { knownHostsVerifier, remember, type UnknownHostKey, type UnknownHostKeyAnswer } from './hostKeyPolicy';
import { resolveSshRoute, type SshEnvironment } from './sshRoute';
import { SshTunnel } from './sshTunnel';
import { SshTunnelPool } from './sshTunnelPool';

export interface SshTunnelSetup {
  /** Read at each tunnel opening, so a changed config path applies to the next one. */
  environment(): SshEnvironment;
  /** Asked once per unknown host key; without it unknown keys are refused. */
  askUnknownHostKey?: (key: UnknownHostKey) => Promise<UnknownHostKeyAnswer>;
  /** Our own known hosts file: always consulted, and where keys are remembered when the user's file is not writable. */
  ownKnownHostsFile: string;
  /** Where a remembered key went, and configuration parts that were not applied. */
  log?(message: string): void;
  readyTimeoutMs?: number;
}

/** What the editor holds for SSH: the shared tunnels of saved connections, and how to build one for settings not saved yet. */
export interface ConnectionSshTunnels {
  pool: SshTunnelPool<SshTunnel>;
  setup: SshTunnelSetup;
}

export interface ConnectionTunnelsOptions extends SshTunnelSetup {
  /** The saved connection and its secrets (the SSH password and key passphrase among them). */
  lookup(connectionId: string): Promise<{ config: ConnectionConfig; secrets: ConnectionSecrets } | undefined>;
}

/** The one SSH tunnel per connection, opened from its saved `ssh` settings and shared by every feature. */
export function connectionTunnels(options: ConnectionTunnelsOptions): SshTunnelPool<SshTunnel> {
  return new SshTunnelPool(async (connectionId) => {
    const saved = await options.lookup(connectionId);
    if (!saved) throw new ConnectionGoneError();
    return sshTunnelFor(saved.config, saved.secrets, options);
  });
}

/**
 * A (not yet open) tunnel for a connection's `ssh` settings: the route through the user's OpenSSH
 * configuration, host keys checked against known_hosts and our own file. The pool uses it, and so
 * does testing a connection that is not saved yet.
 */
export function sshTunnelFor(config: ConnectionConfig, secrets: ConnectionSecrets, options: SshTunnelSetup): SshTunnel {
  if (!config.ssh) throw new Error(`The connection "${config.name}" has no SSH settings.`);
  const route = resolveSshRoute(config.ssh, secrets, options.environment());
  for (const warning of route.warnings) options.log?.(`"${config.name}" SSH configuration: ${warning}`);
  const ask = options.askUnknownHostKey;
  // A key trusted once stays trusted for this tunnel's reconnections: the user is asked once.
  const trustedOnce = new Set<string>();
  /** Remembers in the user's known_hosts, else (read-only home, a file in the way) in our own file. */
  const rememberKey = (key: UnknownHostKey, raw: Buffer): void => {
    let file = route.rememberKnownHostsFile;
    try {
      remember(file, key.host, key.port, raw);
    } catch (error) {
      options.log?.(`Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
      file = options.ownKnownHostsFile;
      remember(file, key.host, key.port, raw);
    }
    options.log?.(`Remembered the SSH host key ${key.fingerprint} of ${key.host}:${key.port} in ${file}.`);
  };
  return new SshTunnel({
    hops: route.hops,
    keepaliveIntervalMs: route.keepaliveIntervalMs,
    keepaliveCountMax: route.keepaliveCountMax,
    readyTimeoutMs: options.readyTimeoutMs ?? config.connectTimeoutMs,
    // A verifier per check, so that the key the user chose to remember is at hand to write.
    verifyHostKey: (host, port, raw) =>
      knownHostsVerifier({
        knownHostsFiles: [...route.knownHostsFiles, options.ownKnownHostsFile],
        ...(ask
          ? {
              askUnknown: async (key: UnknownHostKey): Promise<UnknownHostKeyAnswer> => {
                const id = `${key.host}:${key.port} ${key.fingerprint}`;
                if (trustedOnce.has(id)) return 'once';
                const answer = await ask(key);
                if (answer === 'reject') return answer;
                trustedOnce.add(id);
                if (answer === 'remember') rememberKey(key, raw);
                return 'once';
              },
            }
          : {}),
      })(host, port, raw),
  });
}
