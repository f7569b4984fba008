// Pub/Sub with JSON messages on a dedicated subscriber connection (a subscribed connection can run nothing else).
// Delivery is at most once: a message published while nobody listens is gone (use a stream for durability).
import type { Cluster, Redis } from 'ioredis';

const CHANNEL_PREFIX = '${1:events:}';

export type MessageHandler<T> = (message: T, channel: string) => void;

interface Subscription<T> {
  readonly handlers: Set<MessageHandler<T>>;
  /** Settles when the server confirmed the (P)SUBSCRIBE. */
  readonly ready: Promise<unknown>;
}

export class PubSub<T> {
  private readonly subscriber: Redis | Cluster;
  private readonly channels = new Map<string, Subscription<T>>();
  private readonly patterns = new Map<string, Subscription<T>>();

  constructor(
    private readonly publisher: Redis | Cluster,
    private readonly onError: (error: unknown) => void = console.error,
    private readonly channelPrefix: string = CHANNEL_PREFIX,
  ) {
    this.subscriber = publisher.duplicate();
    this.subscriber.on('error', onError);
    this.subscriber.on('message', (channel: string, raw: string) => this.dispatch(this.channels.get(channel), channel, raw));
    this.subscriber.on('pmessage', (pattern: string, channel: string, raw: string) => this.dispatch(this.patterns.get(pattern), channel, raw));
  }

  /** Resolves with the number of subscribers that received the message. */
  async publish(channel: string, message: T): Promise<number> {
    return this.publisher.publish(this.channelPrefix + channel, JSON.stringify(message));
  }

  /** Resolves once subscribed; the returned function removes this handler (and unsubscribes after the last one). */
  async subscribe(channel: string, handler: MessageHandler<T>): Promise<() => Promise<void>> {
    return this.add(this.channels, this.channelPrefix + channel, handler, {
      subscribe: (name) => this.subscriber.subscribe(name),
      unsubscribe: (name) => this.subscriber.unsubscribe(name),
    });
  }

  /** Glob-style pattern, e.g. 'orders:*' (the channel prefix is added). */
  async psubscribe(pattern: string, handler: MessageHandler<T>): Promise<() => Promise<void>> {
    return this.add(this.patterns, this.channelPrefix + pattern, handler, {
      subscribe: (name) => this.subscriber.psubscribe(name),
      unsubscribe: (name) => this.subscriber.punsubscribe(name),
    });
  }

  async close(): Promise<void> {
    this.channels.clear();
    this.patterns.clear();
    await this.subscriber.quit();
  }

  private async add(
    subscriptions: Map<string, Subscription<T>>,
    name: string,
    handler: MessageHandler<T>,
    commands: { subscribe(name: string): Promise<unknown>; unsubscribe(name: string): Promise<unknown> },
  ): Promise<() => Promise<void>> {
    let subscription = subscriptions.get(name);
    if (!subscription) {
      subscription = { handlers: new Set(), ready: commands.subscribe(name) };
      subscriptions.set(name, subscription);
    }
    subscription.handlers.add(handler);
    await subscription.ready;
    const current = subscription;
    return async () => {
      current.handlers.delete(handler);
      if (current.handlers.size === 0 && subscriptions.get(name) === current) {
        subscriptions.delete(name);
        await commands.unsubscribe(name);
      }
    };
  }

  private dispatch(subscription: Subscription<T> | undefined, channel: string, raw: string): void {
    if (!subscription) return;
    let message: T;
    try {
      message = JSON.parse(raw) as T;
    } catch (error) {
      this.onError(error);
      return;
    }
    for (const handler of subscription.handlers) handler(message, channel.slice(this.channelPrefix.length));
  }
}
$0
