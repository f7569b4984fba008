import type { ConnectionConfig, ConnectionSecrets } from '../../redis/connection/connectionConfig';
import type { SshSettings } from '../../ssh/sshRoute';
import {
  baseConfig,
  boolField,
  ConnectionImportError,
  entriesOf,
  entryLabel,
  objectField,
  portField,
  presentSecrets,
  textField,
  type Entry,
  type ImportedConnection,
} from './importedConnection';

/**
 * Another Redis Desktop Manager's "Export" (`connections.ano`): the base64 of a JSON list of its
 * saved connections (src/components/Setting.vue, exportConnection), each as its connection dialog
 * writes it (src/components/NewConnectionDialog.vue): host, port, auth (the password), username,
 * name, separator, cluster, connectionReadOnly, sshOptions {host, port, username, password,
 * privatekey (a file path), passphrase, timeout}, sslOptions {key, cert, ca (file paths),
 * servername}, sentinelOptions {masterName, nodePassword}. With Sentinel, host, port and auth
 * are the sentinel's and nodePassword the Redis nodes'.
 */
export function parseAnotherRedisDesktopManager(json: unknown): ImportedConnection[] {
  return entriesOf(json, 'An Another Redis Desktop Manager export').map((entry, index) => fromEntry(entry, entryLabel(index, entry, ['name', 'connectionName'])));
}

/** Fields only Another Redis Desktop Manager writes. */
export function looksLikeAnotherRedisDesktopManager(entry: Entry): boolean {
  return ['auth', 'connectionName', 'separator', 'connectionReadOnly', 'sentinelOptions', 'sslOptions'].some((key) => key in entry) || (isObject(entry.sshOptions) && 'privatekey' in entry.sshOptions);
}

function isObject(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null;
}

function fromEntry(entry: Entry, where: string): ImportedConnection {
  const host = textField(entry, 'host', where);
  const port = portField(entry, 'port', where);
  const auth = textField(entry, 'auth', where);
  const username = textField(entry, 'username', where);
  // ARDM names an unnamed connection host@port; ours is host:port.
  const name = textField(entry, 'name', where) ?? textField(entry, 'connectionName', where);
  const separator = entry.separator;
  const config: Omit<ConnectionConfig, 'id'> = baseConfig({
    name,
    host,
    port,
    username,
    readOnly: boolField(entry, 'connectionReadOnly', where),
    ...(typeof separator === 'string' && separator ? { keyDelimiter: separator } : {}),
  });
  const notes: string[] = [];
  let secrets: ConnectionSecrets = { password: auth };
  const sentinel = objectField(entry, 'sentinelOptions', where);
  if (sentinel && boolField(entry, 'cluster', where)) throw new ConnectionImportError(`${where} is both Sentinel and Cluster`);
  if (boolField(entry, 'cluster', where)) config.kind = 'cluster';
  if (sentinel) {
    const masterName = textField(sentinel, 'masterName', `${where} sentinelOptions`);
    if (!masterName) throw new ConnectionImportError(`${where} is a Sentinel connection without "sentinelOptions.masterName"`);
    Object.assign(config, { kind: 'sentinel', sentinels: [{ host: config.host, port: config.port }], masterName });
    // The user name (ACL) applies to the nodes; the password typed first is the sentinel's.
    secrets = { password: textField(sentinel, 'nodePassword', where), sentinelPassword: auth };
  }
  const ssl = objectField(entry, 'sslOptions', where);
  if (ssl) {
    const sslWhere = `${where} sslOptions`;
    const [caFile, certFile, keyFile, serverName] = ['ca', 'cert', 'key', 'servername'].map((key) => textField(ssl, key, sslWhere));
    config.tls = { ...(caFile ? { caFile } : {}), ...(certFile ? { certFile } : {}), ...(keyFile ? { keyFile } : {}), ...(serverName ? { serverName } : {}) };
  }
  const ssh = objectField(entry, 'sshOptions', where);
  const sshHost = textField(ssh, 'host', `${where} sshOptions`);
  if (ssh && sshHost) {
    const sshWhere = `${where} sshOptions`;
    const settings: SshSettings = { host: sshHost };
    const sshPort = portField(ssh, 'port', sshWhere);
    if (sshPort) settings.port = sshPort;
    const sshUser = textField(ssh, 'username', sshWhere);
    if (sshUser) settings.username = sshUser;
    const keyFile = textField(ssh, 'privatekey', sshWhere);
    const sshPassword = textField(ssh, 'password', sshWhere);
    if (keyFile) Object.assign(settings, { auth: 'privateKey', privateKeyFile: keyFile });
    else if (sshPassword) settings.auth = 'password';
    config.ssh = settings;
    secrets = { ...secrets, sshPassword, sshPassphrase: textField(ssh, 'passphrase', sshWhere) };
  }
  return { config, secrets: presentSecrets(secrets), notes };
}
