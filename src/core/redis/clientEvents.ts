import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './clientFactory';

/**
 * ioredis emits an `error` on every failed reconnect attempt (and a Cluster a `node error` per
 * node and attempt), so a dead master would fill the log with the same line every few hundred
 * milliseconds. This listens on the client and every node (a missing listener makes ioredis
 * print "[ioredis] Unhandled error event") and logs each problem once per source, then once
 * more when that source is ready again.
 */
export function logProblemsOnce(client: RedisClient, log: (message: string) => void, describe: (error: unknown) => string): void {
  const last = new Map<string, string>();
  const report = (source: string, error: unknown): void => {
    const message = describe(error);
    if (last.get(source) === message) return;
    last.set(source, message);
    log(source === '' ? message : `${source}: ${message}`);
  };
  const recovered = (source: string): void => {
    if (!last.has(source)) return;
    last.delete(source);
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
