import os from 'node:os';
import path from 'node:path';
import type * as vscode from 'vscode';
import type { Settings } from '../config';
import { connectionTunnels, type ConnectionSshTunnels, type SshTunnelSetup } from '../core/ssh/connectionTunnels';
import type { SshEnvironment } from '../core/ssh/sshRoute';
import type { ConnectionStore } from './connectionStore';
import { askUnknownHostKey } from './sshHostKeyPrompt';

/** How this machine's OpenSSH client would run: home, user, agent, and the configured config file. */
export function sshEnvironment(settings: Settings): SshEnvironment {
  const home = os.homedir();
  const configured = settings.sshConfigPath;
  return {
    homeDir: home,
    localUser: os.userInfo().username,
    ...(configured ? { configFile: configured.startsWith('~/') ? path.join(home, configured.slice(2)) : configured } : {}),
    ...(process.env.SSH_AUTH_SOCK ? { agentSocket: process.env.SSH_AUTH_SOCK } : {}),
  };
}

/**
 * The extension's one pool of SSH tunnels (one per connection, shared by the views, the CLI
 * terminal and the dashboard). Host keys the user remembers go to known_hosts, or to our own
 * file in the extension's global storage when that is not writable.
 */
export function connectionTunnelsFor(store: ConnectionStore, settings: Settings, globalStorage: vscode.Uri, log: vscode.LogOutputChannel): ConnectionSshTunnels & { dispose(): void } {
  const setup: SshTunnelSetup = {
    environment: () => sshEnvironment(settings),
    askUnknownHostKey,
    ownKnownHostsFile: path.join(globalStorage.fsPath, 'known_hosts'),
    log: (message) => log.info(message),
    // ssh2's handshake deadline also runs while the user reads the host key question.
    readyTimeoutMs: 60_000,
  };
  const pool = connectionTunnels({
    ...setup,
    lookup: async (id) => {
      const config = store.get(id);
      return config && { config, secrets: await store.getSecrets(id) };
    },
  });
  return { pool, setup, dispose: () => pool.closeAll() };
}
