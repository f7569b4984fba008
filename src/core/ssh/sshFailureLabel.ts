import type { SshTunnelError } from './sshErrors';

/**
 * A few words for a tunnel failure, short enough for a tree item's description ("SSH: host key
 * changed"); the whole sentence of the error goes in the tooltip.
 */
export function sshFailureLabel(error: Pick<SshTunnelError, 'failure' | 'message'>): string {
  switch (error.failure) {
    case 'host-key':
      if (/has changed/.test(error.message)) return 'host key changed';
      if (/revoked/.test(error.message)) return 'host key revoked';
      if (/not accepted/.test(error.message)) return 'host key not accepted';
      return 'host key not verified';
    case 'unknown-host':
      return 'unknown host';
    case 'refused':
      return 'connection refused';
    case 'timeout':
      return 'timed out';
    case 'authentication':
      if (/needs its password/.test(error.message)) return 'password needed';
      if (/agent/.test(error.message)) return 'no SSH agent';
      return 'login refused';
    case 'passphrase-needed':
      return 'passphrase needed';
    case 'passphrase-wrong':
      return 'wrong passphrase';
    case 'bad-key':
      return 'private key unreadable';
    case 'jump-unreachable':
      return 'jump host unreachable';
    case 'target-unreachable':
      return 'Redis unreachable from the SSH server';
    case 'closed':
      return /dropped/.test(error.message) ? 'tunnel dropped' : 'tunnel closed';
  }
}
