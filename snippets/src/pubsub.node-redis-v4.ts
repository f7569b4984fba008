// Pub/Sub with JSON messages on a dedicated subscriber connection (a subscribed connection can run nothing else).
// Delivery is at most once: a message published while nobody listens is gone (use a stream for durability).
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const CHANNEL_PREFIX = '${1:events:}';

export type MessageHandler<T> = (message: T, channel: string) => void;

export class PubSub<T> {
  private readonly subscriber: RedisClient;
  private connecting?: Promise<unknown>;

  constructor(
    private readonly publisher: RedisClient,
    private readonly onError: (error: unknown) => void = console.error,
    private readonly channelPrefix: string = CHANNEL_PREFIX,
  ) {
    this.subscriber = publisher.duplicate();
    this.subscriber.on('error', onError);
  }

  /** Resolves with the number of subscribers that received the message. */
  async publish(channel: string, message: T): Promise<number> {
    return this.publisher.publish(this.channelPrefix + channel, JSON.stringify(message));
  }

  /** Resolves once subscribed; the returned function removes this handler (node-redis unsubscribes after the last). */
  async subscribe(channel: string, handler: MessageHandler<T>): Promise<() => Promise<void>> {
    await this.connected();
    const name = this.channelPrefix + channel;
    const listener = (raw: string, from: string) => this.dispatch(handler, raw, from);
    await this.subscriber.subscribe(name, listener);
    return () => this.subscriber.unsubscribe(name, listener);
  }

  /** Glob-style pattern, e.g. 'orders:*' (the channel prefix is added). */
  async psubscribe(pattern: string, handler: MessageHandler<T>): Promise<() => Promise<void>> {
    await this.connected();
    const name = this.channelPrefix + pattern;
    const listener = (raw: string, from: string) => this.dispatch(handler, raw, from);
    await this.subscriber.pSubscribe(name, listener);
    return () => this.subscriber.pUnsubscribe(name, listener);
  }

  async close(): Promise<void> {
    if (this.subscriber.isOpen) await this.subscriber.quit();
  }

  private async connected(): Promise<void> {
    this.connecting ??= this.subscriber.connect();
    await this.connecting;
  }

  private dispatch(handler: MessageHandler<T>, raw: string, channel: string): void {
    let message: T;
    try {
      message = JSON.parse(raw) as T;
    } catch (error) {
      this.onError(error);
      return;
    }
    handler(message, channel.slice(this.channelPrefix.length));
  }
}
$0
