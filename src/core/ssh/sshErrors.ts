/**
 * One sentence for each way an SSH tunnel fails, naming the host the user configured. ssh2 and
 * Node report these as low-level codes and messages ("All configured authentication methods
 * failed", ECONNREFUSED); the user needs to know which hop and what to fix.
 */

export type SshFailure =
  | 'unknown-host'
  | 'refused'
  | 'timeout'
  | 'authentication'
  | 'passphrase-needed'
  | 'passphrase-wrong'
  | 'bad-key'
  | 'host-key'
  | 'jump-unreachable'
  | 'target-unreachable'
  | 'closed';

export class SshTunnelError extends Error {
  constructor(
    readonly failure: SshFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SshTunnelError';
  }
}

/** Where a failure happened: a jump host on the way, or the SSH server that reaches Redis. */
export interface HopDescription {
  host: string;
  port: number;
  username: string;
  /** True for every hop but the last. */
  isJump: boolean;
  /** The key file, for messages about its passphrase. */
  keyFile?: string;
}

const address = (hop: HopDescription): string => (hop.port === 22 ? hop.host : `${hop.host}:${hop.port}`);
const role = (hop: HopDescription): string => (hop.isJump ? 'jump host' : 'SSH server');

/** A key that could not be read, before any connection is attempted. */
export function translateKeyError(error: Error, hop: HopDescription): SshTunnelError {
  const key = hop.keyFile ? `The private key ${hop.keyFile}` : 'The private key';
  if (/no passphrase given/i.test(error.message)) return new SshTunnelError('passphrase-needed', `${key} is encrypted: enter its passphrase.`);
  if (/bad passphrase|decrypt/i.test(error.message)) return new SshTunnelError('passphrase-wrong', `${key} could not be decrypted: the passphrase is wrong.`);
  return new SshTunnelError('bad-key', `${key} could not be read (${error.message.replace(/^Cannot parse privateKey: /, '')}).`);
}

/** An error of ssh2's `Client` (or of its socket) while connecting to one hop. */
export function translateConnectError(error: Error & { code?: string; level?: string }, hop: HopDescription): SshTunnelError {
  if (error instanceof SshTunnelError) return error;
  const where = `${role(hop)} ${address(hop)}`;
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
    return new SshTunnelError('unknown-host', `The ${role(hop)} "${hop.host}" could not be found (no such host name).`);
  }
  if (error.code === 'ECONNREFUSED') {
    return new SshTunnelError(hop.isJump ? 'jump-unreachable' : 'refused', `The ${where} refused the connection (nothing listens on port ${hop.port}).`);
  }
  if (error.code === 'ETIMEDOUT' || error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH' || /timed out/i.test(error.message)) {
    return new SshTunnelError(hop.isJump ? 'jump-unreachable' : 'timeout', `The ${where} did not answer in time.`);
  }
  if (error.level === 'client-authentication') {
    return new SshTunnelError('authentication', `The ${where} did not accept user "${hop.username}": wrong password or key.`);
  }
  if (/no passphrase given|bad passphrase|Cannot parse privateKey/i.test(error.message)) return translateKeyError(error, hop);
  return new SshTunnelError('closed', `The connection to the ${where} failed: ${error.message}.`);
}

/** The reason in ssh2's channel-open errors ("(SSH) Channel open failure: Connection refused"). */
function channelReason(error: Error): string {
  return error.message.replace(/^\(SSH\) Channel open failure:\s*/i, '').replace(/\.$/, '') || 'no reason given';
}

/** A hop could open no channel to the next one. */
export function translateJumpError(error: Error, from: HopDescription, to: HopDescription): SshTunnelError {
  return new SshTunnelError('jump-unreachable', `The jump host ${address(from)} could not reach ${role(to)} ${address(to)} (${channelReason(error)}).`);
}

/** The last hop could open no channel to Redis. */
export function translateTargetError(error: Error, from: HopDescription, target: { host: string; port: number }): SshTunnelError {
  return new SshTunnelError('target-unreachable', `The SSH server ${address(from)} could not reach Redis at ${target.host}:${target.port} (${channelReason(error)}).`);
}
