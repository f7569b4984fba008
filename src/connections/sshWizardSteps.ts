import { existsSync } from 'node:fs';
import type { ConnectionConfig, ConnectionSecrets } from '../core/redis/connection/connectionConfig';
import { sshConfigAliases } from '../core/ssh/sshAliases';
import { parseProxyJump } from '../core/ssh/sshConfig';
import { expandTilde } from '../core/ssh/sshConfigParser';
import type { SshEnvironment, SshSettings } from '../core/ssh/sshRoute';
import type { Step } from './multiStepInput';

export type SshWizardField = 'ssh' | 'sshHost' | 'sshAuth' | 'sshKeyFile' | 'sshSecret';

export const SSH_FIELD_LABELS: Record<SshWizardField, string> = {
  ssh: 'the SSH route',
  sshHost: 'the SSH server',
  sshAuth: 'the SSH login',
  sshKeyFile: 'the SSH key file',
  sshSecret: 'the SSH password or passphrase',
};

type Route = 'alias' | 'server';
type Auth = NonNullable<SshSettings['auth']> | 'default';

/** `[user@]host[:port]` as `ssh` takes it; a sentence when it is not. */
function parseSshServer(text: string): { host: string; user?: string; port?: number } | string {
  try {
    const hops = parseProxyJump(text.trim(), 'The SSH server');
    return hops.length === 1 ? hops[0] : 'Enter one SSH server, such as ops@bastion.example.com:22.';
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The wizard's SSH part, when "SSH tunnel" is among the options (`config.ssh` set): a Host alias of the user's OpenSSH
 * configuration (its HostName, User, Port, IdentityFile, ProxyJump apply) or a server typed as
 * `[user@]host[:port]`; then the login. Passwords and passphrases go to `secrets` only.
 */
export function sshWizardSteps(
  title: string,
  config: Omit<ConnectionConfig, 'id'>,
  secrets: ConnectionSecrets,
  env: SshEnvironment | undefined,
  keepHint: () => string,
): Step<SshWizardField>[] {
  let aliases: string[] = [];
  try {
    aliases = env ? sshConfigAliases(env) : [];
  } catch {
    // An unreadable configuration only loses the alias list; typing the server still works.
  }
  /** A new tunnel starts from the configuration's Hosts when it has some; a saved one from what it names. */
  const routeOf = (): Route => {
    const saved = config.ssh;
    if (!aliases.length) return 'server';
    return !saved?.host || (aliases.includes(saved.host) && !saved.port && !saved.username) ? 'alias' : 'server';
  };
  let route: Route | undefined;
  const viaSsh = (): boolean => config.ssh !== undefined;
  const auth = (): Auth => config.ssh?.auth ?? 'default';
  const ssh = (): SshSettings => (config.ssh ??= { host: '' });
  return [
    {
      name: 'ssh',
      applies: () => viaSsh() && aliases.length > 0,
      run: async (input) => {
        [route] = await input.showPick<Route>({
          title,
          placeholder: 'SSH tunnel: which SSH server?',
          selected: [route ?? routeOf()],
          items: [
            { label: '$(terminal) A Host of the SSH configuration', description: 'its HostName, User, Port, IdentityFile and ProxyJump apply', value: 'alias' },
            { label: '$(remote) Another SSH server', description: 'user@host:port', value: 'server' },
          ],
        });
      },
    },
    {
      name: 'sshHost',
      applies: viaSsh,
      run: async (input) => {
        const previous = config.ssh;
        if ((route ?? routeOf()) === 'alias') {
          const [alias] = await input.showPick<string>({
            title,
            placeholder: 'SSH Host alias',
            selected: previous ? [previous.host] : [],
            items: aliases.map((name) => ({ label: name, value: name })),
          });
          config.ssh = { ...(previous?.auth ? { auth: previous.auth } : {}), ...(previous?.privateKeyFile ? { privateKeyFile: previous.privateKeyFile } : {}), host: alias };
          return;
        }
        const current = previous ? `${previous.username ? `${previous.username}@` : ''}${previous.host}${previous.port ? `:${previous.port}` : ''}` : '';
        const answer = await input.showInput({
          title,
          prompt: 'SSH server: [user@]host[:port]; the Redis address above is as this server sees it',
          value: current,
          placeholder: 'ops@bastion.example.com:22',
          validate: (v) => {
            const parsed = parseSshServer(v);
            return typeof parsed === 'string' ? parsed : undefined;
          },
        });
        const server = parseSshServer(answer) as Exclude<ReturnType<typeof parseSshServer>, string>;
        config.ssh = {
          ...(previous?.auth ? { auth: previous.auth } : {}),
          ...(previous?.privateKeyFile ? { privateKeyFile: previous.privateKeyFile } : {}),
          host: server.host,
          ...(server.port ? { port: server.port } : {}),
          ...(server.user ? { username: server.user } : {}),
        };
      },
    },
    {
      name: 'sshAuth',
      applies: viaSsh,
      run: async (input) => {
        const [picked] = await input.showPick<Auth>({
          title,
          placeholder: 'How to log in to the SSH server?',
          selected: [auth()],
          items: [
            { label: 'Keys from the SSH configuration, then the agent', description: 'as ssh does', value: 'default' },
            { label: 'SSH agent', description: 'SSH_AUTH_SOCK', value: 'agent' },
            { label: 'Private key file', description: 'OpenSSH or PEM, with an optional passphrase', value: 'privateKey' },
            { label: 'Password', value: 'password' },
          ],
        });
        const settings = ssh();
        if (picked === 'default') delete settings.auth;
        else settings.auth = picked;
        if (picked !== 'privateKey') delete settings.privateKeyFile;
      },
    },
    {
      name: 'sshKeyFile',
      applies: () => viaSsh() && auth() === 'privateKey',
      run: async (input) => {
        const expand = (value: string): string => (env ? expandTilde(value.trim(), env.homeDir) : value.trim());
        const answer = await input.showInput({
          title,
          prompt: 'SSH private key file',
          value: config.ssh?.privateKeyFile ?? '',
          placeholder: '~/.ssh/id_ed25519',
          validate: (v) => (!v.trim() ? 'Enter the key file.' : existsSync(expand(v)) ? undefined : `There is no file ${expand(v)}.`),
        });
        ssh().privateKeyFile = expand(answer);
      },
    },
    {
      name: 'sshSecret',
      applies: () => viaSsh() && (auth() === 'privateKey' || auth() === 'password'),
      run: async (input) => {
        const isPassword = auth() === 'password';
        const value = await input.showInput({
          title,
          prompt: `${isPassword ? 'SSH password' : 'Key passphrase, if the key has one'}${keepHint()}. Stored in VS Code's secret storage only.`,
          password: true,
        });
        if (!value) return;
        if (isPassword) secrets.sshPassword = value;
        else secrets.sshPassphrase = value;
      },
    },
  ];
}
