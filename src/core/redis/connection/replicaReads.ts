import type { Redis } from 'ioredis';
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
