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
} from '../core/redis/connection/connectionConfig';
import type { ConnectionProblem } from '../core/redis/connection/connectionErrors';
import { formatHostList, parseHostList } from '../core/redis/connection/hostList';
import type { SshEnvironment } from '../core/ssh/sshRoute';
import { MultiStepInput, type Step } from './multiStepInput';
import { SSH_FIELD_LABELS, sshWizardSteps, type SshWizardField } from './sshWizardSteps';

/** A connection's fields without its id: the wizard never decides which saved entry it becomes. */
export type ConnectionDraft = Omit<ConnectionConfig, 'id'>;

export interface WizardResult {
  config: ConnectionDraft;
  /** Only the secrets the user typed; empty fields keep what is saved. */
  secrets: ConnectionSecrets;
}

export type WizardField = 'kind' | 'url' | 'address' | 'masterName' | 'username' | 'password' | 'sentinelPassword' | 'db' | 'options' | 'tlsCa' | 'tlsCert' | 'tlsKey' | 'tlsServerName' | 'tlsVerify' | 'name' | SshWizardField;

export interface WizardStart {
  /** Shown in the title when editing a saved connection. */
  editingName?: string;
  /** The values to start from: the saved connection, or the answers of a round whose test failed. */
  draft?: ConnectionDraft;
  /** Whether a password is already known (saved, or typed in an earlier round): empty keeps it. */
  hasSecrets?: boolean;
  /** Resume here instead of at the first step (the field a failed test points at). */
  startAt?: WizardField;
  /** Where the SSH step finds the user's OpenSSH configuration; without it there is no SSH step. */
  sshEnvironment?: SshEnvironment;
}

/** The step to resume at after a failed test: the field the failure points at. */
export function fieldOfProblem(problem: ConnectionProblem, kind: ConnectionKind): WizardField {
  switch (problem) {
    case 'unknown-host':
    case 'refused':
    case 'unreachable':
    case 'timeout':
    case 'sentinel-unreachable':
    case 'cluster-unreachable':
    case 'not-a-cluster':
      return 'address';
    case 'wrong-password':
    case 'password-required':
    case 'password-not-needed':
      return 'password';
    case 'no-permission':
      return 'username';
    case 'tls-untrusted':
    case 'tls-expired':
      return 'tlsCa';
    case 'tls-hostname':
      return 'tlsServerName';
    case 'tls-client-cert':
      return 'tlsCert';
    case 'tls-not-tls':
    case 'tls-required':
      return 'options';
    case 'sentinel-master-unknown':
      return kind === 'sentinel' ? 'masterName' : 'kind';
    case 'ssh':
      return 'ssh';
    default:
      return 'kind';
  }
}

/** Short labels for "Edit <field>" after a failed test. */
export const FIELD_LABELS: Record<WizardField, string> = {
  kind: 'the deployment kind',
  url: 'the URL',
  address: 'the address',
  masterName: 'the master name',
  username: 'the user name',
  password: 'the password',
  sentinelPassword: 'the Sentinel password',
  db: 'the database',
  options: 'the options',
  tlsCa: 'the TLS CA certificate',
  tlsCert: 'the TLS client certificate',
  tlsKey: 'the TLS client key',
  tlsServerName: 'the TLS server name',
  tlsVerify: 'TLS verification',
  name: 'the name',
  ...SSH_FIELD_LABELS,
};

type Option = 'tls' | 'readOnly' | 'replicas' | 'production' | 'ssh';

const NEW_CONNECTION: ConnectionDraft = { name: '', kind: 'standalone', host: '127.0.0.1', port: DEFAULT_PORT, db: 0, connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS, keyDelimiter: DEFAULT_DELIMITER, readOnly: false };

/** The options a connection has on: what the options step shows selected. */
function optionsOf(config: ConnectionDraft): Option[] {
  return [...(config.tls ? ['tls' as const] : []), ...(config.readOnly ? ['readOnly' as const] : []), ...(config.readFromReplicas ? ['replicas' as const] : []), ...(config.label ? ['production' as const] : []), ...(config.ssh ? ['ssh' as const] : [])];
}

/**
 * The native multi-step input behind Add and Edit Connection: topology, address, credentials,
 * database, TLS and the read-only / production options, with Back on every step. Everything a
 * URL carries (database, user, TLS, read-only…) is kept and shown selected in the later steps.
 */
export async function runConnectionWizard(start: WizardStart = {}): Promise<WizardResult | undefined> {
  const title = start.editingName ? `Edit Redis Connection: ${start.editingName}` : 'Add Redis Connection';
  const config: ConnectionDraft = { ...(start.draft ?? NEW_CONNECTION) };
  if ('id' in config) delete (config as { id?: unknown }).id;
  let kind: ConnectionKind | 'url' = config.kind;
  const secrets: ConnectionSecrets = {};
  const keepHint = (): string => (start.hasSecrets ? ' (leave empty to keep the one already given)' : ' (optional)');
  const fromUrl = (): boolean => kind === 'url';
  const isTls = (): boolean => config.tls !== undefined;

  const steps: Step<WizardField>[] = [
    {
      name: 'kind',
      run: async (input) => {
        [kind] = await input.showPick<ConnectionKind | 'url'>({
          title,
          placeholder: 'What kind of Redis deployment?',
          selected: [kind],
          items: [
            { label: '$(server) Standalone', description: 'one server, TCP or Unix socket', value: 'standalone' },
            { label: '$(broadcast) Sentinel', description: 'follows the master through failovers', value: 'sentinel' },
            { label: '$(type-hierarchy) Cluster', description: 'spans every master', value: 'cluster' },
            ...(start.editingName ? [] : [{ label: '$(link) From a URL', description: 'redis://user:password@host:port/db?readonly', value: 'url' as const }]),
          ],
        });
      },
    },
    {
      name: 'url',
      applies: fromUrl,
      run: async (input) => {
        const url = await input.showInput({ title, prompt: 'Redis URL', placeholder: 'redis://[user[:password]@]host[:port][/db][?readonly] or rediss://…', validate: validateUrl });
        const parsed = parseConnectionUrl(url);
        // The URL replaces the address, credentials and options wholesale; the later steps start from it.
        for (const field of ['socket', 'username', 'tls', 'sentinels', 'clusterNodes', 'masterName'] as const) delete config[field];
        Object.assign(config, parsed.config);
        delete secrets.password;
        Object.assign(secrets, parsed.secrets);
      },
    },
    {
      name: 'address',
      applies: () => !fromUrl(),
      run: async (input) => {
        const what = kind === 'sentinel' ? 'Sentinel nodes' : kind === 'cluster' ? 'Cluster seed nodes' : 'Host and port, or a Unix socket path';
        const current = kind === 'sentinel' ? formatHostList(config.sentinels) : kind === 'cluster' ? formatHostList(config.clusterNodes) : config.socket ?? `${config.host}:${config.port}`;
        const answer = await input.showInput({
          title,
          prompt: what,
          value: current || '127.0.0.1:6379',
          placeholder: kind === 'standalone' ? 'localhost:6379 or /var/run/redis/redis.sock' : 'host1:26379, host2:26379',
          validate: (v) => (kind === 'standalone' && v.startsWith('/') ? undefined : typeof parseHostList(v) === 'string' ? (parseHostList(v) as string) : undefined),
        });
        config.kind = kind as ConnectionKind;
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
    },
    {
      name: 'masterName',
      applies: () => kind === 'sentinel',
      run: async (input) => {
        config.masterName = await input.showInput({ title, prompt: 'Master group name (as in `sentinel monitor <name> …`)', value: config.masterName ?? 'mymaster', validate: (v) => (v.trim() ? undefined : 'Enter the master name.') });
      },
    },
    {
      name: 'username',
      applies: () => !fromUrl(),
      run: async (input) => {
        const user = await input.showInput({ title, prompt: 'ACL user name (optional; empty for the default user)', value: config.username ?? '' });
        config.username = user || undefined;
      },
    },
    {
      name: 'password',
      applies: () => !fromUrl(),
      run: async (input) => {
        const password = await input.showInput({ title, prompt: `Password${keepHint()}. Stored in VS Code's secret storage only.`, password: true });
        if (password) secrets.password = password;
      },
    },
    {
      name: 'sentinelPassword',
      applies: () => kind === 'sentinel',
      run: async (input) => {
        const password = await input.showInput({ title, prompt: `Password of the Sentinels themselves${keepHint()}`, password: true });
        if (password) secrets.sentinelPassword = password;
      },
    },
    {
      name: 'db',
      applies: () => kind !== 'cluster' && !fromUrl(),
      run: async (input) => {
        const db = await input.showInput({ title, prompt: 'Database index', value: String(config.db), validate: (v) => (/^\d+$/.test(v) ? undefined : 'A non-negative whole number.') });
        config.db = Number(db);
      },
    },
    {
      name: 'options',
      run: async (input) => {
        const options = await input.showPick<Option>({
          title,
          placeholder: 'Options (space to toggle, Enter to continue)',
          canPickMany: true,
          selected: optionsOf(config),
          items: [
            { label: 'TLS', description: 'encrypt the connection (rediss://)', value: 'tls' },
            { label: 'Read-only', description: 'refuse every write from the extension', value: 'readOnly' },
            ...(config.kind === 'sentinel' ? [{ label: 'Read from replicas', description: 'Key Patterns statistics and Analyze Memory… read a replica, not the master', value: 'replicas' as const }] : []),
            { label: 'Production', description: 'label and colour the connection as production', value: 'production' },
            ...(start.sshEnvironment ? [{ label: 'SSH tunnel', description: 'through an SSH server or a Host of ~/.ssh/config', value: 'ssh' as const }] : []),
          ],
        });
        if (options.includes('ssh')) config.ssh ??= { host: '' };
        else delete config.ssh;
        config.readOnly = options.includes('readOnly');
        if (options.includes('replicas') && config.kind === 'sentinel') config.readFromReplicas = true;
        else delete config.readFromReplicas;
        config.label = options.includes('production') ? config.label ?? 'production' : undefined;
        config.color = options.includes('production') ? config.color ?? 'charts.red' : undefined;
        if (options.includes('tls')) config.tls = config.tls ?? {};
        else delete config.tls;
      },
    },
    ...sshWizardSteps(title, config, secrets, start.sshEnvironment, keepHint),
    {
      name: 'tlsCa',
      applies: isTls,
      run: async (input) => {
        const tls = config.tls ?? {};
        tls.caFile = (await input.showInput({ title, prompt: 'TLS: CA certificate file (PEM); empty for the system store', value: tls.caFile ?? '' })) || undefined;
      },
    },
    {
      name: 'tlsCert',
      applies: isTls,
      run: async (input) => {
        const tls = config.tls ?? {};
        tls.certFile = (await input.showInput({ title, prompt: 'TLS: client certificate file (PEM), if the server requires one', value: tls.certFile ?? '' })) || undefined;
        if (!tls.certFile) delete tls.keyFile;
      },
    },
    {
      name: 'tlsKey',
      applies: () => Boolean(config.tls?.certFile),
      run: async (input) => {
        const tls = config.tls ?? {};
        tls.keyFile = await input.showInput({ title, prompt: 'TLS: client key file (PEM)', value: tls.keyFile ?? '', validate: (v) => (v ? undefined : 'A client certificate needs its key.') });
      },
    },
    {
      name: 'tlsServerName',
      applies: isTls,
      run: async (input) => {
        const tls = config.tls ?? {};
        tls.serverName = (await input.showInput({ title, prompt: 'TLS: server name to verify (SNI); empty for the host name', value: tls.serverName ?? '' })) || undefined;
      },
    },
    {
      name: 'tlsVerify',
      applies: isTls,
      run: async (input) => {
        const tls = config.tls ?? {};
        const [selfSigned] = await input.showPick<boolean>({
          title,
          placeholder: 'Verify the server certificate?',
          selected: [tls.allowSelfSigned === true],
          items: [
            { label: 'Verify (recommended)', value: false },
            { label: 'Accept self-signed or untrusted certificates', value: true },
          ],
        });
        tls.allowSelfSigned = selfSigned || undefined;
      },
    },
    {
      name: 'name',
      run: async (input) => {
        config.name = await input.showInput({ title, prompt: 'Connection name', value: config.name || defaultConnectionName(config), validate: (v) => (v.trim() ? undefined : 'Enter a name.') });
      },
    },
  ];
  const ok = await MultiStepInput.run(steps, start.startAt);
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
