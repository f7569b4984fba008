import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { matchesHostLine } from './sshConfig';

/**
 * OpenSSH `known_hosts` files (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): plain and hashed
 * (`|1|salt|hash`, HMAC-SHA1) host patterns, `[host]:port` for other ports than 22, and the
 * `@revoked` / `@cert-authority` markers.
 */

export interface KnownHostEntry {
  marker?: 'revoked' | 'cert-authority';
  /** Comma-separated patterns, or a hashed name. */
  hosts: { kind: 'patterns'; patterns: string[] } | { kind: 'hashed'; salt: Buffer; hash: Buffer };
  keyType: string;
  key: Buffer;
  file: string;
  line: number;
}

export type HostKeyVerdict =
  | { status: 'trusted' }
  /** Never seen; `otherKeyTypes` lists the types known for the host when the server offered another one. */
  | { status: 'unknown'; otherKeyTypes: string[] }
  | { status: 'changed'; knownFingerprint: string; file: string; line: number }
  | { status: 'revoked'; file: string; line: number };

/** The name known_hosts stores for a host and port: `host`, or `[host]:port` when the port is not 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** `SHA256:` and the unpadded base64 of the key's SHA-256, as `ssh` and `ssh-keygen -l` print it. */
export function fingerprintSha256(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of an SSH public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return length > 0 && 4 + length <= blob.length ? blob.subarray(4, 4 + length).toString('latin1') : 'unknown';
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0].startsWith('@')) {
      const name = fields.shift() as string;
      if (name !== '@revoked' && name !== '@cert-authority') return; // unknown markers: ignored, as OpenSSH does
      marker = name.slice(1) as KnownHostEntry['marker'];
    }
    const [hostField, keyType, keyText] = fields;
    if (!hostField || !keyType || !keyText) return;
    const key = Buffer.from(keyText, 'base64');
    if (key.length === 0) return;
    const hashed = /^\|1\|([^|]+)\|([^|]+)$/.exec(hostField);
    entries.push({
      ...(marker ? { marker } : {}),
      hosts: hashed ? { kind: 'hashed', salt: Buffer.from(hashed[1], 'base64'), hash: Buffer.from(hashed[2], 'base64') } : { kind: 'patterns', patterns: hostField.split(',') },
      keyType,
      key,
      file,
      line: index + 1,
    });
  });
  return entries;
}

export function entryNames(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.kind === 'patterns') return matchesHostLine(name, entry.hosts.patterns);
  const expected = createHmac('sha1', entry.hosts.salt).update(name).digest();
  return expected.length === entry.hosts.hash.length && timingSafeEqual(expected, entry.hosts.hash);
}

/**
 * What the known hosts say of the key a server presented: trusted when an entry for the host has
 * this key, changed when entries of the same key type hold another key, revoked when a matching
 * `@revoked` line holds it. Certificate authorities are skipped: servers here present plain keys.
 */
export function checkHostKey(entries: readonly KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = knownHostsName(host, port);
  const keyType = keyTypeOf(key);
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && entryNames(e, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { status: 'revoked', file: revoked.file, line: revoked.line };
  const plain = forHost.filter((e) => e.marker === undefined);
  if (plain.some((e) => e.key.equals(key))) return { status: 'trusted' };
  const sameType = plain.find((e) => e.keyType === keyType);
  if (sameType) return { status: 'changed', knownFingerprint: fingerprintSha256(sameType.key), file: sameType.file, line: sameType.line };
  return { status: 'unknown', otherKeyTypes: [...new Set(plain.map((e) => e.keyType))] };
}

/** A line to append to known_hosts for a host's key; hashed (as `HashKnownHosts yes` writes it) by default. */
export function knownHostsLine(host: string, port: number, key: Buffer, options: { hashed?: boolean; salt?: Buffer } = {}): string {
  const name = knownHostsName(host, port);
  const hostField =
    options.hashed === false
      ? name
      : (() => {
          const salt = options.salt ?? randomBytes(20);
          return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
        })();
  return `${hostField} ${keyTypeOf(key)} ${key.toString('base64')}`;
}
