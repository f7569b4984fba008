import { Cluster } from 'ioredis';
import { createRedisClient, type RedisClient } from './clientFactory';
import type { CommandDeadlines } from './commandDeadline';
import type { SshTunnel } from '../../ssh/sshTunnel';
import type { ConnectionConfig, ConnectionSecrets } from './connectionConfig';
import { ConnectionTimeoutError, describeConnectionError, type ConnectionProblem } from './connectionErrors';
import { infoField, parseInfo } from '../server/info';
import { readKeyspace, type DatabaseSummary } from '../keyspace/keyspaceInfo';

/**
 * "Test connection": connects once with the saved settings (no reconnect), reads what the tree
 * shows first (version, role, databases and their key counts) and always disconnects. Every
 * topology gives its answer within the connect timeout, a failure as one actionable sentence.
 */

export interface ProbeSuccess {
  ok: true;
  server: 'redis' | 'valkey';
  serverVersion: string;
  /** `master` or `replica`. */
  role: string;
  /** What the server says it is (`redis_mode`): standalone, cluster or sentinel. */
  mode: string;
  /** Every database 0…N-1 when the server tells N (`CONFIG GET databases`), else the non-empty ones; Cluster: db0. */
  dbs: DatabaseSummary[];
  /** Things that work but are probably not what the user meant (a cluster node saved as standalone…). */
  warnings: string[];
}

export interface ProbeFailure {
  ok: false;
  problem: ConnectionProblem;
  message: string;
}

export type ProbeResult = ProbeSuccess | ProbeFailure;

export interface ProbeOptions {
  /** Overall limit; defaults to the connection's `connectTimeoutMs`. */
  timeoutMs?: number;
  /** Per-command deadlines (each handshake step included). */
  deadlines?: CommandDeadlines;
  /** The open SSH tunnel of a connection with `ssh` settings. */
  tunnel?: SshTunnel;
}

export async function probeConnection(config: ConnectionConfig, secrets: ConnectionSecrets, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? config.connectTimeoutMs;
  const seen: unknown[] = [];
  const fail = (error: unknown): ProbeFailure => {
    const { problem, message } = describeConnectionError([error, ...seen], { config, secrets, timeoutMs });
    return { ok: false, problem, message };
  };
  let client: RedisClient;
  try {
    client = createRedisClient(config, secrets, { reconnect: false, lazyConnect: true, clientName: 'redis-specialist-probe', ...(options.deadlines ? { deadlines: options.deadlines } : {}), ...(options.tunnel ? { tunnel: options.tunnel } : {}) });
  } catch (error) {
    return fail(error);
  }
  // ioredis reports the real cause (TLS, auth, sentinel replies) as events and then rejects with
  // a generic "Connection is closed.": keep them all for the message.
  const record = (error: unknown): void => void seen.push(error);
  client.on('error', record);
  client.on('sentinelError', record);
  client.on('node error', record);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectionTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([inspect(client, config), deadline]);
  } catch (error) {
    return fail(error);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

async function inspect(client: RedisClient, config: ConnectionConfig): Promise<ProbeSuccess> {
  await client.connect();
  // On a Cluster, ask a master: a random node may be a replica.
  const node = client instanceof Cluster ? client.nodes('master')[0] : client;
  const info = parseInfo(await node.info());
  const valkey = infoField(info, 'valkey_version');
  const mode = infoField(info, 'redis_mode') ?? infoField(info, 'server_mode') ?? 'standalone';
  const role = normaliseRole(infoField(info, 'role') ?? 'master');
  const warnings: string[] = [];
  if (config.kind !== 'cluster' && mode === 'cluster') {
    warnings.push('This server is a Redis Cluster node: a standalone connection sees only its slots. Save it as a Cluster connection to browse every key.');
  }
  if (mode === 'sentinel') {
    warnings.push('This is a Sentinel, which holds no keys. Save it as a Sentinel connection with the master group name to reach the data.');
  }
  if (config.kind === 'standalone' && role === 'replica') {
    warnings.push('This server is a replica: keys are read-only here and may lag behind the master.');
  }
  return {
    ok: true,
    server: valkey ? 'valkey' : 'redis',
    serverVersion: valkey ?? infoField(info, 'redis_version') ?? 'unknown',
    role,
    mode,
    dbs: client instanceof Cluster ? await readKeyspace(client) : await allDatabases(client, await readKeyspace(client), config.db),
    warnings,
  };
}

function normaliseRole(role: string): string {
  return role === 'slave' ? 'replica' : role;
}

/** Fills in the empty databases when the server says how many there are (CONFIG may be refused by ACL or a managed service). */
async function allDatabases(client: RedisClient, listed: DatabaseSummary[], configuredDb: number): Promise<DatabaseSummary[]> {
  let count = 0;
  try {
    const reply = (await client.config('GET', 'databases')) as string[];
    count = Number(reply[1]) || 0;
  } catch {
    count = 0;
  }
  const byDb = new Map(listed.map((d) => [d.db, d]));
  const wanted = new Set<number>([...byDb.keys(), configuredDb]);
  for (let db = 0; db < count; db++) wanted.add(db);
  return [...wanted].sort((a, b) => a - b).map((db) => byDb.get(db) ?? { db, keys: 0, expires: 0 });
}
