import type { Redis } from 'ioredis';
import { infoField, parseInfo } from '../server/info';
import type { ConnectionConfig } from './connectionConfig';

/**
 * Where the live, read-only analyses (Key Patterns statistics, Analyze Memory…) read a connection:
 * a Sentinel connection that opts in with `readFromReplicas` reads one of the master's replicas
 * through a client of its own; everything else reads the master(s), with a sentence saying why
 * when the user asked for replicas.
 */
export type ReplicaReadPlan = { replica: true } | { replica: false; note?: string };

export function replicaReadPlan(config: Pick<ConnectionConfig, 'kind' | 'readFromReplicas'>): ReplicaReadPlan {
  if (!config.readFromReplicas) return { replica: false };
  if (config.kind === 'sentinel') return { replica: true };
  if (config.kind === 'cluster') return { replica: false, note: 'Reading from replicas is not available for Cluster connections yet: read every master.' };
  return { replica: false, note: 'Reading from replicas needs a Sentinel or Cluster connection: read the master.' };
}

/**
 * The address the replica client reached ("127.0.0.1:6381"), as its socket sees it: through an SSH
 * tunnel that is the local end of the forward, so the sentence says so.
 */
export function describeReplicaRead(client: Redis, throughTunnel: boolean): string {
  const socket = (client as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
  const address = socket?.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort ?? '?'}` : 'a replica';
  return throughTunnel ? `read from a replica (through the SSH tunnel, local end ${address})` : `read from replica ${address}`;
}

/**
 * Why the client on the node Sentinel named cannot serve the analysis (from its `INFO
 * replication`), or undefined: a node that is no replica (promoted meanwhile), or one cut off from
 * its master, whose keyspace is stale or refused (`replica-serve-stale-data no`).
 */
export function replicaProblem(infoReplication: string): string | undefined {
  const info = parseInfo(infoReplication);
  const role = infoField(info, 'role');
  if (role !== 'slave') return `the node Sentinel named answers as a ${role ?? 'node of unknown role'}, not a replica`;
  const link = infoField(info, 'master_link_status');
  if (link !== 'up') return `its link to the master is down (master_link_status:${link ?? 'unknown'})`;
  return undefined;
}

/**
 * Why the replica client did not connect, in words about the replica: ioredis says "All sentinels
 * are unreachable" (with no last error) when the Sentinels answered but named no replica that is
 * up — the master's client reached the same Sentinels — ECONNREFUSED names the replica's address, and
 * a replica that went away after it answered leaves only ioredis' "Connection is closed".
 */
export function replicaConnectReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/All sentinels are unreachable/.test(text) && !/Last error/.test(text)) return 'Sentinel names no replica that is up';
  const { code, address, port } = error as { code?: string; address?: string; port?: number };
  if (code === 'ECONNREFUSED' && address) return `replica ${address}:${port ?? '?'} refuses connections`;
  // ioredis' own words when a replica it was connected to went away (stopped, killed, restarted).
  if (/Connection is closed|Stream isn't writeable|Command aborted due to connection close/i.test(text)) return 'the replica closed the connection';
  return text;
}

/** The one sentence saying the master is read instead (progress, report notes, log, stderr). */
export function replicaFallbackNote(name: string, reason: string): string {
  return `No replica of "${name}" can be read (${reason.replace(/[.\s]+$/, '')}), so the analysis reads the master.`;
}

export interface ReadTarget<C> {
  client: C | Redis;
  /** "read from replica 127.0.0.1:6381", or why the master is read instead. */
  readFrom: string;
  /** The replica could not be read: `readFrom` says why, once, for the caller to show and log. */
  fellBack: boolean;
}

/**
 * A replica's client when one can be read, else the master's: Sentinel names no replica, the one it
 * names is down or refuses the connection (`replica()` rejects), or it is not a working replica
 * ({@link replicaProblem}). Only reads go through either client, so the caller's read-only state and
 * load budget apply to the master as they would have to the replica.
 */
export async function replicaOrMaster<C>(target: { name: string; throughTunnel: boolean; replica: () => Promise<Redis>; master: () => Promise<C>; redact?: (text: string) => string }): Promise<ReadTarget<C>> {
  let reason: string;
  try {
    const replica = await target.replica();
    const problem = replicaProblem(String(await replica.info('replication')));
    if (!problem) return { client: replica, readFrom: describeReplicaRead(replica, target.throughTunnel), fellBack: false };
    reason = problem;
  } catch (error) {
    reason = replicaConnectReason(error);
  }
  return { client: await target.master(), readFrom: replicaFallbackNote(target.name, target.redact ? target.redact(reason) : reason), fellBack: true };
}
