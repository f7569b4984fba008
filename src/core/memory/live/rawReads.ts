import type { Redis } from 'ioredis';
import type { BatchReader } from './keyReads';
import { PipelineReader } from './pipelineReader';
import { RawReadConnection } from './rawReadConnection';

/**
 * The analysis' own raw connection per node, opened at the node's first page and closed at the
 * end (or on cancel). A node whose connection cannot be opened keeps the ioredis pipeline: the
 * analysis then is slower, never failed, by it.
 */
export class RawReads {
  private readonly opened = new Map<Redis, Promise<RawReadConnection | undefined>>();
  private closed = false;

  async of(node: Redis): Promise<BatchReader> {
    if (this.closed) return new PipelineReader(node);
    let connection = this.opened.get(node);
    if (!connection) {
      connection = RawReadConnection.open(node).catch(() => undefined);
      this.opened.set(node, connection);
    }
    return (await connection) ?? new PipelineReader(node);
  }

  close(): void {
    this.closed = true;
    for (const connection of this.opened.values()) void connection.then((c) => c?.close());
  }
}
