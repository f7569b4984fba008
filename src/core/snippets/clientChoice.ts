// Which snippet variant fits a workspace: its installed client library and, for node-redis, its major version
// (v4 and v5 spell SET options, transactions and type mappings differently, so a v5 snippet fails to compile on v4).
import type { ClientVersions } from '../analysis/detectClientVersions';
import type { SnippetClient } from './catalog';

/** The variants the workspace can use, in a stable order; empty when it depends on neither client. */
export function snippetClientsFor(versions: Pick<ClientVersions, 'ioredisMajor' | 'nodeRedisMajor'>): SnippetClient[] {
  const clients: SnippetClient[] = [];
  if (versions.ioredisMajor !== null) clients.push('ioredis');
  if (versions.nodeRedisMajor === 5) clients.push('node-redis');
  if (versions.nodeRedisMajor === 4) clients.push('node-redis-v4');
  return clients;
}
