import { ConnectionUrlError, type ConnectionSecrets, type ParsedConnectionUrl } from '../core/redis/connection/connectionConfig';
import { parseHostList } from '../core/redis/connection/hostList';
import { isSentinelUrl, parseSentinelUrl, sentinelConfig, sentinelLabel } from '../core/redis/connection/sentinelUrl';

/**
 * The server flags `memory` and `patterns` share: `--redis URL` (redis://, rediss:// or
 * redis+sentinel://), or `--sentinel host:port[,…] --master-name NAME [--db N] [--user U]
 * [--password P]`; the Sentinels' own ACL with `--sentinel-user`/`--sentinel-password`; and
 * `--replica` (read a replica where one can be read).
 */

export type RedisTarget =
  /** A redis:// or rediss:// URL, parsed when connecting (a Cluster is detected then). */
  | { kind: 'url'; url: string }
  /** A master that Sentinel names; `label` is its URL without secrets. */
  | { kind: 'sentinel'; parsed: ParsedConnectionUrl; label: string };

export interface TargetFlags {
  redis?: string;
  sentinels?: string[];
  masterName?: string;
  db?: string;
  user?: string;
  password?: string;
  sentinelUser?: string;
  sentinelPassword?: string;
  replica?: boolean;
}

const VALUE_FLAGS = {
  '--redis': 'redis',
  '--master-name': 'masterName',
  '--db': 'db',
  '--user': 'user',
  '--password': 'password',
  '--sentinel-user': 'sentinelUser',
  '--sentinel-password': 'sentinelPassword',
} as const;

/** Takes `flag` into `flags` when it is a server flag (reading its value with `value`); false otherwise. */
export function takeTargetFlag(flags: TargetFlags, flag: string, value: () => string): boolean {
  if (flag === '--replica') flags.replica = true;
  else if (flag === '--sentinel') (flags.sentinels ??= []).push(value());
  else if (Object.hasOwn(VALUE_FLAGS, flag)) flags[VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS]] = value();
  else return false;
  return true;
}

/** The server the flags name (null when none), or throws `usageError` with the one sentence that is wrong. */
export function targetOf(flags: TargetFlags, usageError: (message: string) => Error): RedisTarget | null {
  const fail = (message: string): never => {
    throw usageError(message);
  };
  const sentinelUrl = flags.redis !== undefined && isSentinelUrl(flags.redis);
  if (flags.redis !== undefined && flags.sentinels) fail('Give either --redis URL or --sentinel host:port, not both');
  if (flags.masterName !== undefined && !flags.sentinels) fail(sentinelUrl ? 'The master name of a redis+sentinel:// URL is its path (/NAME): drop --master-name' : '--master-name applies to --sentinel only');
  for (const [flag, given] of [['--db', flags.db], ['--user', flags.user], ['--password', flags.password]] as const) {
    if (given !== undefined && !flags.sentinels) fail(`${flag} applies to --sentinel only (a URL carries it: redis://user:password@host:port/db)`);
  }
  for (const [flag, given] of [['--sentinel-user', flags.sentinelUser], ['--sentinel-password', flags.sentinelPassword]] as const) {
    if (given !== undefined && !flags.sentinels && !sentinelUrl) fail(`${flag} applies to --sentinel or a redis+sentinel:// URL only`);
  }
  if (flags.redis === undefined && !flags.sentinels) {
    if (flags.replica) fail('--replica needs a server: --redis URL or --sentinel host:port --master-name NAME');
    return null;
  }
  const sentinelSecrets: ConnectionSecrets = flags.sentinelPassword !== undefined ? { sentinelPassword: flags.sentinelPassword } : {};
  if (flags.redis !== undefined && !sentinelUrl) return { kind: 'url', url: flags.redis };
  let parsed: ParsedConnectionUrl;
  if (flags.redis !== undefined) {
    try {
      parsed = parseSentinelUrl(flags.redis);
    } catch (error) {
      return fail(error instanceof ConnectionUrlError ? error.message : String(error));
    }
    if (flags.sentinelUser !== undefined) parsed.config.sentinelUsername = flags.sentinelUser;
    parsed.secrets = { ...parsed.secrets, ...sentinelSecrets };
  } else {
    const hosts = parseHostList((flags.sentinels ?? []).join(','));
    if (typeof hosts === 'string') return fail(`--sentinel takes host:port[,host:port…]: ${hosts}`);
    if (!flags.masterName) return fail('--sentinel needs --master-name NAME, the master group the Sentinels monitor (as in "sentinel monitor <name> …")');
    if (flags.db !== undefined && !/^\d+$/.test(flags.db)) fail(`--db must be a whole number of at least 0 (got "${flags.db}")`);
    const config = sentinelConfig(hosts, flags.masterName, Number(flags.db ?? 0), { username: flags.user, sentinelUsername: flags.sentinelUser });
    parsed = { config, secrets: { ...(flags.password !== undefined ? { password: flags.password } : {}), ...sentinelSecrets } };
  }
  return { kind: 'sentinel', parsed, label: sentinelLabel(parsed.config) };
}

/** The help text's lines for these flags (both subcommands print them). */
export const TARGET_FLAGS_HELP = `  --sentinel host:port[,host:port…] --master-name NAME
                Reads the master that these Sentinels name (as redis-cli and ioredis users know
                it), in database --db N (default 0), as --user U --password P; the Sentinels'
                own ACL with --sentinel-user U --sentinel-password P. The same as
                --redis redis+sentinel://[user:password@]host:port[,host:port…]/NAME[/db]
                (?sentinelPassword=P in that URL for the Sentinels' password).
  --replica     Reads one of the master's replicas that Sentinel names instead (its link to the
                master up), on a Cluster one replica of each master; where none can be read, the
                master, with one sentence on stderr saying why. A standalone URL reads its server.
  REDISCLI_AUTH (environment) The password when neither the URL nor --password gives one, as in
                redis-cli: it stays out of the command line (ps, shell history).`;
