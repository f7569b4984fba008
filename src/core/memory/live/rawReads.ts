import type { Redis } from 'ioredis';
import type { BatchReader } from './keyReads';
import { PipelineReader } from './pipelineReader';
import { RawReadConnection } from './rawReadConnection';

/** A node read through its ioredis client because the analysis' own connection could not be opened. */
export interface ReadFallback {
  node: string;
  /** Why, in the server's or the socket's words. */
  reason: string;
}

/**
 * The analysis' own raw connection per node, opened at the node's first page and closed at the
 * end (or on cancel). A node whose connection cannot be opened keeps the ioredis pipeline: the
 * analysis then is slower, never failed, by it — and {@link fallbacks} says so for the report.
 */
export class RawReads {
  private readonly opened = new Map<Redis, Promise<RawReadConnection | undefined>>();
  private closed = false;
  readonly fallbacks: ReadFallback[] = [];

  /** `address` names the node in {@link fallbacks}. */
  async of(node: Redis, address: string): Promise<BatchReader> {
    if (this.closed) return new PipelineReader(node);
    let connection = this.opened.get(node);
    if (!connection) {
      connection = RawReadConnection.open(node).then(
        (opened) => {
          if (!opened) this.fallbacks.push({ node: address, reason: 'the address its client reached is unknown' });
          return opened;
        },
        (error: unknown) => {
          this.fallbacks.push({ node: address, reason: error instanceof Error ? error.message : String(error) });
          return undefined;
        },
      );
      this.opened.set(node, connection);
    }
    return (await connection) ?? new PipelineReader(node);
  }

  close(): void {
    this.closed = true;
    for (const connection of this.opened.values()) void connection.then((c) => c?.close());
  }
}
