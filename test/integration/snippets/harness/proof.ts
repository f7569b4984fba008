// What a pattern proof gets and provides. A proof is a set of named checks, each run once per client against
// the snippet's default text, loaded as a module.
import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import type { SnippetClient } from '../../../../src/core/snippets/catalog';
import type { ClusterFixture, RedisFixture } from '../../../fixtures/redis';
import type { SnippetConnection } from './clients';

export interface ProofContext {
  readonly client: SnippetClient;
  /** The snippet's exports. */
  readonly module: Record<string, unknown>;
  readonly server: RedisFixture;
  /** An ioredis connection to `server` for setting up and inspecting state, whatever the snippet's client. */
  readonly admin: Redis;
  /** A new connection of the snippet's client library to `server` (closed after the check). */
  connect(): Promise<SnippetConnection>;
  /** Several at once, for real concurrency: one connection per simulated process. */
  connectMany(count: number): Promise<SnippetConnection[]>;
  /** Drops a connection abruptly, as a crashed process would. */
  kill(connection: SnippetConnection): void;
  /** A Redis Cluster (started on first use, shared by the suite) and a connection of the snippet's client to it. */
  cluster(): Promise<{ fixture: ClusterFixture; connection: SnippetConnection; admin: Cluster }>;
}

export type Check = (ctx: ProofContext) => Promise<void>;

export interface PatternProof {
  /** Check name → check; names read as the invariant they prove. */
  readonly checks: Readonly<Record<string, Check>>;
}

/** Typed access to a snippet export the proof relies on; a clear failure when the snippet renamed it. */
export function exported<T>(ctx: ProofContext, name: string): T {
  const value = ctx.module[name];
  if (value === undefined) throw new Error(`${ctx.client} snippet does not export "${name}"`);
  return value as T;
}
