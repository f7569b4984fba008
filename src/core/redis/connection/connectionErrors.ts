import type { ConnectionConfig, ConnectionSecrets } from './connectionConfig';
import { redactSecrets } from './redaction';

export { redactSecrets };

/**
 * Turns what ioredis and Node report (`connect ECONNREFUSED`, "Connection is closed.", TLS codes,
 * "All sentinels are unreachable…") into one sentence that says what is wrong and what to change.
 * ioredis often rejects with a generic "Connection is closed." while the real cause arrived
 * earlier as an `error` event, so callers pass every error they saw; the most specific one wins.
 * Secrets never appear in the result.
 */

export type ConnectionProblem =
  | 'unknown-host'
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'not-answering'
  | 'wrong-password'
  | 'password-required'
  | 'password-not-needed'
  | 'no-permission'
  | 'tls-untrusted'
  | 'tls-expired'
  | 'tls-hostname'
  | 'tls-client-cert'
  | 'tls-not-tls'
  | 'tls-required'
  | 'sentinel-master-unknown'
  | 'sentinel-unreachable'
  | 'not-a-cluster'
  | 'cluster-unreachable'
  | 'loading'
  | 'connection-lost'
  | 'settings'
  /** The SSH tunnel failed (its own one-sentence reason: login, host key, jump host…). */
  | 'ssh'
  | 'other';

export interface ConnectionErrorDescription {
  problem: ConnectionProblem;
  message: string;
}

export interface ErrorContext {
  config?: ConnectionConfig;
  secrets?: ConnectionSecrets;
  /** Milliseconds the caller waited before giving up (for timeout messages). */
  timeoutMs?: number;
  /** The node the error came from, when more precise than the config (`host:port` of one cluster master). */
  where?: string;
}

/** Builds a "no answer within N ms" error that {@link describeConnectionError} recognises. */
export class ConnectionTimeoutError extends Error {
  override readonly name = 'ConnectionTimeoutError';
  readonly code = 'ETIMEDOUT';
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms.`);
  }
}

interface ErrorLike {
  message: string;
  code?: string;
  name?: string;
  hostname?: string;
  lastNodeError?: unknown;
  cause?: unknown;
  errors?: unknown[];
}

/** Where a connection points, for messages: `host:port`, the socket, the sentinels or the seeds. */
export function describeEndpoint(config: ConnectionConfig | undefined): string {
  if (!config) return 'the server';
  if (config.socket) return config.socket;
  if (config.kind === 'sentinel') {
    const sentinels = (config.sentinels?.length ? config.sentinels : [config]).map((s) => `${s.host}:${s.port}`).join(', ');
    return `master "${config.masterName ?? '?'}" via Sentinel ${sentinels}`;
  }
  if (config.kind === 'cluster') {
    const seeds = (config.clusterNodes?.length ? config.clusterNodes : [config]).map((s) => `${s.host}:${s.port}`).join(', ');
    return `cluster seed ${seeds}`;
  }
  return `${config.host}:${config.port}`;
}

/** The clearest message among `errors` (most specific problem first), with secrets removed. */
export function describeConnectionError(errors: unknown, context: ErrorContext = {}): ConnectionErrorDescription {
  const list = flatten(Array.isArray(errors) ? errors : [errors]);
  let best: ConnectionErrorDescription | undefined;
  for (const error of list) {
    const described = classify(error, context, list);
    if (!best || RANK[described.problem] < RANK[best.problem]) best = described;
  }
  const result = best ?? { problem: 'other' as const, message: 'The connection failed for an unknown reason.' };
  return { problem: result.problem, message: redactSecrets(result.message, context.secrets) };
}

/**
 * The text a user reads for any error: a connection problem as its one clear sentence (never a
 * raw client message such as "Stream isn't writeable…"), anything else as its own message.
 */
export function userFacingMessage(error: unknown, context: ErrorContext = {}): string {
  const described = describeConnectionError(error, context);
  if (described.problem !== 'other') return described.message;
  return redactSecrets(error instanceof Error ? error.message : String(error), context.secrets);
}

/** Lower is more specific: a WRONGPASS explains a later "Connection is closed.", not the other way round. */
const RANK: Record<ConnectionProblem, number> = {
  settings: 0,
  ssh: 0,
  'sentinel-master-unknown': 1,
  'not-a-cluster': 1,
  'wrong-password': 2,
  'password-required': 2,
  'password-not-needed': 2,
  'no-permission': 2,
  'tls-untrusted': 3,
  'tls-expired': 3,
  'tls-hostname': 3,
  'tls-client-cert': 3,
  'tls-not-tls': 3,
  'unknown-host': 4,
  refused: 4,
  unreachable: 4,
  loading: 4,
  'tls-required': 5,
  'not-answering': 5,
  timeout: 6,
  'sentinel-unreachable': 7,
  'cluster-unreachable': 7,
  'connection-lost': 8,
  other: 9,
};

const UNTRUSTED_CERT_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

function classify(error: unknown, context: ErrorContext, all: ErrorLike[]): ConnectionErrorDescription {
  const e = toErrorLike(error);
  const where = context.where ?? describeEndpoint(context.config);
  const text = e.message;
  const code = e.code ?? '';
  const tlsOn = Boolean(context.config?.tls);
  const user = context.config?.username;
  const say = (problem: ConnectionProblem, message: string): ConnectionErrorDescription => ({ problem, message });

  if (e.name === 'ConnectionSettingsError' || e.name === 'ConnectionUrlError') return say('settings', text);
  if (e.name === 'SshTunnelError') return say('ssh', text);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /getaddrinfo (ENOTFOUND|EAI_AGAIN)/.test(text)) {
    const host = e.hostname ?? /getaddrinfo \w+ (\S+)/.exec(text)?.[1] ?? context.config?.host ?? '?';
    const temporary = code === 'EAI_AGAIN' || text.includes('EAI_AGAIN');
    return say('unknown-host', `Cannot resolve host "${host}" (${temporary ? 'DNS lookup timed out, EAI_AGAIN' : 'no such host, ENOTFOUND'}). Check the host name, and your VPN or DNS if it is an internal name.`);
  }
  if (code === 'ECONNREFUSED' || text.includes('ECONNREFUSED')) {
    const target = /ECONNREFUSED (\S+)/.exec(text)?.[1] ?? where;
    return say('refused', `Connection refused by ${target}: nothing is listening on that port, or a firewall rejects it. Check the port and that the server is running.`);
  }
  if (['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(code)) {
    return say('unreachable', `${where} cannot be reached (${code}): no network route to it. Check the address, VPN and firewall.`);
  }
  if (code === 'ENOENT' && context.config?.socket) return say('refused', `The Unix socket ${context.config.socket} does not exist. Check the path and that the server is running.`);
  if (/WRONGPASS|invalid username-password pair|ERR invalid password/i.test(text)) {
    const who = user ? `user "${user}"` : 'the default user';
    return say('wrong-password', `Authentication failed on ${where} for ${who}: wrong ${user ? 'username or ' : ''}password (WRONGPASS). Re-enter the password${user ? ' and check the username' : ''}.`);
  }
  if (/NOAUTH/.test(text)) return say('password-required', `${where} requires a password (NOAUTH). Add the password (and the ACL username if the server uses ACL users).`);
  if (/called without any password configured/.test(text)) {
    return say('password-not-needed', `${where} has no password set, but a password was sent. Remove the password from the connection, or set one on the server.`);
  }
  if (/NOPERM/.test(text)) return say('no-permission', `User "${user ?? 'default'}" lacks a permission on ${where}: ${firstLine(text)}. Ask the administrator to grant it with ACL SETUSER.`);
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return say('tls-expired', `The TLS certificate of ${where} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'} (${code}). Renew the server certificate or check this machine's clock.`);
  }
  if (UNTRUSTED_CERT_CODES.has(code)) {
    return say('tls-untrusted', `The TLS certificate of ${where} is not trusted (${code}). Set the CA file to the certificate authority that signed it, or allow self-signed certificates for a test server.`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /Hostname\/IP does not match certificate/.test(text)) {
    const name = context.config?.tls?.serverName ?? context.config?.host ?? '?';
    return say('tls-hostname', `The TLS certificate of ${where} is not valid for the name "${name}" (${firstLine(text)}). Set "server name" to a name listed in the certificate.`);
  }
  if (/certificate required|ALERT_CERTIFICATE_REQUIRED|ALERT_HANDSHAKE_FAILURE|peer did not return a certificate/i.test(`${code} ${text}`)) {
    return say('tls-client-cert', `${where} requires a TLS client certificate and rejected the handshake. Set the client certificate and key files in the connection's TLS settings.`);
  }
  if (/wrong version number|WRONG_VERSION_NUMBER|packet length too long|unknown protocol/i.test(`${code} ${text}`)) {
    return say('tls-not-tls', `${where} does not speak TLS on this port. Turn TLS off (redis:// instead of rediss://) or use the server's TLS port.`);
  }
  if (code === 'ECONNRESET' && tlsOn) {
    return say('tls-client-cert', `${where} closed the connection during the TLS handshake. It probably requires a client certificate: set the certificate and key files in the TLS settings.`);
  }
  if (/ERR.*cluster support disabled/i.test(text)) {
    return say('not-a-cluster', `${where} is not a cluster node (cluster support disabled). Use a standalone or Sentinel connection, or point the seed nodes at members of a Redis Cluster.`);
  }
  if (/All sentinels are unreachable/.test(text) || /failed to connect to sentinel|connected to sentinel .* invalid reply/.test(text)) {
    const masterUnknown = all.some((other) => /connected to sentinel .* invalid reply: null/.test(other.message) || /No master found|No such master with that name/i.test(other.message));
    if (masterUnknown) {
      return say('sentinel-master-unknown', `The Sentinels do not know a master named "${context.config?.masterName ?? '?'}" (${where}). Check the master group name, as in "sentinel monitor <name> …".`);
    }
    // Without its full stop: the sentence goes on after it.
    const last = (/Last error: (.*)$/.exec(text)?.[1] ?? /because (.*)$/.exec(text)?.[1])?.replace(/[.\s]+$/, '');
    return say('sentinel-unreachable', `None of the Sentinels answered (${where})${last ? `: ${last}` : ''}. Check the Sentinel hosts and ports.`);
  }
  if (e.name === 'ClusterAllFailedError' || /Failed to refresh slots cache|None of startup nodes is available/.test(text)) {
    return say('cluster-unreachable', `No cluster seed node answered (${where}). Check that the seed nodes are reachable members of a Redis Cluster.`);
  }
  // A command deadline (commandDeadline.ts) passed: the server took the connection but never replied.
  const silentFor = /not answering \(no reply within (\d+) ms\)/.exec(text)?.[1];
  if (silentFor) {
    return say('not-answering', `${where}: the server is not answering (no reply within ${silentFor} ms). It may be stopped, overloaded or cut off by the network; try again once it answers.`);
  }
  if (/LOADING/.test(text)) return say('loading', `${where} is loading its dataset into memory. Try again when loading finishes.`);
  if (code === 'ETIMEDOUT' || e.name === 'ConnectionTimeoutError' || /ETIMEDOUT|timed? ?out/i.test(text)) {
    const ms = context.timeoutMs ?? context.config?.connectTimeoutMs;
    return say('timeout', `No answer from ${where}${ms ? ` within ${ms} ms` : ''}. Check the host, port and firewall; if the server is just slow, raise the connect timeout.`);
  }
  if (code === 'ECONNRESET' || /socket hang up/.test(text)) {
    return say('tls-required', `${where} closed the connection during setup. If the server requires TLS, turn TLS on (rediss://).`);
  }
  if (/Connection is closed|Stream isn't writeable|max retries per request|Command aborted due to connection close|EPIPE/i.test(text)) {
    return say('connection-lost', `The connection to ${where} was lost. It is retried automatically; check that the server is running.`);
  }
  return say('other', `${where}: ${firstLine(text)}`);
}

/** The errors and every cause they wrap (ClusterAllFailedError.lastNodeError, Error.cause, AggregateError.errors). */
function flatten(errors: unknown[]): ErrorLike[] {
  const out: ErrorLike[] = [];
  const visit = (error: unknown, depth: number): void => {
    if (error === undefined || error === null || depth > 5) return;
    const e = toErrorLike(error);
    out.push(e);
    visit(e.lastNodeError, depth + 1);
    visit(e.cause, depth + 1);
    for (const inner of e.errors ?? []) visit(inner, depth + 1);
  };
  for (const error of errors) visit(error, 0);
  return out;
}

function toErrorLike(error: unknown): ErrorLike {
  if (error && typeof error === 'object' && typeof (error as ErrorLike).message === 'string') {
    const e = error as ErrorLike & { constructor?: { name?: string } };
    return Object.assign(Object.create(null) as ErrorLike, {
      message: e.message,
      code: typeof e.code === 'string' ? e.code : undefined,
      name: typeof e.name === 'string' ? e.name : e.constructor?.name,
      hostname: e.hostname,
      lastNodeError: e.lastNodeError,
      cause: e.cause,
      errors: Array.isArray(e.errors) ? e.errors : undefined,
    });
  }
  return { message: String(error) };
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}
