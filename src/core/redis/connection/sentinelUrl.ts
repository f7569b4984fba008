import { ConnectionUrlError, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_DELIMITER, type HostPort, type ParsedConnectionUrl } from './connectionConfig';
import { formatHostList, parseHostList } from './hostList';

/**
 * `redis+sentinel://[user[:password]@]host:port[,host:port…]/NAME[/db]` — the Sentinels to ask,
 * the master group name and the database. The user info authenticates the data nodes (as in a
 * redis:// URL); the Sentinels' own ACL comes from `?sentinelUsername=…&sentinelPassword=…`.
 * `?readonly` and `?timeout=ms` as in redis:// URLs. A URL parser cannot read the host list (a
 * comma is no port), so the parts are taken apart here.
 */

export const SENTINEL_SCHEME = 'redis+sentinel://';

export function isSentinelUrl(text: string): boolean {
  return text.trim().toLowerCase().startsWith(SENTINEL_SCHEME);
}

const EXAMPLE = 'redis+sentinel://host:26379[,host:26379]/mymaster[/db]';

export function parseSentinelUrl(input: string): ParsedConnectionUrl {
  const text = input.trim();
  if (!isSentinelUrl(text)) throw new ConnectionUrlError(`A Sentinel URL starts with ${SENTINEL_SCHEME}, as in ${EXAMPLE}.`);
  const rest = text.slice(SENTINEL_SCHEME.length);
  const queryAt = rest.search(/[?#]/);
  const beforeQuery = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : rest.slice(queryAt).replace(/#.*$/, ''));
  const slash = beforeQuery.indexOf('/', beforeQuery.lastIndexOf('@') + 1);
  const authority = slash === -1 ? beforeQuery : beforeQuery.slice(0, slash);
  const path = slash === -1 ? '' : beforeQuery.slice(slash + 1);
  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? '' : authority.slice(0, at);
  const hosts = parseHostList(authority.slice(at + 1).replace(/,/g, ' '));
  if (typeof hosts === 'string') throw new ConnectionUrlError(`The Sentinel list of the URL is not host:port[,host:port…]: ${hosts} Example: ${EXAMPLE}.`);
  const [nameText = '', dbText = '', ...extra] = path.split('/');
  const masterName = decode(nameText);
  if (!masterName) throw new ConnectionUrlError(`The URL names no master group: put it after the Sentinels, as in ${EXAMPLE}.`);
  if (extra.some(Boolean) || !/^\d*$/.test(dbText)) throw new ConnectionUrlError(`"${path}" is not NAME[/db] (the db a non-negative number), as in ${EXAMPLE}.`);
  const colon = userInfo.indexOf(':');
  const username = decode(colon === -1 ? userInfo : userInfo.slice(0, colon));
  const password = colon === -1 ? '' : decode(userInfo.slice(colon + 1));
  const timeout = params.get('timeout');
  const connectTimeoutMs = timeout === null ? DEFAULT_CONNECT_TIMEOUT_MS : Number(timeout);
  if (!Number.isFinite(connectTimeoutMs) || connectTimeoutMs <= 0) throw new ConnectionUrlError(`timeout=${timeout} must be a positive number of milliseconds.`);
  const flag = (name: string): boolean => params.has(name) && params.get(name) !== 'false' && params.get(name) !== '0';
  const sentinelUsername = params.get('sentinelUsername') ?? '';
  const sentinelPassword = params.get('sentinelPassword') ?? '';
  return {
    config: sentinelConfig(hosts, masterName, dbText === '' ? 0 : Number(dbText), { username, sentinelUsername, connectTimeoutMs, readOnly: flag('readonly') }),
    secrets: { ...(password ? { password } : {}), ...(sentinelPassword ? { sentinelPassword } : {}) },
  };
}

/** The config of a Sentinel-managed master (what the URL and the CLI's --sentinel flags both build). */
export function sentinelConfig(sentinels: HostPort[], masterName: string, db: number, more: { username?: string; sentinelUsername?: string; connectTimeoutMs?: number; readOnly?: boolean } = {}): ParsedConnectionUrl['config'] {
  return {
    kind: 'sentinel',
    host: sentinels[0].host,
    port: sentinels[0].port,
    sentinels,
    masterName,
    db,
    ...(more.username ? { username: more.username } : {}),
    ...(more.sentinelUsername ? { sentinelUsername: more.sentinelUsername } : {}),
    connectTimeoutMs: more.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keyDelimiter: DEFAULT_DELIMITER,
    readOnly: more.readOnly ?? false,
  };
}

/** The URL of a Sentinel config without any secret, for reports and messages. */
export function sentinelLabel(config: Pick<ParsedConnectionUrl['config'], 'sentinels' | 'masterName' | 'db'>): string {
  const hosts = formatHostList(config.sentinels).replace(/, /g, ',');
  return `${SENTINEL_SCHEME}${hosts}/${encodeURIComponent(config.masterName ?? '')}${config.db ? `/${config.db}` : ''}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ConnectionUrlError('A part of the URL has a "%" that does not start a %XX code: write a "%" as %25.');
  }
}
