import { parseDocument } from 'yaml';
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
 * Tiny RDM's `connections.yaml` (backend/storage/connections.go marshals `types.Connections` with
 * gopkg.in/yaml.v3; the keys are the `yaml:` tags of backend/types/connection.go): a list of
 * connections and of groups (`type: group`, `name`, `connections: [...]`). A connection has name,
 * last_db, network (tcp or unix) and sock, addr, port, username, password, key_separator,
 * conn_timeout (seconds), ssl {enable, keyfile, certfile, cafile, allow_insecure, sni}, ssh
 * {enable, addr, port, login_type (pwd or pkfile), username, password, pk_file, passphrase},
 * sentinel {enable, master, username, password} and cluster {enable}.
 */
export function parseTinyRdm(text: string): ImportedConnection[] {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0].line;
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ConnectionImportError(`${line ? `line ${line}: ` : ''}${message} (not valid YAML)`);
  }
  const entries = entriesOf(document.toJS() ?? [], 'A Tiny RDM connections.yaml');
  const imported: ImportedConnection[] = [];
  const visit = (list: Entry[], group: string | undefined): void => {
    list.forEach((entry, index) => {
      const where = `${group ? `group ${JSON.stringify(group)} ` : ''}${entryLabel(index, entry)}`;
      if (entry.type === 'group') {
        const name = textField(entry, 'name', where);
        visit(entriesOf(entry.connections ?? [], `${where}: "connections"`), name ?? `#${index + 1}`);
      } else imported.push(fromEntry(entry, where, group));
    });
  };
  visit(entries, undefined);
  return imported;
}

/** A YAML list whose items carry Tiny RDM's keys. */
export function looksLikeTinyRdm(entry: Entry): boolean {
  return entry.type === 'group' || ['addr', 'last_db', 'key_separator', 'conn_timeout', 'exec_timeout', 'db_filter_type', 'mark_color'].some((key) => key in entry);
}

/** Go's yaml.v3 lower-cases untagged field names; older Tiny RDM wrote keyFile, newer keyfile. */
function eitherCase(entry: Entry | undefined, key: string, where: string): string | undefined {
  return textField(entry, key.toLowerCase(), where) ?? textField(entry, key, where);
}

function fromEntry(entry: Entry, where: string, group: string | undefined): ImportedConnection {
  const seconds = intField(entry, 'conn_timeout', where, 1);
  const separator = entry.key_separator;
  const config: Omit<ConnectionConfig, 'id'> = baseConfig({
    name: textField(entry, 'name', where),
    host: textField(entry, 'addr', where),
    port: portField(entry, 'port', where),
    db: intField(entry, 'last_db', where),
    username: textField(entry, 'username', where),
    ...(typeof separator === 'string' && separator ? { keyDelimiter: separator } : {}),
    ...(seconds ? { connectTimeoutMs: seconds * 1000 } : {}),
  });
  const notes: string[] = group ? [`In the Tiny RDM group "${group}".`] : [];
  const password = textField(entry, 'password', where);
  let secrets: ConnectionSecrets = { password };
  if (textField(entry, 'network', where) === 'unix') {
    const socket = textField(entry, 'sock', where);
    if (!socket) throw new ConnectionImportError(`${where} uses a Unix socket but has no "sock" path`);
    config.socket = socket;
  }
  const sentinel = objectField(entry, 'sentinel', where);
  const cluster = objectField(entry, 'cluster', where);
  if (boolField(sentinel, 'enable', where)) {
    const masterName = textField(sentinel, 'master', `${where} sentinel`);
    if (!masterName) throw new ConnectionImportError(`${where} is a Sentinel connection without "sentinel.master"`);
    const sentinelUsername = textField(sentinel, 'username', where);
    Object.assign(config, { kind: 'sentinel', sentinels: [{ host: config.host, port: config.port }], masterName, ...(sentinelUsername ? { sentinelUsername } : {}) });
    secrets.sentinelPassword = textField(sentinel, 'password', where);
  } else if (boolField(cluster, 'enable', where)) config.kind = 'cluster';
  const ssl = objectField(entry, 'ssl', where);
  if (boolField(ssl, 'enable', where)) {
    const sslWhere = `${where} ssl`;
    const [caFile, certFile, keyFile] = ['caFile', 'certFile', 'keyFile'].map((key) => eitherCase(ssl, key, sslWhere));
    const serverName = textField(ssl, 'sni', sslWhere);
    const insecure = boolField(ssl, 'allow_insecure', sslWhere);
    config.tls = { ...(caFile ? { caFile } : {}), ...(certFile ? { certFile } : {}), ...(keyFile ? { keyFile } : {}), ...(serverName ? { serverName } : {}), ...(insecure ? { allowSelfSigned: true } : {}) };
  }
  const ssh = objectField(entry, 'ssh', where);
  if (boolField(ssh, 'enable', where)) {
    const sshWhere = `${where} ssh`;
    const sshHost = textField(ssh, 'addr', sshWhere);
    if (!sshHost) throw new ConnectionImportError(`${sshWhere} is enabled but has no "addr"`);
    const settings: SshSettings = { host: sshHost };
    const sshPort = portField(ssh, 'port', sshWhere);
    if (sshPort) settings.port = sshPort;
    const sshUser = textField(ssh, 'username', sshWhere);
    if (sshUser) settings.username = sshUser;
    const keyFile = textField(ssh, 'pk_file', sshWhere);
    const loginType = textField(ssh, 'login_type', sshWhere);
    if (loginType === 'pkfile' || (!loginType && keyFile)) {
      if (!keyFile) throw new ConnectionImportError(`${sshWhere} logs in with a key file but has no "pk_file"`);
      Object.assign(settings, { auth: 'privateKey', privateKeyFile: keyFile });
    } else if (loginType === 'pwd') settings.auth = 'password';
    config.ssh = settings;
    secrets = { ...secrets, sshPassword: textField(ssh, 'password', sshWhere), sshPassphrase: textField(ssh, 'passphrase', sshWhere) };
  }
  if (intField(objectField(entry, 'proxy', where), 'type', where)) notes.push('Tiny RDM reached it through a proxy, which Redis Specialist does not use.');
  return { config, secrets: presentSecrets(secrets), notes };
}
