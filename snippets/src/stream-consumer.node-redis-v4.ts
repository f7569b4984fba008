// Stream consumer group with at-least-once processing: a message is acknowledged only after its handler
// succeeded; messages a dead consumer left pending are taken over with XAUTOCLAIM after reclaimIdleMs, and a
// handler that throws leaves its message pending to be retried the same way (count deliveries with XPENDING
// to dead-letter poison messages). MAXLEN trimming drops entries even when unprocessed: keep it far above the backlog.
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const STREAM_KEY = '${1:events:stream}';
const STREAM_GROUP = '${2:workers}';
const STREAM_MAX_LENGTH = ${3:100000};
const STREAM_RECLAIM_IDLE_MS = ${4:60000};
const STREAM_BLOCK_MS = ${5:5000};
const STREAM_BATCH_SIZE = ${6:50};

// #include stream-entries.node-redis-v4

export type StreamHandler = (fields: Record<string, string>, id: string) => Promise<void>;

export interface StreamOptions {
  stream?: string;
  group?: string;
  maxLength?: number;
  reclaimIdleMs?: number;
  blockMs?: number;
  batchSize?: number;
  onError?: (error: unknown, id: string) => void;
}

export class StreamConsumerGroup {
  private readonly stream: string;
  private readonly group: string;
  private readonly maxLength: number;
  private readonly reclaimIdleMs: number;
  private readonly blockMs: number;
  private readonly batchSize: number;
  private readonly onError: (error: unknown, id: string) => void;
  private blocking?: Promise<RedisClient>;

  /** Consumers block on their connection: give each one its own (await client.duplicate().connect()). */
  constructor(private readonly client: RedisClient, options: StreamOptions = {}) {
    this.stream = options.stream ?? STREAM_KEY;
    this.group = options.group ?? STREAM_GROUP;
    this.maxLength = options.maxLength ?? STREAM_MAX_LENGTH;
    this.reclaimIdleMs = options.reclaimIdleMs ?? STREAM_RECLAIM_IDLE_MS;
    this.blockMs = options.blockMs ?? STREAM_BLOCK_MS;
    this.batchSize = options.batchSize ?? STREAM_BATCH_SIZE;
    this.onError = options.onError ?? ((error, id) => console.error(`stream message ${id} failed`, error));
  }

  /** Appends a message (at least one field) and returns its id; the stream is trimmed to about maxLength. */
  async add(fields: Record<string, string>): Promise<string> {
    return this.client.xAdd(this.stream, '*', fields, {
      TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.maxLength },
    });
  }

  /** Creates the group (and the stream) once, starting from the first entry; an existing group (BUSYGROUP) is fine. */
  async ensureGroup(): Promise<void> {
    try {
      await this.client.xGroupCreate(this.stream, this.group, '0', { MKSTREAM: true });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('BUSYGROUP')) throw error;
    }
  }

  /** One round for `consumer`: take over stuck messages, then read new ones (blocking up to blockMs). */
  async processBatch(consumer: string, handler: StreamHandler): Promise<number> {
    const claimed = await this.client.xAutoClaim(this.stream, this.group, consumer, this.reclaimIdleMs, '0-0', {
      COUNT: this.batchSize,
    });
    const handled = await this.handle(toStreamEntries(claimed.messages), handler);
    const blocking = await this.blockingClient();
    const reply = await blocking.xReadGroup(this.group, consumer, { key: this.stream, id: '>' }, {
      COUNT: this.batchSize,
      BLOCK: this.blockMs,
    });
    return handled + (await this.handle(readGroupEntries(reply), handler));
  }

  /** Processes until the signal aborts (checked between batches). */
  async run(consumer: string, handler: StreamHandler, signal: AbortSignal): Promise<void> {
    await this.ensureGroup();
    while (!signal.aborted) await this.processBatch(consumer, handler);
  }

  /** Closes the dedicated blocking connection (call after the consumer loop ended). */
  async close(): Promise<void> {
    const blocking = await this.blocking;
    this.blocking = undefined;
    if (blocking?.isOpen) await blocking.quit();
  }

  /** Blocking reads hold their connection: they run on a dedicated duplicate, so the shared client stays free. */
  private blockingClient(): Promise<RedisClient> {
    this.blocking ??= (async () => {
      const blocking = this.client.duplicate();
      blocking.on('error', (error) => console.error('stream consumer: blocking connection error', error));
      await blocking.connect();
      return blocking;
    })();
    return this.blocking;
  }

  private async handle(entries: StreamEntry[], handler: StreamHandler): Promise<number> {
    let handled = 0;
    for (const { id, fields } of entries) {
      try {
        await handler(fields, id);
      } catch (error) {
        this.onError(error, id);
        continue;
      }
      await this.client.xAck(this.stream, this.group, id);
      handled++;
    }
    return handled;
  }
}
$0
