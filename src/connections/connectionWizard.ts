import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_DELIMITER,
  DEFAULT_PORT,
  defaultConnectionName,
  parseConnectionUrl,
  type ConnectionConfig,
  type ConnectionKind,
  type ConnectionSecrets,
  type HostPort,
} from '../core/redis/connectionConfig';
import { MultiStepInput } from './multiStepInput';

export interface WizardResult {
  config: Omit<ConnectionConfig, 'id'> & { id?: string };
  /** Only the secrets the user typed; empty fields keep what is saved. */
  secrets: ConnectionSecrets;
}

type Option = 'tls' | 'readOnly' | 'production';

/** Parses `host:port, host:port` (IPv6 as `[::1]:7000`). */
export function parseHostList(text: string): HostPort[] | string {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.length === 0) return 'Enter at least one host:port.';
  const result: HostPort[] = [];
  for (const part of parts) {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(part);
    const port = match?.[2] ? Number(match[2]) : DEFAULT_PORT;
    if (!match || port < 1 || port > 65535) return `"${part}" is not host:port.`;
    result.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return result;
}

const formatHosts = (hosts: HostPort[] | undefined): string => (hosts ?? []).map((h) => (h.host.includes(':') ? `[${h.host}]:${h.port}` : `${h.host}:${h.port}`)).join(', ');

/**
 * The native multi-step input behind Add and Edit Connection: topology, address, credentials,
 * database, TLS and the read-only / production options, with Back on every step.
 */
export async function runConnectionWizard(existing?: ConnectionConfig): Promise<WizardResult | undefined> {
  const title = existing ? `Edit Redis Connection: ${existing.name}` : 'Add Redis Connection';
  let kind: ConnectionKind | 'url' = existing?.kind ?? 'standalone';
  const config: Omit<ConnectionConfig, 'id'> & { id?: string } = existing
    ? { ...existing }
    : { name: '', kind: 'standalone', host: '127.0.0.1', port: DEFAULT_PORT, db: 0, connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS, keyDelimiter: DEFAULT_DELIMITER, readOnly: false };
  const secrets: ConnectionSecrets = {};
  let options: Option[] = [...(existing?.tls ? ['tls' as const] : []), ...(existing?.readOnly ? ['readOnly' as const] : []), ...(existing?.label ? ['production' as const] : [])];
  const keepHint = existing ? ' (leave empty to keep the saved one)' : ' (optional)';

  const ok = await MultiStepInput.run([
    async (input) => {
      [kind] = await input.showPick<ConnectionKind | 'url'>({
        title,
        placeholder: 'What kind of Redis deployment?',
        selected: [kind],
        items: [
          { label: '$(server) Standalone', description: 'one server, TCP or Unix socket', value: 'standalone' },
          { label: '$(broadcast) Sentinel', description: 'follows the master through failovers', value: 'sentinel' },
          { label: '$(type-hierarchy) Cluster', description: 'spans every master', value: 'cluster' },
          ...(existing ? [] : [{ label: '$(link) From a URL', description: 'redis://user:password@host:port/db', value: 'url' as const }]),
        ],
      });
    },
    async (input) => {
      if (kind === 'url') {
        const url = await input.showInput({ title, prompt: 'Redis URL', placeholder: 'redis://[user[:password]@]host[:port][/db] or rediss://…', validate: validateUrl });
        const parsed = parseConnectionUrl(url);
        Object.assign(config, parsed.config);
        Object.assign(secrets, parsed.secrets);
        if (parsed.config.tls && !options.includes('tls')) options.push('tls');
        return;
      }
      const what = kind === 'sentinel' ? 'Sentinel nodes' : kind === 'cluster' ? 'Cluster seed nodes' : 'Host and port, or a Unix socket path';
      const current = kind === 'sentinel' ? formatHosts(config.sentinels) : kind === 'cluster' ? formatHosts(config.clusterNodes) : config.socket ?? `${config.host}:${config.port}`;
      const answer = await input.showInput({
        title,
        prompt: what,
        value: current || '127.0.0.1:6379',
        placeholder: kind === 'standalone' ? 'localhost:6379 or /var/run/redis/redis.sock' : 'host1:26379, host2:26379',
        validate: (v) => (kind === 'standalone' && v.startsWith('/') ? undefined : typeof parseHostList(v) === 'string' ? (parseHostList(v) as string) : undefined),
      });
      config.kind = kind;
      if (kind === 'standalone' && answer.startsWith('/')) {
        config.socket = answer;
        return;
      }
      delete config.socket;
      const hosts = parseHostList(answer) as HostPort[];
      [config.host, config.port] = [hosts[0].host, hosts[0].port];
      if (kind === 'sentinel') config.sentinels = hosts;
      if (kind === 'cluster') config.clusterNodes = hosts;
    },
    async (input) => {
      if (kind !== 'sentinel') return 'skip';
      config.masterName = await input.showInput({ title, prompt: 'Master group name (as in `sentinel monitor <name> …`)', value: config.masterName ?? 'mymaster', validate: (v) => (v.trim() ? undefined : 'Enter the master name.') });
    },
    async (input) => {
      if (kind === 'url') return 'skip';
      const user = await input.showInput({ title, prompt: 'ACL user name (optional; empty for the default user)', value: config.username ?? '' });
      config.username = user || undefined;
    },
    async (input) => {
      if (kind === 'url') return 'skip';
      const password = await input.showInput({ title, prompt: `Password${keepHint}. Stored in VS Code's secret storage only.`, password: true });
      if (password) secrets.password = password;
    },
    async (input) => {
      if (kind !== 'sentinel') return 'skip';
      const password = await input.showInput({ title, prompt: `Password of the Sentinels themselves${keepHint}`, password: true });
      if (password) secrets.sentinelPassword = password;
    },
    async (input) => {
      if (kind === 'cluster' || kind === 'url') return 'skip';
      const db = await input.showInput({ title, prompt: 'Database index', value: String(config.db), validate: (v) => (/^\d+$/.test(v) ? undefined : 'A non-negative whole number.') });
      config.db = Number(db);
    },
    async (input) => {
      options = await input.showPick<Option>({
        title,
        placeholder: 'Options (space to toggle, Enter to continue)',
        canPickMany: true,
        selected: options,
        items: [
          { label: 'TLS', description: 'encrypt the connection (rediss://)', value: 'tls' },
          { label: 'Read-only', description: 'refuse every write from the extension', value: 'readOnly' },
          { label: 'Production', description: 'label and colour the connection as production', value: 'production' },
        ],
      });
      config.readOnly = options.includes('readOnly');
      config.label = options.includes('production') ? 'production' : undefined;
      config.color = options.includes('production') ? 'charts.red' : undefined;
      if (!options.includes('tls')) delete config.tls;
    },
    async (input) => {
      if (!options.includes('tls')) return 'skip';
      const tls = { ...config.tls };
      tls.caFile = (await input.showInput({ title, prompt: 'TLS: CA certificate file (PEM); empty for the system store', value: tls.caFile ?? '' })) || undefined;
      tls.certFile = (await input.showInput({ title, prompt: 'TLS: client certificate file (PEM), if the server requires one', value: tls.certFile ?? '' })) || undefined;
      tls.keyFile = tls.certFile ? (await input.showInput({ title, prompt: 'TLS: client key file (PEM)', value: tls.keyFile ?? '', validate: (v) => (v ? undefined : 'A client certificate needs its key.') })) : undefined;
      tls.serverName = (await input.showInput({ title, prompt: 'TLS: server name to verify (SNI); empty for the host name', value: tls.serverName ?? '' })) || undefined;
      const [selfSigned] = await input.showPick<boolean>({
        title,
        placeholder: 'Verify the server certificate?',
        items: [
          { label: 'Verify (recommended)', value: false },
          { label: 'Accept self-signed or untrusted certificates', value: true },
        ],
      });
      tls.allowSelfSigned = selfSigned || undefined;
      config.tls = tls;
    },
    async (input) => {
      config.name = await input.showInput({ title, prompt: 'Connection name', value: config.name || defaultConnectionName(config), validate: (v) => (v.trim() ? undefined : 'Enter a name.') });
    },
  ]);
  return ok ? { config, secrets } : undefined;
}

function validateUrl(value: string): string | undefined {
  try {
    parseConnectionUrl(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
