import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { knownHostsVerifier, type KnownHostsPolicyOptions } from '../../../src/core/ssh/hostKeyPolicy';
import { SshTunnel, type SshHop, type SshTunnelOptions } from '../../../src/core/ssh/sshTunnel';
import type { SshdFixture } from '../../fixtures/ssh/sshd';

/** A known_hosts file in `dir` that vouches for the given servers' keys. */
export function knownHostsFor(dir: string, servers: SshdFixture[], name = 'known_hosts'): string {
  const file = path.join(dir, name);
  writeFileSync(file, servers.map((s) => `[${s.host}]:${s.port} ${s.hostKeyLine}`).join('\n') + '\n');
  return file;
}

/** Tunnels opened by a test, closed after it. */
export class Tunnels {
  private readonly open: SshTunnel[] = [];

  create(hops: SshHop[], policy: KnownHostsPolicyOptions, options: Partial<SshTunnelOptions> = {}): SshTunnel {
    const tunnel = new SshTunnel({ hops, verifyHostKey: knownHostsVerifier(policy), readyTimeoutMs: 5000, ...options });
    this.open.push(tunnel);
    return tunnel;
  }

  closeAll(): void {
    for (const tunnel of this.open.splice(0)) tunnel.close();
  }
}

export const hopTo = (server: SshdFixture, auth: Partial<SshHop>): SshHop => ({ host: server.host, port: server.port, username: server.user, ...auth });
