import type { ConnectionConfig, ConnectionSecrets } from '../../redis/connection/connectionConfig';
import type { SshSettings } from '../../ssh/sshRoute';
import {
  baseConfig,
  boolField,
  ConnectionImportError,
  entriesOf,
  entryLabel,
  intField,
  objectField,
  portField,
  presentSecrets,
  textField,
  type Entry,
  type ImportedConnection,
} from './importedConnection';

/**
 * RedisInsight's "Export" of database connections: a JSON list of the fields its `ExportDatabase`
 * model picks (redisinsight/api/src/modules/database/models/export-database.ts) — host, port,
 * name, db, username, password, connectionType (STANDALONE, CLUSTER, SENTINEL), sentinelMaster
 * {name, username, password}, tls, tlsServername, verifyServerCert, caCert and clientCert (PEM
 * text), ssh and sshOptions {host, port, username, password, privateKey (PEM text), passphrase}.
 */
export function parseRedisInsight(json: unknown): ImportedConnection[] {
  return entriesOf(json, 'A RedisInsight export').map((entry, index) => fromEntry(entry, entryLabel(index, entry)));
}

/** Fields only RedisInsight writes: enough to tell its export from another tool's JSON. */
export function looksLikeRedisInsight(entry: Entry): boolean {
  return ['connectionType', 'sentinelMaster', 'caCert', 'clientCert', 'nameFromProvider', 'provider', 'verifyServerCert', 'tlsServername', 'compressor'].some((key) => key in entry);
}

function fromEntry(entry: Entry, where: string): ImportedConnection {
  const host = textField(entry, 'host', where);
  if (!host) throw new ConnectionImportError(`${where} has no "host"`);
  const port = portField(entry, 'port', where);
  const username = textField(entry, 'username', where);
  const password = textField(entry, 'password', where);
  const notes: string[] = [];
  const config: Omit<ConnectionConfig, 'id'> = baseConfig({ name: textField(entry, 'name', where), host, port, db: intField(entry, 'db', where), username });
  let secrets: ConnectionSecrets = { password };
  const type = textField(entry, 'connectionType', where)?.toUpperCase();
  if (type === 'CLUSTER') config.kind = 'cluster';
  const master = objectField(entry, 'sentinelMaster', where);
  if (type === 'SENTINEL' || master) {
    const masterName = textField(master, 'name', `${where} sentinelMaster`);
    if (!masterName) throw new ConnectionImportError(`${where} is a Sentinel connection without "sentinelMaster.name" (the master group)`);
    // RedisInsight's host, user and password are the sentinel's; sentinelMaster's are the master's.
    Object.assign(config, { kind: 'sentinel', sentinels: [{ host: config.host, port: config.port }], masterName });
    delete config.username;
    if (username) config.sentinelUsername = username;
    const masterUser = textField(master, 'username', where);
    if (masterUser) config.username = masterUser;
    secrets = { password: textField(master, 'password', where), sentinelPassword: password };
  }
  if (boolField(entry, 'tls', where)) {
    const serverName = textField(entry, 'tlsServername', where);
    const verify = entry.verifyServerCert;
    config.tls = { ...(serverName ? { serverName } : {}), ...(verify === false ? { allowSelfSigned: true } : {}) };
    if (verify === false) notes.push('TLS certificates are not verified, as in RedisInsight.');
    if (objectField(entry, 'caCert', where)) notes.push('The CA certificate is inside the export: save it as a PEM file and choose it in Edit Connection.');
    if (objectField(entry, 'clientCert', where)) notes.push('The client certificate is inside the export: save it and its key as PEM files and choose them in Edit Connection.');
  }
  const ssh = boolField(entry, 'ssh', where) ? objectField(entry, 'sshOptions', where) : undefined;
  if (ssh) {
    const sshWhere = `${where} sshOptions`;
    const sshHost = textField(ssh, 'host', sshWhere);
    if (!sshHost) throw new ConnectionImportError(`${sshWhere} has no "host"`);
    const sshPassword = textField(ssh, 'password', sshWhere);
    const settings: SshSettings = { host: sshHost };
    const sshPort = portField(ssh, 'port', sshWhere);
    if (sshPort) settings.port = sshPort;
    const sshUser = textField(ssh, 'username', sshWhere);
    if (sshUser) settings.username = sshUser;
    if (textField(ssh, 'privateKey', sshWhere)) {
      notes.push('The SSH private key is inside the export: save it to a file and choose it in Edit Connection (until then, your ~/.ssh keys and the agent are tried).');
    } else if (sshPassword) settings.auth = 'password';
    config.ssh = settings;
    secrets = { ...secrets, sshPassword, sshPassphrase: textField(ssh, 'passphrase', sshWhere) };
  }
  return { config, secrets: presentSecrets(secrets), notes };
}
