import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './clientFactory';

/**
 * ioredis emits an `error` on every failed reconnect attempt (and a Cluster a `node error` per
 * node and attempt), so a dead master would fill the log with the same line every few hundred
 * milliseconds. This listens on the client and every node (a missing listener makes ioredis
 * print "[ioredis] Unhandled error event") and logs the first problem of each outage once per source, then once
 * more when that source is ready again.
 */
export function logProblemsOnce(client: RedisClient, log: (message: string) => void, describe: (error: unknown) => string): void {
  // The first problem of an outage, per source. A retry loop reports the same outage in several
  // words (refused, closed during setup, connection lost), so later errors add nothing until the
  // source is ready again.
  const down = new Set<string>();
  const report = (source: string, error: unknown): void => {
    if (down.has(source)) return;
    down.add(source);
    const message = describe(error);
    log(source === '' ? message : `${source}: ${message}`);
  };
  const recovered = (source: string): void => {
    if (!down.delete(source)) return;
    log(source === '' ? 'connection restored' : `${source}: connection restored`);
  };
  client.on('error', (error: unknown) => report('', error));
  client.on('ready', () => recovered(''));
  if (!(client instanceof Cluster)) return;
  client.on('node error', (error: unknown, address: string) => report(`node ${address}`, error));
  const watchNode = (node: Redis): void => {
    const address = `${node.options.host}:${node.options.port}`;
    // The pool forwards to 'node error' only while the node is in the pool; this one survives its removal.
    node.on('error', (error: unknown) => report(`node ${address}`, error));
    node.on('ready', () => recovered(`node ${address}`));
  };
  for (const node of client.nodes('all')) watchNode(node);
  client.on('+node', watchNode);
}
