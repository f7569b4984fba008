import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkHostKey, fingerprintSha256, keyTypeOf, knownHostsLine, knownHostsName, parseKnownHosts, type KnownHostEntry } from './knownHosts';
import { SshTunnelError } from './sshErrors';

/** What the user is shown about a host key nobody has vouched for yet. */
export interface UnknownHostKey {
  host: string;
  port: number;
  keyType: string;
  /** As `ssh` prints it: `SHA256:…`. */
  fingerprint: string;
  /** Key types already known for the host (the server now offers another one). */
  otherKeyTypes: string[];
}

/** `once`: trust it for this connection; `remember`: also add it to known_hosts; `reject`: do not connect. */
export type UnknownHostKeyAnswer = 'once' | 'remember' | 'reject';

export interface KnownHostsPolicyOptions {
  /** Read in order; missing files count as empty. */
  knownHostsFiles: string[];
  /** Where `remember` appends (the first user file, ~/.ssh/known_hosts, by default). */
  rememberFile?: string;
  /** Asked for every unknown key; without it unknown keys are refused. */
  askUnknown?: (key: UnknownHostKey) => Promise<UnknownHostKeyAnswer>;
}

/** Checks a server's key against known_hosts; resolves when it may be used, rejects with one sentence otherwise. */
export type HostKeyVerifier = (host: string, port: number, key: Buffer) => Promise<void>;

function readEntries(files: readonly string[]): KnownHostEntry[] {
  return files.flatMap((file) => {
    try {
      return parseKnownHosts(readFileSync(file, 'utf8'), file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new SshTunnelError('host-key', `Cannot read the known hosts file ${file}: ${(error as Error).message}.`);
    }
  });
}

/** Host key verification as OpenSSH's `StrictHostKeyChecking ask`, against the user's known_hosts files. */
export function knownHostsVerifier(options: KnownHostsPolicyOptions): HostKeyVerifier {
  return async (host, port, key) => {
    const verdict = checkHostKey(readEntries(options.knownHostsFiles), host, port, key);
    const name = knownHostsName(host, port);
    const fingerprint = fingerprintSha256(key);
    switch (verdict.status) {
      case 'trusted':
        return;
      case 'revoked':
        throw new SshTunnelError('host-key', `The host key of ${name} (${fingerprint}) is revoked in ${verdict.file} line ${verdict.line}: refusing to connect.`);
      case 'changed':
        throw new SshTunnelError(
          'host-key',
          `The host key of ${name} has changed (now ${fingerprint}, ${verdict.file} line ${verdict.line} has ${verdict.knownFingerprint}): refusing to connect; if the change is expected, remove the old key with ssh-keygen -R "${name}".`,
        );
      case 'unknown': {
        const answer = options.askUnknown ? await options.askUnknown({ host, port, keyType: keyTypeOf(key), fingerprint, otherKeyTypes: verdict.otherKeyTypes }) : 'reject';
        if (answer === 'reject') throw new SshTunnelError('host-key', `The host key of ${name} (${fingerprint}) is not in known_hosts and was not accepted.`);
        if (answer === 'remember') remember(options.rememberFile ?? options.knownHostsFiles[0], host, port, key);
        return;
      }
    }
  };
}

/** Appends the key to `file` (made with its folder when missing); throws what the file system says. */
export function remember(file: string | undefined, host: string, port: number, key: Buffer): void {
  if (!file) throw new SshTunnelError('host-key', 'There is no known hosts file to remember the host key in.');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let existing = '';
  try {
    existing = readFileSync(file, 'utf8');
  } catch {
    // a new file
  }
  const separator = existing && !existing.endsWith('\n') ? '\n' : '';
  appendFileSync(file, `${separator}${knownHostsLine(host, port, key)}\n`, { mode: 0o600 });
}
